import SquallChecks

/// One Hurl assert or capture query in Squall's check grammar: `header "Content-Type" contains
/// "json"` → `header.Content-Type contains json`, `jsonpath "$.id" == 7` → `$.id == 7`,
/// `duration < 1000` → `duration < 1000ms`, `bytes count == 5` → `size == 5`. What Squall cannot
/// read (XPath, cookies, filters, a variable in a value) is refused with why. Pure.
enum HurlAssert {
  /// Why a line is refused, in words.
  struct Why: Error, Equatable {
    var text: String
    init(_ text: String) { self.text = text }
  }

  enum Token: Equatable {
    case word(String)
    case quoted(String)
    case regex(String)
  }

  static func tokens(_ text: String) -> Result<[Token], Why> {
    var out: [Token] = []
    var characters = Substring(text)
    while let first = characters.first {
      if first == " " || first == "\t" {
        characters = characters.dropFirst()
      } else if first == "#" {
        break  // a comment to the end of the line
      } else if first == "\"" || first == "/" {
        var value = ""
        var rest = characters.dropFirst()
        var closed = false
        while let next = rest.first {
          rest = rest.dropFirst()
          if next == "\\", let escaped = rest.first {
            rest = rest.dropFirst()
            switch escaped {
            case "n": value.append("\n")
            case "t": value.append("\t")
            case "\"", "\\": value.append(escaped)
            case "/" where first == "/": value.append("/")
            default:
              value.append("\\")
              value.append(escaped)
            }
          } else if next == first {
            closed = true
            break
          } else {
            value.append(next)
          }
        }
        guard closed else { return .failure(Why("a \(first) is not closed")) }
        out.append(first == "\"" ? .quoted(value) : .regex(value))
        characters = rest
      } else {
        let word = characters.prefix { $0 != " " && $0 != "\t" }
        out.append(.word(String(word)))
        characters = characters.dropFirst(word.count)
      }
    }
    return .success(out)
  }

  static let predicates: [String: Predicate] = [
    "==": .equals, "!=": .differs, "<": .less, "<=": .atMost, ">": .greater, ">=": .atLeast,
    "contains": .contains, "startsWith": .startsWith, "matches": .matches, "exists": .exists,
  ]

  /// The query at the start of `tokens`: its text in the grammar, whether its values are
  /// milliseconds, and how many tokens it took.
  static func query(_ tokens: [Token]) -> Result<(String, Bool, Int), Why> {
    switch (tokens.first, tokens.dropFirst().first) {
    case (.word("status")?, _): return .success(("status", false, 1))
    case (.word("body")?, _): return .success(("body", false, 1))
    case (.word("duration")?, _): return .success(("duration", true, 1))
    case (.word("bytes")?, .word("count")?): return .success(("size", false, 2))
    case (.word("header")?, .quoted(let name)?):
      guard HurlImport.isHeaderName(Substring(name)) else {
        return .failure(Why("header \"\(name)\" is not a header name"))
      }
      return .success(("header.\(name)", false, 2))
    case (.word("jsonpath")?, .quoted(let path)?):
      guard isSimplePath(path) else {
        return .failure(Why("jsonpath \"\(path)\": Squall reads $.a.b[0] paths, not filters or wildcards"))
      }
      return .success((path, false, 2))
    case (.word(let name)?, _):
      return .failure(
        Why(
          "Hurl's \(name) query has no Squall equivalent (Squall reads status, header, body, jsonpath, duration, bytes count)"
        ))
    default:
      return .failure(Why("an assert starts with a query, as status or jsonpath \"$.id\""))
    }
  }

  static func isSimplePath(_ path: String) -> Bool {
    guard path.hasPrefix("$") else { return false }
    var rest = path.dropFirst()
    while let first = rest.first {
      if first == "." {
        let name = rest.dropFirst().prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        guard !name.isEmpty else { return false }
        rest = rest.dropFirst(1 + name.count)
      } else if first == "[" {
        let digits = rest.dropFirst().prefix(while: \.isNumber)
        guard !digits.isEmpty, rest.dropFirst(1 + digits.count).first == "]" else { return false }
        rest = rest.dropFirst(2 + digits.count)
      } else {
        return false
      }
    }
    return true
  }

  /// A capture's query alone (`jsonpath "$.token"`).
  static func query(_ text: String) -> Result<String, Why> {
    tokens(text).flatMap { tokens in
      query(tokens).flatMap { query, _, used in
        used == tokens.count ? .success(query) : .failure(Why("filters after the query are not supported"))
      }
    }
  }

  /// A whole assert line.
  static func assert(_ text: String) -> Result<String, Why> {
    tokens(text).flatMap { tokens -> Result<String, Why> in
      query(tokens).flatMap { query, milliseconds, used -> Result<String, Why> in
        var rest = Array(tokens.dropFirst(used))
        var negated = false
        if rest.first == .word("not") {
          negated = true
          rest.removeFirst()
        }
        guard case .word(let name)? = rest.first else {
          return .failure(Why("a predicate follows the query, as == or contains"))
        }
        guard let predicate = predicates[name] else {
          return .failure(
            Why("\"\(name)\" is not supported (Squall has == != < <= > >= contains startsWith matches exists)"))
        }
        rest.removeFirst()
        var written = "\(query) \(predicate.rawValue)"
        if predicate.takesValue {
          guard rest.count == 1 else { return .failure(Why("\(name) takes one value")) }
          switch rest[0] {
          case .quoted(let value), .regex(let value):
            guard !value.contains("{{") else { return .failure(Why("an assert cannot read a {{variable}} yet")) }
            // Quoted only where it matters: a number as text ("2"), or a value that needs it.
            written += " " + Literal(value, quoted: Double(value) != nil || Literal.value(value).quoted).written
          case .word(let value):
            guard Double(value) != nil || ["true", "false", "null"].contains(value) else {
              return .failure(Why("\"\(value)\" is not a value (quote text, as \"\(value)\")"))
            }
            written += " " + value + (milliseconds ? "ms" : "")
          }
        } else if !rest.isEmpty {
          return .failure(Why("exists takes no value"))
        }
        let assert = negated ? "not \(written)" : written
        if case .failure(let error) = CheckParser.parse(assert, subject: ResponseFacts.subject) {
          return .failure(Why("it reads as \(assert), which \(error.message)"))
        }
        return .success(assert)
      }
    }
  }
}
