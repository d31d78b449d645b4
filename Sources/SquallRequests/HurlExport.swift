import SquallChecks

extension RequestExport {
  /// The request as a Hurl entry that `squall requests import` reads back: `{{variables}}`
  /// kept (Hurl has the same syntax: `hurl --variable base=…`), asserts under `HTTP *` /
  /// `[Asserts]`, captures under `[Captures]`. An assert Hurl cannot say (`or`, a field it has
  /// not) is written as a comment that says so. Pure.
  static func hurl(_ spec: RequestSpec) -> String {
    var lines = ["\(spec.method.uppercased()) \(spec.url)"]
    for row in spec.enabledHeaders where !row.name.isEmpty { lines.append("\(row.name): \(row.value)") }
    if !spec.username.isEmpty || !spec.password.isEmpty {
      lines += ["[BasicAuth]", "\(spec.username): \(spec.password)"]
    }
    switch spec.bodyKind {
    case .none: break
    case .json, .raw:
      let trimmed = spec.body.trimmingCharacters(in: .whitespacesAndNewlines)
      let fenced = spec.body.split(separator: "\n", omittingEmptySubsequences: false).contains {
        $0.trimmingCharacters(in: .whitespaces).hasPrefix("```")
      }
      if fenced {
        lines.append("# not exported (a ``` line inside cannot be written in Hurl): the body")
      } else if spec.body.unicodeScalars.contains("\r") {
        // A line-based file reads a CR before LF as a CRLF line end: the body would not come back.
        lines.append("# not exported (a carriage return inside cannot be written in a Hurl file): the body")
      } else if spec.bodyKind == .json && (trimmed.hasPrefix("{") || trimmed.hasPrefix("[")) {
        lines.append(spec.body)
      } else {
        lines += ["```" + (spec.bodyKind == .json ? "json" : ""), spec.body, "```"]
      }
    case .form:
      lines.append("[Form]")
      for field in spec.fields where field.enabled { lines.append("\(field.name): \(field.value)") }
    case .multipart:
      lines.append("[Multipart]")
      for field in spec.fields where field.enabled {
        lines.append("\(field.name): " + (field.isFile ? "file,\(field.value);" : field.value))
      }
    }
    guard !spec.asserts.isEmpty || !spec.captures.isEmpty else { return withoutCarriageReturns(lines) }
    lines += ["", "HTTP *"]
    if !spec.captures.isEmpty {
      lines.append("[Captures]")
      for capture in spec.captures {
        switch CheckParser.parse("\(capture.query) exists", subject: ResponseFacts.subject) {
        case .success(.comparison(let comparison)) where comparison.predicate == .exists:
          if let query = hurlQuery(comparison.query) {
            lines.append("\(capture.name): \(query)")
            continue
          }
        case .success, .failure: break
        }
        lines.append("# not exported (Hurl has no such query): \(capture.name): \(capture.query)")
      }
    }
    if !spec.asserts.isEmpty {
      lines.append("[Asserts]")
      for assert in spec.asserts {
        guard case .success(let expression) = CheckParser.parse(assert, subject: ResponseFacts.subject),
          let written = hurlAsserts(expression)
        else {
          lines.append("# not exported (Hurl cannot say it): \(assert)")
          continue
        }
        lines += written
      }
    }
    return withoutCarriageReturns(lines)
  }

  /// The lines as a file, each line holding a CR (a header value, a URL) written as a comment
  /// instead: a line-based file reads a CR before LF as a CRLF line end, so it would not read
  /// back the same.
  private static func withoutCarriageReturns(_ lines: [String]) -> String {
    let text = lines.joined(separator: "\n")
    guard text.unicodeScalars.contains("\r") else { return text + "\n" }
    return text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      line.contains("\r")
        ? "# not exported (a carriage return inside cannot be written in a Hurl file)"
        : String(String.UnicodeScalarView(line))
    }.joined(separator: "\n") + "\n"
  }

  static func hurlQuery(_ query: Query) -> String? {
    switch query.field {
    case "status", "body", "duration": query.field
    case "size": "bytes count"
    case "header": query.argument.map { "header \(hurlString($0))" }
    case Query.json: "jsonpath \(hurlString(query.text))"
    default: nil
    }
  }

  /// Hurl lines for a condition: comparisons joined by `and` are lines of their own; `or` and
  /// a `not` over a group have no Hurl form (nil).
  static func hurlAsserts(_ expression: CheckExpression) -> [String]? {
    switch expression {
    case .all(let parts):
      let each = parts.map(hurlAsserts)
      return each.contains { $0 == nil } ? nil : each.flatMap { $0! }
    case .any: return nil
    case .not(.comparison(let comparison)): return hurlAssert(comparison).map { ["\($0.query) not \($0.rest)"] }
    case .not: return nil
    case .comparison(let comparison): return hurlAssert(comparison).map { ["\($0.query) \($0.rest)"] }
    }
  }

  static func hurlAssert(_ comparison: Comparison) -> (query: String, rest: String)? {
    guard let query = hurlQuery(comparison.query) else { return nil }
    guard let value = comparison.value else { return (query, comparison.predicate.rawValue) }
    let written: String
    if comparison.query.field == "duration", value.text.hasSuffix("ms"), Double(value.text.dropLast(2)) != nil {
      written = String(value.text.dropLast(2))  // as written
    } else if comparison.query.field == "duration" {
      guard let seconds = value.number else { return nil }
      let milliseconds = seconds * 1000
      written = milliseconds == milliseconds.rounded() ? String(Int(milliseconds)) : String(milliseconds)
    } else if !value.quoted, Double(value.text) != nil, ["status", "size", Query.json].contains(comparison.query.field)
    {
      written = value.text
    } else if !value.quoted, ["true", "false", "null"].contains(value.text), comparison.query.field == Query.json {
      written = value.text
    } else {
      written = hurlString(value.text)
    }
    return (query, "\(comparison.predicate.rawValue) \(written)")
  }

  static func hurlString(_ text: String) -> String {
    var out = "\""
    for character in text {
      switch character {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default: out.append(character)
      }
    }
    return out + "\""
  }
}
