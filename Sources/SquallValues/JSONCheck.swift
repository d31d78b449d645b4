/// The one JSON reader of the package: every "is this JSON?" decision goes through it (the
/// builder's body as it is typed, `squall fetch --json`, the re-indenter of `squall fetch`, the
/// log and the builder's response view). It says where JSON goes wrong: `line 2, column 7:
/// expected ':' after a key`.
///
/// A small recursive-descent reader over the bytes, strict as RFC 8259: one value with nothing
/// after it but whitespace (Foundation's `JSONSerialization` accepts `0` followed by a NUL and
/// anything), UTF-8 only, nesting at most 512 deep. Pure: no I/O; never traps.
package enum JSONCheck {
  package struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
    package var line: Int
    package var column: Int
    package var message: String
    package var description: String { "line \(line), column \(column): \(message)" }
  }

  /// How deep arrays and objects may nest.
  package static let maxDepth = 512

  /// nil when `text` is one valid JSON value, else the first problem.
  package static func problem(in text: String) -> Problem? {
    problem(in: Array(text.utf8))
  }

  /// Whether `bytes` are one valid JSON value (a bare number or string counts).
  package static func isValid(_ bytes: [UInt8]) -> Bool { problem(in: bytes) == nil }

  /// nil when `bytes` are one valid JSON value in UTF-8, else the first problem.
  package static func problem(in bytes: [UInt8]) -> Problem? {
    var reader = Reader(bytes: bytes)
    do {
      reader.skipSpace()
      try reader.value(depth: 0)
      reader.skipSpace()
      if reader.index < reader.bytes.count { throw reader.fail("unexpected text after the JSON value") }
      return nil
    } catch {
      return error as? Problem
    }
  }

  struct Reader {
    let bytes: [UInt8]
    var index = 0

    func fail(_ message: String) -> Problem {
      var line = 1
      var column = 1
      for byte in bytes[..<min(index, bytes.count)] {
        if byte == 0x0A {
          line += 1
          column = 1
        } else if byte & 0xC0 != 0x80 {
          column += 1
        }
      }
      return Problem(line: line, column: column, message: message)
    }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipSpace() {
      while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws {
      guard current == byte else { throw fail(current == nil ? "the text ends; expected \(what)" : "expected \(what)") }
      index += 1
    }

    mutating func value(depth: Int) throws {
      guard depth < JSONCheck.maxDepth else { throw fail("nested too deeply") }
      guard let byte = current else { throw fail("the text ends; expected a value") }
      switch byte {
      case UInt8(ascii: "{"): try object(depth: depth)
      case UInt8(ascii: "["): try array(depth: depth)
      case UInt8(ascii: "\""): try string()
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
      case UInt8(ascii: "t"): try literal("true")
      case UInt8(ascii: "f"): try literal("false")
      case UInt8(ascii: "n"): try literal("null")
      case UInt8(ascii: "'"): throw fail("strings take double quotes \" in JSON, not '")
      default: throw fail("expected a value (an object, array, string, number, true, false or null)")
      }
    }

    mutating func object(depth: Int) throws {
      index += 1
      skipSpace()
      if current == UInt8(ascii: "}") {
        index += 1
        return
      }
      while true {
        skipSpace()
        guard current == UInt8(ascii: "\"") else {
          throw fail(
            current == UInt8(ascii: "}") ? "a comma before } is not allowed" : "expected a key in double quotes")
        }
        try string()
        skipSpace()
        try expect(UInt8(ascii: ":"), "':' after a key")
        skipSpace()
        try value(depth: depth + 1)
        skipSpace()
        if current == UInt8(ascii: ",") {
          index += 1
          continue
        }
        try expect(UInt8(ascii: "}"), "',' or '}' after a value in an object")
        return
      }
    }

    mutating func array(depth: Int) throws {
      index += 1
      skipSpace()
      if current == UInt8(ascii: "]") {
        index += 1
        return
      }
      while true {
        skipSpace()
        if current == UInt8(ascii: "]") { throw fail("a comma before ] is not allowed") }
        try value(depth: depth + 1)
        skipSpace()
        if current == UInt8(ascii: ",") {
          index += 1
          continue
        }
        try expect(UInt8(ascii: "]"), "',' or ']' after a value in an array")
        return
      }
    }

    mutating func string() throws {
      index += 1
      while let byte = current {
        switch byte {
        case UInt8(ascii: "\""):
          index += 1
          return
        case UInt8(ascii: "\\"):
          index += 1
          guard let escaped = current else { break }
          if escaped == UInt8(ascii: "u") {
            for offset in 1...4 {
              guard index + offset < bytes.count, isHex(bytes[index + offset]) else {
                index += offset
                throw fail("\\u needs four hexadecimal digits")
              }
            }
            index += 5
          } else if Array(#""\/bfnrt"#.utf8).contains(escaped) {
            index += 1
          } else {
            let shown =
              (0x21..<0x7F).contains(escaped)
              ? String(UnicodeScalar(escaped)) : "x\(String(escaped, radix: 16, uppercase: true))"
            throw fail("unknown escape \\\(shown)")
          }
        case 0..<0x20:
          throw fail(byte == 0x0A ? "a string cannot span lines: write \\n" : "a control character in a string")
        case 0x80...:
          try scalar()
        default:
          index += 1
        }
      }
      throw fail("the text ends inside a string; a closing \" is missing")
    }

    /// Steps over one UTF-8 encoded scalar of two to four bytes, or fails: JSON text is UTF-8
    /// (RFC 8259 §8.1), and a byte that is not is shown as U+FFFD by every decoder, so the text
    /// shown would not be the bytes sent.
    mutating func scalar() throws {
      let lead = bytes[index]
      let length: Int
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch lead {
      case 0xC2...0xDF: length = 2
      case 0xE0:
        length = 3
        low = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED:
        length = 3
        high = 0x9F
      case 0xF0:
        length = 4
        low = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4:
        length = 4
        high = 0x8F
      default: throw fail("a byte that is not UTF-8 (0x\(String(lead, radix: 16, uppercase: true)))")
      }
      for offset in 1..<length {
        guard index + offset < bytes.count else { throw fail("the text ends inside a UTF-8 character") }
        let byte = bytes[index + offset]
        let range = offset == 1 ? low...high : 0x80...0xBF
        guard range.contains(byte) else {
          throw fail("a byte that is not UTF-8 (0x\(String(lead, radix: 16, uppercase: true)))")
        }
      }
      index += length
    }

    mutating func number() throws {
      if current == UInt8(ascii: "-") { index += 1 }
      guard let first = current, isDigit(first) else { throw fail("expected a digit") }
      index += 1
      if first == UInt8(ascii: "0"), let next = current, isDigit(next) {
        throw fail("numbers cannot start with 0")
      }
      while let byte = current, isDigit(byte) { index += 1 }
      if current == UInt8(ascii: ".") {
        index += 1
        guard let byte = current, isDigit(byte) else { throw fail("expected a digit after '.'") }
        while let byte = current, isDigit(byte) { index += 1 }
      }
      if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
        index += 1
        if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
        guard let byte = current, isDigit(byte) else { throw fail("expected a digit in the exponent") }
        while let byte = current, isDigit(byte) { index += 1 }
      }
    }

    mutating func literal(_ word: String) throws {
      let expected = Array(word.utf8)
      guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected else {
        throw fail("expected \(word)")
      }
      index += expected.count
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    func isHex(_ byte: UInt8) -> Bool {
      isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
    }
  }
}
