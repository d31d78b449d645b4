/// Makes untrusted text safe to show on a terminal: control characters, escape sequences
/// and invalid UTF-8 become visible escapes (`\e`, `\r`, `\x00`), so no byte from the network
/// can move the cursor, change colours or retitle the window.
package enum TerminalSafe {
  /// Escapes `bytes`; `keepNewlines` leaves `\n` as a line break (for multi-line bodies).
  package static func escape<Bytes: Collection>(_ bytes: Bytes, keepNewlines: Bool = false)
    -> String where Bytes.Element == UInt8
  {
    var out = ""
    out.reserveCapacity(bytes.count)
    var decoder = UTF8()
    // Decode scalar by scalar; on an error, escape the raw bytes that produced it.
    var raw = Array(bytes)[...]
    while !raw.isEmpty {
      var single = raw.makeIterator()
      switch decoder.decode(&single) {
      case .scalarValue(let scalar):
        let length = scalar.utf8Length
        raw = raw.dropFirst(length)
        append(scalar, to: &out, keepNewlines: keepNewlines)
      case .error:
        out += hex(raw.first!)
        raw = raw.dropFirst()
        decoder = UTF8()
      case .emptyInput:
        raw = []
      }
    }
    return out
  }

  /// Escapes a string that may hold control characters.
  package static func escape(_ text: String, keepNewlines: Bool = false) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars { append(scalar, to: &out, keepNewlines: keepNewlines) }
    return out
  }

  private static func append(_ scalar: Unicode.Scalar, to out: inout String, keepNewlines: Bool) {
    switch scalar.value {
    case 0x0A: out += keepNewlines ? "\n" : "\\n"
    case 0x0D: out += "\\r"
    case 0x09: out += keepNewlines ? "\t" : "\\t"
    case 0x1B: out += "\\e"
    case 0x00..<0x20, 0x7F: out += hex(UInt8(scalar.value))
    case 0x80..<0xA0: out += "\\u{\(String(scalar.value, radix: 16))}"
    // Bidirectional overrides and isolates can reorder what the user sees.
    case 0x202A...0x202E, 0x2066...0x2069: out += "\\u{\(String(scalar.value, radix: 16))}"
    default: out.unicodeScalars.append(scalar)
    }
  }

  private static func hex(_ byte: UInt8) -> String {
    "\\x" + String(byte, radix: 16).leftPadded(to: 2)
  }
}

extension Unicode.Scalar {
  var utf8Length: Int {
    switch value {
    case 0..<0x80: return 1
    case 0x80..<0x800: return 2
    case 0x800..<0x10000: return 3
    default: return 4
    }
  }
}

extension String {
  /// The text with `pad` before it up to `width` characters: "7" → "07". Pure.
  package func leftPadded(to width: Int, with pad: Character = "0") -> String {
    count >= width ? self : String(repeating: pad, count: width - count) + self
  }
}
