/// Parses a `Cookie` header leniently, as Tornado's `httputil.parse_cookie` (and browsers) do.
enum CookieParser {
  static func parse(_ header: String) -> [(String, String)] {
    var result: [(String, String)] = []
    for chunk in header.split(separator: ";") {
      let pair = chunk.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let key: String
      let value: String
      if pair.count == 2 {
        key = pair[0].trimmingSpaces()
        value = pair[1].trimmingSpaces()
      } else {
        // Mozilla bug 169091: a chunk without "=" is a value with an empty name.
        key = ""
        value = pair[0].trimmingSpaces()
      }
      guard !key.isEmpty || !value.isEmpty else { continue }
      result.append((key, unquote(value)))
    }
    return result
  }

  /// Removes surrounding double quotes and `\"`, `\\` and octal `\ooo` escapes; an octal
  /// escape is the code point it numbers (`\351` is `é`), as Python's `_unquote` reads it, so a
  /// value `setCookie` quoted reads back as it was set.
  static func unquote(_ value: String) -> String {
    guard value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") else { return value }
    let inner = Array(value.utf8.dropFirst().dropLast())
    var bytes: [UInt8] = []
    var index = 0
    while index < inner.count {
      let byte = inner[index]
      if byte == UInt8(ascii: "\\"), index + 1 < inner.count {
        if let octal = octalValue(inner[(index + 1)..<min(index + 4, inner.count)]) {
          bytes += Array(String(Character(Unicode.Scalar(octal))).utf8)
          index += 4
        } else {
          bytes.append(inner[index + 1])
          index += 2
        }
        continue
      }
      bytes.append(byte)
      index += 1
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func octalValue(_ digits: ArraySlice<UInt8>) -> UInt8? {
    guard digits.count == 3 else { return nil }
    var value = 0
    for digit in digits {
      guard (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(digit) else { return nil }
      value = value * 8 + Int(digit - UInt8(ascii: "0"))
    }
    return value <= 255 ? UInt8(value) : nil
  }
}
