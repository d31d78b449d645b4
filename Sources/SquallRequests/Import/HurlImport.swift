import Foundation
import SquallChecks
import SquallValues

/// Hurl files (hurl.dev) read as saved requests: each entry's method, URL, headers,
/// `[Query]`, `[Form]`, `[Multipart]` (with `file,PATH;`), `[BasicAuth]`, `[Cookies]`, a JSON,
/// multiline (```) or one-line (`) body; its `HTTP <status>` line, implicit header asserts,
/// `[Asserts]` and `[Captures]` as asserts and captures in Squall's check grammar. A
/// `# name: NAME` comment before an entry names it, else `STEM-N`. `{{variables}}` stay as
/// they are (the syntax is the same). Pure: no I/O; linear in the text.
package enum HurlImport {
  /// An HTTP token (RFC 9110): what a header's name may be.
  static func isHeaderName(_ name: Substring) -> Bool {
    !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.!#$%&'*+^`|~".contains($0)) }
  }

  package static func parse(_ text: String, stem: String) -> ImportedRequests {
    var reader = Reader(
      lines: TextLines.split(text), stem: stem)
    reader.run()
    return reader.out
  }

  struct Reader {
    let lines: [String]
    let stem: String
    var out = ImportedRequests()
    var index = 0
    var pendingName: String?
    /// Entries read so far, refused ones included: the N of `STEM-N`.
    var count = 0

    init(lines: [String], stem: String) {
      self.lines = lines
      self.stem = stem
    }

    var line: Int { index + 1 }

    static func isSection(_ text: String) -> Bool {
      text.hasPrefix("[") && text.hasSuffix("]") && text.dropFirst().dropLast().allSatisfy(\.isLetter)
        && text.count > 2
    }

    static func requestLine(_ text: String) -> (String, String)? {
      let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
      guard parts.count == 2, ParserMethods.known.contains(parts[0]) else { return nil }
      return (parts[0], parts[1].trimmingCharacters(in: .whitespaces))
    }

    mutating func run() {
      while index < lines.count {
        let text = lines[index].trimmingCharacters(in: .whitespaces)
        if text.isEmpty {
          index += 1
        } else if text.hasPrefix("#") {
          let comment = text.dropFirst().trimmingCharacters(in: .whitespaces)
          if comment.lowercased().hasPrefix("name:") {
            pendingName = comment.dropFirst(5).trimmingCharacters(in: .whitespaces)
          }
          index += 1
        } else if let (method, url) = Self.requestLine(text) {
          entry(method: method, url: url)
        } else {
          out.notes.append(
            .init(line: line, message: "\"\(text.prefix(40))\" is not a request line (METHOD URL)", refused: true))
          skipToNextEntry()
        }
      }
    }

    mutating func skipToNextEntry() {
      index += 1
      while index < lines.count, Self.requestLine(lines[index].trimmingCharacters(in: .whitespaces)) == nil {
        index += 1
      }
    }

    /// Reads one entry from its request line to the next request line.
    mutating func entry(method: String, url: String) {
      let start = line
      count += 1
      let name = ImportedRequests.name(pendingName, stem: stem, index: count)
      pendingName = nil
      var spec = RequestSpec(method: method, url: url)
      var section = ""
      var inResponse = false
      var refusal: String?
      var refusalLine = start
      func refuse(_ why: String, at line: Int) {
        if refusal == nil {
          refusal = why
          refusalLine = line
        }
      }
      index += 1
      var query: [(String, String)] = []
      while index < lines.count {
        let raw = lines[index]
        let text = raw.trimmingCharacters(in: .whitespaces)
        if Self.requestLine(text) != nil { break }
        if text.hasPrefix("#") && !text.hasPrefix("#{") {
          let comment = text.dropFirst().trimmingCharacters(in: .whitespaces)
          if comment.lowercased().hasPrefix("name:") {
            pendingName = comment.dropFirst(5).trimmingCharacters(in: .whitespaces)
          }
          index += 1
          continue
        }
        if text.isEmpty {
          index += 1
          continue
        }
        if text == "HTTP" || text.hasPrefix("HTTP ") || text.hasPrefix("HTTP/") {
          inResponse = true
          section = ""
          let status = text.split(separator: " ").dropFirst().first.map(String.init) ?? "*"
          if status != "*" {
            if Int(status) != nil {
              spec.asserts.append("status == \(status)")
            } else {
              refuse("\"\(text)\" is not HTTP STATUS", at: line)
            }
          }
          index += 1
          continue
        }
        if Self.isSection(text) {
          section = String(text.dropFirst().dropLast())
          let known =
            inResponse
            ? ["Asserts", "Captures"]
            : [
              "QueryStringParams", "Query", "FormParams", "Form", "MultipartFormData", "Multipart", "BasicAuth",
              "Cookies",
            ]
          if !known.contains(section) {
            refuse(
              "[\(section)] is not supported here; Squall reads \(known.map { "[\($0)]" }.joined(separator: ", "))",
              at: line)
          }
          index += 1
          continue
        }
        let startsBody =
          text.hasPrefix("{") || text.hasPrefix("```") || text.hasPrefix("`") || text.hasPrefix("<")
          || (text.hasPrefix("[") && !Self.isSection(text))
        if !inResponse && (section.isEmpty ? !Self.isHeaderLine(text) : startsBody) {
          // The body comes after the sections (Hurl's order); an entry has one.
          section = ""
          guard spec.bodyKind == .none else {
            refuse("an entry has one body; this one follows another", at: line)
            index += 1
            continue
          }
          // The body: JSON, XML, ```multiline```, `one line`; files and bytes are refused.
          let bodyLine = line
          if let why = body(&spec) { refuse(why, at: bodyLine) }
          continue
        }
        if inResponse && section == "Asserts" {
          switch HurlAssert.assert(text) {
          case .success(let assert): spec.asserts.append(assert)
          case .failure(let why): refuse(why.text, at: line)
          }
          index += 1
          continue
        }
        guard let (key, value) = Self.keyValue(text) else {
          refuse("\"\(text.prefix(40))\" is not NAME: VALUE", at: line)
          index += 1
          continue
        }
        switch (inResponse, section) {
        case (false, ""):
          guard HurlImport.isHeaderName(Substring(key)) else {
            refuse("\"\(key)\" is not a header name", at: line)
            break
          }
          spec.headers.append(.init(key, value))
        case (false, "QueryStringParams"), (false, "Query"): query.append((key, value))
        case (false, "FormParams"), (false, "Form"):
          guard spec.bodyKind == .none || spec.bodyKind == .form else {
            refuse("an entry has one body; [Form] follows another", at: line)
            break
          }
          spec.bodyKind = .form
          spec.fields.append(.init(key, value))
        case (false, "MultipartFormData"), (false, "Multipart"):
          guard spec.bodyKind == .none || spec.bodyKind == .multipart else {
            refuse("an entry has one body; [Multipart] follows another", at: line)
            break
          }
          spec.bodyKind = .multipart
          if value.hasPrefix("file,") {
            let path = value.dropFirst(5).prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces)
            spec.fields.append(.init(key, path, isFile: true))
          } else {
            spec.fields.append(.init(key, Self.unquoted(value)))
          }
        case (false, "BasicAuth"):
          spec.username = key
          spec.password = value
        case (false, "Cookies"):
          spec.headers.append(.init("Cookie", "\(key)=\(value)"))
        case (true, ""):
          guard Self.isHeaderLine(text) else {
            refuse("\"\(key)\" is not a header name", at: line)
            break
          }
          guard !value.contains("{{") else {
            refuse("an assert cannot read a {{variable}} yet", at: line)
            break
          }
          // A header is text in Hurl: a value that reads as a number stays text ("5").
          let literal = Literal(value, quoted: Double(value) != nil || Literal.value(value).quoted)
          spec.asserts.append("header.\(key) == \(literal.written)")
        case (true, "Captures"):
          switch HurlAssert.query(value) {
          case .success(let query): spec.captures.append(.init(key, query))
          case .failure(let why): refuse("capture \(key): \(why.text)", at: line)
          }
        default:
          break
        }
        index += 1
      }
      if !query.isEmpty {
        let encoded = query.map { "\(Self.queryEncode($0.0))=\(Self.queryEncode($0.1))" }.joined(separator: "&")
        spec.url += (spec.url.contains("?") ? "&" : "?") + encoded
      }
      if let refusal {
        out.notes.append(
          .init(line: refusalLine, message: "entry \(name) (line \(start)) not imported: \(refusal)", refused: true))
      } else {
        out.entries.append(.init(name: name, spec: spec, line: start))
      }
    }

    /// Reads a body starting at the current line; returns why it is refused, if it is.
    mutating func body(_ spec: inout RequestSpec) -> String? {
      let text = lines[index].trimmingCharacters(in: .whitespaces)
      if text.hasPrefix("```") {
        let language = text.dropFirst(3).trimmingCharacters(in: .whitespaces)
        var collected: [String] = []
        index += 1
        while index < lines.count, lines[index].trimmingCharacters(in: .whitespaces) != "```" {
          collected.append(lines[index])
          index += 1
        }
        guard index < lines.count else { return "this ``` body is not closed" }
        index += 1
        spec.bodyKind = language == "json" ? .json : .raw
        spec.body = collected.joined(separator: "\n")
        return nil
      }
      if text.hasPrefix("`") {
        index += 1
        guard text.count >= 2, text.hasSuffix("`") else { return "this ` body is not closed on its line" }
        spec.bodyKind = .raw
        spec.body = String(text.dropFirst().dropLast())
        return nil
      }
      for form in ["file,", "base64,", "hex,"] where text.hasPrefix(form) {
        index += 1
        return "a \(form) body is not supported; paste the body itself"
      }
      // JSON or XML: every line up to the response (or the next entry).
      var collected: [String] = []
      while index < lines.count {
        let next = lines[index].trimmingCharacters(in: .whitespaces)
        if next == "HTTP" || next.hasPrefix("HTTP ") || next.hasPrefix("HTTP/") || Self.requestLine(next) != nil
          || (next.hasPrefix("#")
            && next.dropFirst().trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("name:"))
        {
          break
        }
        collected.append(lines[index])
        index += 1
      }
      while collected.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { collected.removeLast() }
      spec.bodyKind = text.hasPrefix("{") || text.hasPrefix("[") ? .json : .raw
      spec.body = collected.joined(separator: "\n")
      return nil
    }

    static func isHeaderLine(_ text: String) -> Bool {
      guard let colon = text.firstIndex(of: ":"), colon > text.startIndex else { return false }
      return HurlImport.isHeaderName(text[..<colon])
    }

    static func keyValue(_ text: String) -> (String, String)? {
      guard let colon = text.firstIndex(of: ":"), colon > text.startIndex else { return nil }
      return (
        String(text[..<colon]).trimmingCharacters(in: .whitespaces),
        String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
      )
    }

    static func unquoted(_ text: String) -> String {
      text.count >= 2 && text.hasPrefix("\"") && text.hasSuffix("\"") ? String(text.dropFirst().dropLast()) : text
    }

    static func queryEncode(_ text: String) -> String {
      var allowed = CharacterSet.urlQueryAllowed
      allowed.remove(charactersIn: "&=+")
      allowed.insert(charactersIn: "{}")
      return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
  }
}
