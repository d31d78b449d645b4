/// Checks JSON as it is typed and says where it goes wrong: `line 2, column 7: expected ':'
/// after a key`. A small recursive-descent reader over the bytes (RFC 8259). Pure.
public enum JSONCheck {
  public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "line \(line), column \(column): \(message)" }
  }

  /// nil when `text` is one valid JSON value, else the first problem.
  public static func problem(in text: String) -> Problem? {
    var reader = Reader(bytes: Array(text.utf8))
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
      guard depth < 512 else { throw fail("nested too deeply") }
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
            throw fail("unknown escape \\\(Character(UnicodeScalar(escaped)))")
          }
        case 0..<0x20:
          throw fail(byte == 0x0A ? "a string cannot span lines: write \\n" : "a control character in a string")
        default:
          index += 1
        }
      }
      throw fail("the text ends inside a string; a closing \" is missing")
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
