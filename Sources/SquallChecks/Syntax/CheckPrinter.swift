extension Literal {
  /// `text` as a value, quoted when it would not read back as one word.
  public static func value(_ text: String) -> Literal {
    Literal(
      text,
      quoted: text.isEmpty || text.unicodeScalars.contains { $0.properties.isWhitespace || Lexer.breaking.contains($0) }
    )
  }

  /// As written in a check: a word as it is when it reads back as the same word, else quoted
  /// with `\"` and `\\` escaped.
  public var written: String {
    let plain =
      !quoted && !text.isEmpty
      && text.unicodeScalars.allSatisfy { !$0.properties.isWhitespace && !Lexer.breaking.contains($0) }
    if plain { return text }
    var escaped = "\""
    for scalar in text.unicodeScalars {
      if scalar == "\\" || scalar == "\"" { escaped.append("\\") }
      escaped.unicodeScalars.append(scalar)
    }
    return escaped + "\""
  }
}

extension Comparison {
  /// `status == 200`, `header.ETag exists`.
  public var text: String {
    [query.text, predicate.rawValue, value?.written].compactMap { $0 }.joined(separator: " ")
  }
}

extension CheckExpression {
  /// The check written back in its canonical form; parsing it gives the same expression
  /// (a group inside another is parenthesized). Pure.
  public var text: String {
    switch self {
    case .comparison(let comparison): comparison.text
    case .not(let inner): "not " + inner.grouped
    case .all(let parts): parts.map(\.grouped).joined(separator: " and ")
    case .any(let parts): parts.map(\.grouped).joined(separator: " or ")
    }
  }

  private var grouped: String {
    switch self {
    case .comparison, .not: text
    case .all, .any: "(\(text))"
    }
  }
}
