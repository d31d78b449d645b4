import Foundation
import SquallRequests

/// Named regions of source files, marked as DocC marks slices of Swift snippets:
///
///     // snippet.hi-handler
///     final class LessonGreetHandler: RequestHandler { … }
///     // snippet.end
///
/// (`# snippet.NAME` / `# snippet.end` in Python). Lessons show regions of files that are
/// compiled or run by the tests, so a lesson's code is always whole and always true. Inside a
/// region, `snippet.hide` … `snippet.show` leaves lines out; marker lines are never shown;
/// regions may nest. A region is dedented by the indentation its lines share. Pure.
package enum Snippets {
  /// Every region of `text`, by name; or the problems found (a region not closed, an `end`
  /// without a start, a name used twice), each with its line.
  package static func regions(in text: String) -> (
    regions: [String: [String]], problems: [(line: Int, message: String)]
  ) {
    var regions: [String: [String]] = [:]
    var problems: [(Int, String)] = []
    var open: [(name: String, line: Int, lines: [String])] = []
    var hidden = false
    for (index, line) in TextLines.split(text).enumerated() {
      if let marker = marker(line) {
        switch marker {
        case "end":
          guard let region = open.popLast() else {
            problems.append((index + 1, "snippet.end without a snippet.NAME before it"))
            continue
          }
          if regions[region.name] != nil {
            problems.append((region.line, "two regions are named \(region.name)"))
          }
          regions[region.name] = dedent(region.lines)
          if let outer = open.indices.last { open[outer].lines += region.lines }
        case "hide": hidden = true
        case "show": hidden = false
        default: open.append((marker, index + 1, []))
        }
        continue
      }
      if !hidden, !open.isEmpty { open[open.count - 1].lines.append(line) }
    }
    for region in open { problems.append((region.line, "snippet.\(region.name) is not closed by a snippet.end")) }
    return (regions, problems)
  }

  /// The marker a line holds (`hi-handler`, `end`, `hide`, `show`), or nil.
  static func marker(_ line: String) -> String? {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    for prefix in ["// snippet.", "# snippet."] where trimmed.hasPrefix(prefix) {
      let name = String(trimmed.dropFirst(prefix.count))
      let valid =
        !name.isEmpty
        && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
      return valid ? name : nil
    }
    return nil
  }

  /// The lines without the indentation they all share (blank lines aside), trailing blank
  /// lines dropped.
  static func dedent(_ lines: [String]) -> [String] {
    var lines = lines
    while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
    while lines.first?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeFirst() }
    let indents = lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map {
      $0.prefix { $0 == " " }.count
    }
    let shared = indents.min() ?? 0
    return lines.map { $0.count >= shared ? String($0.dropFirst(shared)) : "" }
  }
}
