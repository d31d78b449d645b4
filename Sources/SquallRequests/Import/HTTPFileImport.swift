import Foundation
import SquallValues

/// `.http` / `.rest` files as VS Code's REST Client and JetBrains' HTTP client write them:
/// requests separated by `###` lines, `# @name NAME` (or `// @name`), a request line `METHOD
/// URL [HTTP/1.1]` (or a URL alone: GET) continued by lines that start with `?` or `&`, headers
/// to the first empty line, then the body. A `Content-Type` of JSON makes a JSON body, a form
/// type a form. File variables (`@base = …`) are not kept (name them with `--var`); a body read
/// from a file (`< path`) refuses its request; response handlers and other `@` directives are
/// named with their line. Pure: no I/O.
package enum HTTPFileImport {
  package static func parse(_ text: String, stem: String) -> ImportedRequests {
    let lines = TextLines.split(text)
    var out = ImportedRequests()
    var block: [(Int, String)] = []
    var title: String?
    var count = 0
    func flush() {
      if read(block, title: title, stem: stem, index: count + 1, into: &out) { count += 1 }
      block = []
    }
    for (offset, line) in lines.enumerated() {
      if line.hasPrefix("###") {
        flush()
        title = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
      } else {
        block.append((offset + 1, line))
      }
    }
    flush()
    return out
  }

  /// Reads one block; whether it held a request (imported or refused).
  @discardableResult
  static func read(
    _ block: [(Int, String)], title: String?, stem: String, index: Int, into out: inout ImportedRequests
  ) -> Bool {
    var name = title.flatMap { $0.isEmpty ? nil : $0 }
    var spec = RequestSpec()
    var start: Int?
    var headersDone = false
    var body: [String] = []
    var refusal: (Int, String)?
    for (number, raw) in block {
      let text = raw.trimmingCharacters(in: .whitespaces)
      if start == nil {
        if text.isEmpty { continue }
        if text.hasPrefix("#") || text.hasPrefix("//") {
          let comment = text.drop { $0 == "#" || $0 == "/" }.trimmingCharacters(in: .whitespaces)
          if comment.hasPrefix("@name") {
            name = comment.dropFirst(5).trimmingCharacters(in: CharacterSet(charactersIn: " =")).nilIfEmpty
          } else if comment.hasPrefix("@no-redirect") {
            spec.options.followRedirects = false
          } else if comment.hasPrefix("@") {
            let directive = comment.prefix { !$0.isWhitespace }
            out.notes.append(
              .init(line: number, message: "\(directive) has no meaning in Squall: left out", refused: false))
          }
          continue
        }
        if text.hasPrefix("@") {
          let variable = text.dropFirst().prefix { $0 != "=" && !$0.isWhitespace }
          out.notes.append(
            .init(
              line: number, message: "file variable @\(variable) is not kept: give it with --var \(variable)=…",
              refused: false))
          continue
        }
        let words = text.split(separator: " ").map(String.init)
        if words.count >= 2, ParserMethods.known.contains(words[0]) {
          spec.method = words[0]
          spec.url = words[1]
        } else {
          spec.method = "GET"
          spec.url = words[0]
        }
        start = number
        continue
      }
      if !headersDone {
        if text.isEmpty {
          headersDone = true
        } else if (text.hasPrefix("?") || text.hasPrefix("&")) && spec.headers.isEmpty {
          spec.url += text
        } else if text.hasPrefix("#") || text.hasPrefix("//") {
          continue
        } else if let colon = text.firstIndex(of: ":"), colon > text.startIndex {
          spec.headers.append(
            .init(
              String(text[..<colon]).trimmingCharacters(in: .whitespaces),
              String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
        } else {
          refusal = refusal ?? (number, "\"\(text.prefix(40))\" is not a header (NAME: VALUE)")
        }
        continue
      }
      if text.hasPrefix("< ") {
        refusal = refusal ?? (number, "a body read from a file (< PATH) is not supported; paste the body itself")
        continue
      }
      if text.hasPrefix("> ") || text.hasPrefix(">> ") {
        out.notes.append(.init(line: number, message: "response handlers are not run: left out", refused: false))
        continue
      }
      body.append(raw)
    }
    guard let start else { return false }
    let entryName = ImportedRequests.name(name, stem: stem, index: index)
    if let (line, why) = refusal {
      out.notes.append(
        .init(line: line, message: "entry \(entryName) (line \(start)) not imported: \(why)", refused: true))
      return true
    }
    while body.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { body.removeLast() }
    let text = body.joined(separator: "\n")
    if !text.isEmpty {
      let type = spec.header("Content-Type")?.lowercased() ?? ""
      if type.contains("json") {
        spec.bodyKind = .json
        spec.body = text
      } else if type.contains("x-www-form-urlencoded") {
        spec.bodyKind = .form
        spec.fields = text.replacingOccurrences(of: "\n", with: "").split(separator: "&").compactMap { pair in
          let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
            $0.removingPercentEncoding ?? String($0)
          }
          return parts[0].isEmpty ? nil : .init(parts[0], parts.count > 1 ? parts[1] : "")
        }
      } else {
        spec.bodyKind = .raw
        spec.body = text
      }
    }
    out.entries.append(.init(name: entryName, spec: spec, line: start))
    return true
  }
}

extension String {
  fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
