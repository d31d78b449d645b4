/// A word of a check as the lexer cuts it, with the column where it starts (1-based, in
/// characters), for errors that point at it. Pure.
struct Token: Equatable, Sendable {
  enum Kind: Equatable, Sendable {
    /// A name, a keyword or an unquoted value: `status`, `and`, `GET`, `$.items[0].id`.
    case word(String)
    /// A quoted value, escapes decoded: `"Hello, world"`.
    case quoted(String)
    /// `==`, `!=`, `<`, `<=`, `>`, `>=`.
    case symbol(String)
    case open
    case close
  }

  var kind: Kind
  var column: Int
  /// The token as written (for messages).
  var text: String
}

/// What went wrong in a check, and where: `column` counts characters from 1 in the check's
/// text; a lesson adds its file and line. The message says what to write instead.
public struct CheckSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
  public var column: Int
  public var message: String

  public init(column: Int, _ message: String) {
    self.column = column
    self.message = message
  }

  public var description: String { "column \(column): \(message)" }
}
