/// Cuts a check into tokens: words, quoted values (`\"` and `\\` escape), the comparison
/// symbols and parentheses. By Unicode scalars, not `Character`s: a combining mark after a space
/// or a quote would otherwise join it (`== ؗ` read as `==` and one odd character), so a
/// check would not read back as printed. Columns count scalars. Pure: no I/O; linear in the
/// text; never traps.
enum Lexer {
  static let symbols = ["==", "!=", "<=", ">=", "<", ">"]
  /// Characters that end a word: a value holding one is quoted.
  static let breaking: Set<Unicode.Scalar> = ["(", ")", "\"", "=", "!", "<", ">"]

  static func tokens(_ text: String) -> Result<[Token], CheckSyntaxError> {
    let characters = Array(text.unicodeScalars)
    var tokens: [Token] = []
    var index = 0
    while index < characters.count {
      let character = characters[index]
      let column = index + 1
      if character.properties.isWhitespace {
        index += 1
      } else if character == "(" || character == ")" {
        tokens.append(
          Token(kind: character == "(" ? .open : .close, column: column, text: String(Character(character))))
        index += 1
      } else if character == "\"" {
        var value = String.UnicodeScalarView()
        index += 1
        var closed = false
        while index < characters.count {
          let next = characters[index]
          if next == "\\", index + 1 < characters.count {
            value.append(characters[index + 1])
            index += 2
          } else if next == "\"" {
            index += 1
            closed = true
            break
          } else {
            value.append(next)
            index += 1
          }
        }
        guard closed else { return .failure(CheckSyntaxError(column: column, "a \" quote is not closed")) }
        tokens.append(
          Token(
            kind: .quoted(String(value)), column: column,
            text: String(String.UnicodeScalarView(characters[(column - 1)..<index]))))
      } else if "=!<>".unicodeScalars.contains(character) {
        let two =
          index + 1 < characters.count ? String(String.UnicodeScalarView(characters[index...(index + 1)])) : ""
        let symbol = symbols.contains(two) ? two : String(Character(character))
        guard symbols.contains(symbol) else {
          return .failure(
            CheckSyntaxError(column: column, "\"\(symbol)\" is not a comparison; write == != < <= > or >="))
        }
        tokens.append(Token(kind: .symbol(symbol), column: column, text: symbol))
        index += symbol.unicodeScalars.count
      } else {
        var word = String.UnicodeScalarView()
        while index < characters.count, !characters[index].properties.isWhitespace,
          !breaking.contains(characters[index])
        {
          word.append(characters[index])
          index += 1
        }
        tokens.append(Token(kind: .word(String(word)), column: column, text: String(word)))
      }
    }
    return .success(tokens)
  }
}
