import Foundation
import SquallValues
import Testing

@testable import SquallPlaygroundCore

/// The message catalogue: every status message the playground's code writes (each literal given
/// to `setMessage`, `setBackgroundMessage` or a pane's `PaneReply.say`, its interpolations filled with long values) shown
/// in an 80-column status bar. Each must be whole: wrapped at spaces within the bar's rows,
/// nothing cut, no "…" pointing elsewhere.
@Suite struct MessageCatalogueTests {
  static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/SquallPlaygroundCore")

  /// Each message literal of the core's sources (the concatenated parts of one message joined),
  /// with `file:line`; an interpolation becomes a value as long as a real one gets (a URL with a
  /// five-digit port and a path).
  static func catalogue() throws -> [(place: String, text: String)] {
    var found: [(String, String)] = []
    let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
      .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
    let call = try Regex(#"(?:set(?:Background)?Message|\.say|\.refused)\(\s*((?:"(?:[^"\\]|\\.)*"\s*(?:\+\s*)?)+)"#)
    let literal = try Regex(#""((?:[^"\\]|\\.)*)""#)
    let interpolation = try Regex(#"\\\((?:[^()]|\([^()]*\))*\)"#)
    for file in files {
      let text = try String(contentsOf: file, encoding: .utf8)
      for match in text.matches(of: call) {
        let parts = String(text[match.range]).matches(of: literal).map { String($0.output[1].substring ?? "") }
        var message = parts.joined()
        message = message.replacing(interpolation, with: "http://127.0.0.1:65535/a/path")
        message = message.replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
        let line = text[..<match.range.lowerBound].filter { $0 == "\n" }.count + 1
        found.append(("\(file.lastPathComponent):\(line)", message))
      }
    }
    return found
  }

  @Test func theCatalogueIsFound() throws {
    let messages = try Self.catalogue()
    #expect(messages.count >= 80, "the catalogue reads the sources: \(messages.count) messages")
  }

  @Test func everyMessageIsWholeAt80Columns() throws {
    for (place, text) in try Self.catalogue() {
      var state = Fixtures.state(width: 80, height: 24)
      state.server.port = 65535
      state.setMessage(text)
      let rows = StatusBar.lines(state, width: 80)
      #expect(rows.count <= Layout.maxStatusRows, "\(place): \(rows.count) rows")
      #expect(!rows.contains { $0.contains("the whole message: Ctrl-P") }, "\(place): too long for the bar: \(text)")
      #expect(rows.allSatisfy { CellWidth.of($0) <= 80 }, "\(place): a row wider than the screen")
      let shown = rows.joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
      let whole = (StatusBar.serverText(state) + " " + TerminalSafe.escape(text)).split(whereSeparator: \.isWhitespace)
        .joined(separator: " ")
      #expect(shown == whole, "\(place): the message is not shown whole: \(text)")
    }
  }
}
