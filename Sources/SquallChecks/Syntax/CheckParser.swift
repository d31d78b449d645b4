/// Reads a check's condition:
///
///     expression := term ("or" term)*
///     term       := factor ("and" factor)*
///     factor     := "not" factor | "(" expression ")" | query predicate value?
///     query      := field | field.NAME | $.json.path
///
/// against a `Subject`, so an unknown field, a missing header name, a number compared with
/// text, a duration without its unit or a regular expression that does not compile is an
/// error at its column, never a check that silently fails. Pure: no I/O.
public enum CheckParser {
  public static func parse(_ text: String, subject: Subject) -> Result<CheckExpression, CheckSyntaxError> {
    switch Lexer.tokens(text) {
    case .failure(let error): return .failure(error)
    case .success(let tokens):
      guard !tokens.isEmpty else {
        return .failure(CheckSyntaxError(column: 1, "the check is empty; write a comparison, as `status == 200`"))
      }
      var parser = Parser(tokens: tokens, subject: subject, end: text.count + 1)
      do {
        let expression = try parser.expression()
        if let extra = parser.peek {
          throw CheckSyntaxError(
            column: extra.column, "\"\(extra.text)\" follows a complete comparison; join them with `and` or `or`")
        }
        return .success(expression)
      } catch let error as CheckSyntaxError {
        return .failure(error)
      } catch {
        return .failure(CheckSyntaxError(column: 1, "\(error)"))
      }
    }
  }

  static let keywords: Set<String> = ["and", "or", "not"]

  struct Parser {
    let tokens: [Token]
    let subject: Subject
    /// The column just past the text, for "expected … at the end".
    let end: Int
    var index = 0
    /// Groups and `not`s open now: bounded, so a hostile file cannot overflow the stack.
    var depth = 0
    static let maxDepth = 32

    var peek: Token? { index < tokens.count ? tokens[index] : nil }

    mutating func take() -> Token? {
      defer { index += 1 }
      return peek
    }

    func isWord(_ word: String) -> Bool {
      if case .word(let text)? = peek?.kind { return text == word }
      return false
    }

    mutating func expression() throws -> CheckExpression {
      var parts = [try term()]
      while isWord("or") {
        index += 1
        parts.append(try term())
      }
      return parts.count == 1 ? parts[0] : .any(parts)
    }

    mutating func term() throws -> CheckExpression {
      var parts = [try factor()]
      while isWord("and") {
        index += 1
        parts.append(try factor())
      }
      return parts.count == 1 ? parts[0] : .all(parts)
    }

    mutating func enter(_ token: Token) throws {
      depth += 1
      guard depth <= Self.maxDepth else {
        throw CheckSyntaxError(column: token.column, "more than \(Self.maxDepth) groups and nots inside each other")
      }
    }

    mutating func factor() throws -> CheckExpression {
      guard let token = take() else {
        throw CheckSyntaxError(column: end, "a comparison is missing at the end, as `status == 200`")
      }
      switch token.kind {
      case .word("not"):
        try enter(token)
        defer { depth -= 1 }
        return .not(try factor())
      case .open:
        try enter(token)
        defer { depth -= 1 }
        let inner = try expression()
        guard let close = take(), close.kind == .close else {
          throw CheckSyntaxError(column: token.column, "this ( is not closed")
        }
        return inner
      case .word(let word):
        return .comparison(try comparison(word, at: token))
      case .quoted, .symbol, .close:
        throw CheckSyntaxError(
          column: token.column, "\"\(token.text)\" is not a field; a comparison starts with one of \(subject.fieldList)"
        )
      }
    }

    mutating func comparison(_ word: String, at token: Token) throws -> Comparison {
      let (query, field) = try self.query(word, at: token)
      guard let next = take() else {
        throw CheckSyntaxError(
          column: end, "\(word) wants a comparison: == != < <= > >= contains startsWith matches exists")
      }
      let predicate: Predicate
      switch next.kind {
      case .symbol(let symbol): predicate = Predicate(rawValue: symbol)!
      case .word(let name):
        guard let found = Predicate(rawValue: name), !found.orders, found != .equals, found != .differs else {
          throw CheckSyntaxError(
            column: next.column,
            "\"\(name)\" is not a comparison; write == != < <= > >= contains startsWith matches or exists")
        }
        predicate = found
      case .quoted, .open, .close:
        throw CheckSyntaxError(
          column: next.column,
          "\"\(next.text)\" is not a comparison; write == != < <= > >= contains startsWith matches or exists")
      }
      guard predicate.takesValue else { return Comparison(query, predicate) }
      guard let valueToken = take() else {
        throw CheckSyntaxError(column: end, "\(word) \(predicate.rawValue) wants a value")
      }
      let value: Literal
      switch valueToken.kind {
      case .word(let text): value = Literal(text)
      case .quoted(let text): value = Literal(text, quoted: true)
      case .symbol, .open, .close:
        throw CheckSyntaxError(
          column: valueToken.column,
          "\(word) \(predicate.rawValue) wants a value; quote one that holds \"\(valueToken.text)\"")
      }
      try fits(value, predicate, field: field, query: word, at: valueToken.column)
      return Comparison(query, predicate, value)
    }

    func query(_ word: String, at token: Token) throws -> (Query, Subject.ValueKind) {
      if word == "$" || word.hasPrefix("$.") || word.hasPrefix("$[") {
        guard subject.readsJSON else {
          throw CheckSyntaxError(
            column: token.column, "\(subject.name) has no JSON body; it reads \(subject.fieldList)")
        }
        let path = word == "$" ? "" : String(word.dropFirst(word.hasPrefix("$.") ? 2 : 1))
        return (Query(Query.json, path), .mixed)
      }
      let parts = word.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
      let name = String(parts[0])
      guard let field = subject.field(name) else {
        let keyword = CheckParser.keywords.contains(name) ? " (\"\(name)\" joins comparisons)" : ""
        throw CheckSyntaxError(
          column: token.column, "\(subject.name) has no field \"\(name)\"\(keyword); it has \(subject.fieldList)")
      }
      switch field.argument {
      case .headerName:
        guard parts.count == 2, !parts[1].isEmpty else {
          throw CheckSyntaxError(column: token.column, "write \(name).NAME, as \(name).Content-Type")
        }
        return (Query(name, String(parts[1])), field.kind)
      case .none:
        guard parts.count == 1 else {
          throw CheckSyntaxError(column: token.column, "\(name) takes no \".\(parts[1])\"")
        }
        return (Query(name), field.kind)
      }
    }

    func fits(
      _ value: Literal, _ predicate: Predicate, field: Subject.ValueKind, query: String, at column: Int
    ) throws {
      switch field {
      case .duration:
        guard predicate.orders || predicate == .equals || predicate == .differs else {
          throw CheckSyntaxError(column: column, "\(query) is a duration: compare it with < <= > >= == or !=")
        }
        guard value.isDuration else {
          throw CheckSyntaxError(column: column, "\(query) is a duration: write its unit, as 100ms or 2s")
        }
      case .number:
        if predicate.orders || predicate == .equals || predicate == .differs, value.number == nil || value.isDuration {
          throw CheckSyntaxError(column: column, "\(query) is a number; \"\(value.text)\" is not")
        }
      case .flag:
        if predicate == .equals || predicate == .differs, !["true", "false"].contains(value.text) {
          throw CheckSyntaxError(column: column, "\(query) is true or false")
        }
        if predicate.orders { throw CheckSyntaxError(column: column, "\(query) is true or false: use == or !=") }
      case .text:
        if predicate.orders {
          throw CheckSyntaxError(
            column: column, "\(query) is text: compare it with == != contains startsWith or matches")
        }
      case .mixed:
        if predicate.orders, value.number == nil {
          throw CheckSyntaxError(column: column, "\(predicate.rawValue) compares numbers; \"\(value.text)\" is not one")
        }
      }
      if predicate == .matches, (try? Regex(value.text)) == nil {
        throw CheckSyntaxError(column: column, "\"\(value.text)\" is not a regular expression")
      }
    }
  }
}
