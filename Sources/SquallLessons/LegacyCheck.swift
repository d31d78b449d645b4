import SquallChecks

/// The first check form, `served method=GET path=/ body~"Hello"` (`=` equal, `~` containing,
/// `>=`, `<=`; times in seconds; `header.NAME=none` for a header not sent; `option name=NAME
/// value<=N`), read as the same condition in the grammar. One difference: text compares
/// exactly now, as Hurl's asserts do, where the old form ignored case. Pure.
enum LegacyCheck {
  /// The check, or what is wrong with it (its column in `text`); nil when `text` is not in
  /// the old form at all (its first word is no `field=value`).
  static func read(_ text: String, kind: Check.Kind) -> Result<Check, CheckSyntaxError>? {
    let first = text.drop { $0 == " " }.prefix { $0 != " " }
    guard let mark = first.firstIndex(where: { "=~<>".contains($0) }), mark > first.startIndex,
      !first[mark...].hasPrefix("=="), !first[first.index(before: mark)...].hasPrefix("!")
    else { return nil }
    func refuse(_ word: String, _ message: String) -> Result<Check, CheckSyntaxError> {
      let column = text.range(of: word).map { text.distance(from: text.startIndex, to: $0.lowerBound) + 1 } ?? 1
      return .failure(CheckSyntaxError(column: column, message))
    }
    var words: [String] = []
    var current = ""
    var quoted = false
    for character in text {
      if character == "\"" {
        quoted.toggle()
      } else if character == " " && !quoted {
        if !current.isEmpty { words.append(current) }
        current = ""
      } else {
        current.append(character)
      }
    }
    if quoted { return .failure(CheckSyntaxError(column: 1, "a \" quote is not closed")) }
    if !current.isEmpty { words.append(current) }
    var parts: [CheckExpression] = []
    var optionName: String?
    for word in words {
      guard
        let (symbol, range) = ["<=", ">=", "~", "="].compactMap({ symbol in
          word.range(of: symbol).map { (symbol, $0) }
        }).min(by: { $0.1.lowerBound < $1.1.lowerBound })
      else { return refuse(word, "\"\(word)\" is not field=value, field~text, field>=n or field<=n") }
      let name = String(word[..<range.lowerBound])
      let value = String(word[range.upperBound...])
      let predicate: Predicate =
        switch symbol {
        case "~": .contains
        case ">=": .atLeast
        case "<=": .atMost
        default: .equals
        }
      if kind == .option {
        switch name {
        case "name" where symbol == "=":
          guard kind.subject.field(value) != nil else {
            return refuse(word, "the Server pane has no option \"\(value)\"; it has \(kind.subject.fieldList)")
          }
          optionName = value
        case "value":
          guard let optionName else { return refuse(word, "write name=OPTION before value") }
          parts.append(.comparison(Comparison(Query(optionName), predicate, Literal.value(value))))
        default: return refuse(word, "option checks have name=OPTION and value=V")
        }
        continue
      }
      let split = name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
      guard let field = kind.subject.field(split[0]) else {
        return refuse(word, "\(kind.rawValue) has no field \"\(split[0])\"; it has \(kind.subject.fieldList)")
      }
      let query = Query(split[0], split.count > 1 ? split[1] : nil)
      if field.argument == .headerName {
        guard query.argument != nil else { return refuse(word, "write \(split[0]).NAME=value") }
        if value == "none" && predicate == .equals {
          parts.append(.not(.comparison(Comparison(query, .exists))))
          continue
        }
      }
      var literal = Literal.value(value)
      if field.kind == .duration, Double(value) != nil { literal = Literal(value + "s") }
      if field.kind == .number || field.kind == .duration, predicate != .contains, Double(value) == nil {
        return refuse(word, "\(name)\(symbol) wants a number, got \"\(value)\"")
      }
      parts.append(.comparison(Comparison(query, predicate, literal)))
    }
    let condition: CheckExpression = parts.count == 1 ? parts[0] : .all(parts)
    return .success(Check(kind: kind, condition: condition, legacy: true))
  }
}
