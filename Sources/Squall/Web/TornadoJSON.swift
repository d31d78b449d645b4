/// JSON bytes as Tornado's `json_encode` writes them: Python's `json.dumps` defaults
/// (`", "` and `": "` separators, non-ASCII as `\uXXXX`) and `</` escaped as `<\/`, nothing
/// else escaped (`JSONSerialization` and `JSONEncoder` escape every `/`; Tornado does not).
///
/// Pure: a byte-level pass over compact JSON; tokens other than strings are copied as they are.
public enum TornadoJSON {
  /// Rewrites compact JSON (no whitespace outside strings, `/` unescaped) the way Tornado writes it.
  public static func encode(compact json: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(json.count + json.count / 8)
    var inString = false
    var escaped = false
    var index = 0
    while index < json.count {
      let byte = json[index]
      if inString {
        if escaped {
          escaped = false
          out.append(byte)
        } else if byte == UInt8(ascii: "\\") {
          escaped = true
          out.append(byte)
        } else if byte == UInt8(ascii: "\"") {
          inString = false
          out.append(byte)
        } else if byte == UInt8(ascii: "/"), out.last == UInt8(ascii: "<") {
          out.append(contentsOf: Array(#"\/"#.utf8))
        } else if byte >= 0x80 {
          let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
          let end = min(json.count, index + length)
          let scalars = String(decoding: json[index..<end], as: UTF8.self).utf16
          for unit in scalars { out.append(contentsOf: Array(hexEscape(unit).utf8)) }
          index = end
          continue
        } else {
          out.append(byte)
        }
      } else {
        switch byte {
        case UInt8(ascii: "\""): inString = true
        case UInt8(ascii: ","), UInt8(ascii: ":"):
          out.append(byte)
          out.append(UInt8(ascii: " "))
          index += 1
          continue
        default: break
        }
        out.append(byte)
      }
      index += 1
    }
    return out
  }

  private static func hexEscape(_ unit: UInt16) -> String {
    let digits = String(unit, radix: 16)
    return "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
  }
}
