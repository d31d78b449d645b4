/// Splits a shell command line into words as a POSIX shell would for a pasted `curl` command:
/// single quotes, double quotes with `\` escapes, `$'…'` ANSI-C quoting, backslash escapes and
/// line continuations. No expansion of `$VAR` or globs. Pure.
public enum ShellWords {
  public struct Problem: Error, Equatable, Sendable { public var message: String }

  public static func split(_ line: String) throws(Problem) -> [String] {
    var words: [String] = []
    var word = ""
    var inWord = false
    var characters = Array(line)[...]
    while let character = characters.popFirst() {
      switch character {
      case "\\":
        guard let next = characters.popFirst() else { break }
        if next == "\n" { continue }  // a line continuation
        word.append(next)
        inWord = true
      case "'":
        inWord = true
        guard let end = characters.firstIndex(of: "'") else { throw Problem(message: "a ' quote is not closed") }
        word += String(characters[..<end])
        characters = characters[(end + 1)...]
      case "\"":
        inWord = true
        var closed = false
        while let inner = characters.popFirst() {
          if inner == "\"" {
            closed = true
            break
          }
          if inner == "\\", let escaped = characters.first, "\"\\$`\n".contains(escaped) {
            characters.removeFirst()
            if escaped != "\n" { word.append(escaped) }
          } else {
            word.append(inner)
          }
        }
        if !closed { throw Problem(message: "a \" quote is not closed") }
      case "$" where characters.first == "'":
        characters.removeFirst()
        inWord = true
        var closed = false
        while let inner = characters.popFirst() {
          if inner == "'" {
            closed = true
            break
          }
          if inner == "\\", let escaped = characters.popFirst() {
            switch escaped {
            case "n": word.append("\n")
            case "t": word.append("\t")
            case "r": word.append("\r")
            default: word.append(escaped)
            }
          } else {
            word.append(inner)
          }
        }
        if !closed { throw Problem(message: "a $' quote is not closed") }
      case " ", "\t", "\n", "\r":
        if inWord {
          words.append(word)
          word = ""
          inWord = false
        }
      default:
        word.append(character)
        inWord = true
      }
    }
    if inWord { words.append(word) }
    return words
  }

  /// `text` quoted for a POSIX shell: bare when safe, else in single quotes.
  public static func quote(_ text: String) -> String {
    let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@,+%")
    if !text.isEmpty, text.allSatisfy({ safe.contains($0) }) { return text }
    return "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
  }
}
