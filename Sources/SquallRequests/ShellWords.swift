/// Splits a shell command line into words as a POSIX shell would for a pasted `curl` command:
/// single quotes, double quotes with `\` escapes, `$'…'` ANSI-C quoting, backslash escapes and
/// line continuations. No expansion of `$VAR` or globs. Reads Unicode scalars, never
/// `Character`s: a quote followed by a combining mark is still a quote. Pure.
package enum ShellWords {
  package struct Problem: Error, Equatable, Sendable { package var message: String }

  package static func split(_ line: String) throws(Problem) -> [String] {
    var words: [String] = []
    var word = String.UnicodeScalarView()
    var inWord = false
    var scalars = Array(line.unicodeScalars)[...]
    while let scalar = scalars.popFirst() {
      switch scalar {
      case "\\":
        guard let next = scalars.popFirst() else { break }
        if next == "\n" { continue }  // a line continuation
        if next == "\r", scalars.first == "\n" {  // one pasted from Windows
          scalars.removeFirst()
          continue
        }
        word.append(next)
        inWord = true
      case "'":
        inWord = true
        guard let end = scalars.firstIndex(of: "'") else { throw Problem(message: "a ' quote is not closed") }
        word.append(contentsOf: scalars[..<end])
        scalars = scalars[(end + 1)...]
      case "\"":
        inWord = true
        var closed = false
        while let inner = scalars.popFirst() {
          if inner == "\"" {
            closed = true
            break
          }
          if inner == "\\", let escaped = scalars.first, "\"\\$`\n".unicodeScalars.contains(escaped) {
            scalars.removeFirst()
            if escaped != "\n" { word.append(escaped) }
          } else {
            word.append(inner)
          }
        }
        if !closed { throw Problem(message: "a \" quote is not closed") }
      case "$" where scalars.first == "'":
        scalars.removeFirst()
        inWord = true
        var closed = false
        while let inner = scalars.popFirst() {
          if inner == "'" {
            closed = true
            break
          }
          if inner == "\\", let escaped = scalars.popFirst() {
            // Bash's ANSI-C escapes, as browsers' "Copy as cURL" writes them (\u0021 for !).
            func hex(_ count: Int) -> Unicode.Scalar? {
              var digits = ""
              while digits.count < count, let next = scalars.first, next.properties.isASCIIHexDigit {
                digits.unicodeScalars.append(scalars.removeFirst())
              }
              return UInt32(digits, radix: 16).flatMap(Unicode.Scalar.init)
            }
            switch escaped {
            case "n": word.append("\n")
            case "t": word.append("\t")
            case "r": word.append("\r")
            case "e", "E": word.append("\u{1B}")
            case "a": word.append("\u{07}")
            case "b": word.append("\u{08}")
            case "f": word.append("\u{0C}")
            case "v": word.append("\u{0B}")
            case "x": word.append(hex(2) ?? "x")
            case "u": word.append(hex(4) ?? "u")
            case "U": word.append(hex(8) ?? "U")
            case "0"..."7":
              var value = escaped.value - 48
              for _ in 0..<2 {
                guard let next = scalars.first, ("0"..."7").contains(next) else { break }
                value = value * 8 + scalars.removeFirst().value - 48
              }
              word.append(Unicode.Scalar(value) ?? "?")
            default: word.append(escaped)
            }
          } else {
            word.append(inner)
          }
        }
        if !closed { throw Problem(message: "a $' quote is not closed") }
      case " ", "\t", "\n", "\r":
        if inWord {
          words.append(String(word))
          word = String.UnicodeScalarView()
          inWord = false
        }
      default:
        word.append(scalar)
        inWord = true
      }
    }
    if inWord { words.append(String(word)) }
    return words
  }

  /// `text` quoted for a POSIX shell: bare when safe, else in single quotes. `split` gives
  /// `text` back, whatever its scalars (a combining mark after the quote included).
  package static func quote(_ text: String) -> String {
    if !text.isEmpty, text.unicodeScalars.allSatisfy(isSafe) { return text }
    var quoted = String.UnicodeScalarView()
    quoted.append("'")
    for scalar in text.unicodeScalars {
      if scalar == "'" { quoted.append(contentsOf: #"'\''"#.unicodeScalars) } else { quoted.append(scalar) }
    }
    quoted.append("'")
    return String(quoted)
  }

  private static func isSafe(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".", "/", ":", "=", "@", ",", "+", "%": true
    default: false
    }
  }
}
