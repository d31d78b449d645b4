/// Re-indents JSON by changing whitespace only: every token (keys in their order, numbers as
/// written, strings with their escapes) is kept byte for byte, so what is shown is what was
/// sent. (`JSONSerialization` round trips reorder keys, rewrite `1.0` as `1` and lose digits of
/// big integers.) Used by `squall fetch`, the log's detail view and the builder's response view.
///
/// Validity comes from `JSONCheck`, the package's one strict reader (UTF-8 only, nothing after
/// the value), so the text returned decodes to exactly the bytes given. The re-indenting pass
/// itself never traps, whatever it is given.
///
/// Pure: no I/O.
package enum JSONReindent {
  /// The indented text, or nil when `json` is not valid JSON.
  package static func format(_ json: [UInt8], indent: Int = 2) -> String? {
    guard isValid(json) else { return nil }
    return String(decoding: reindent(json, indent: indent), as: UTF8.self)
  }

  /// Whether `json` parses as one JSON value (a bare number or string counts).
  package static func isValid(_ json: [UInt8]) -> Bool { JSONCheck.isValid(json) }

  /// The re-indenting pass over bytes already known to be valid JSON. Total: on other bytes it
  /// returns some re-spacing of them and never traps (depth never goes below zero, no index
  /// past the end).
  static func reindent(_ json: [UInt8], indent: Int) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(json.count * 2)
    var depth = 0
    var index = 0
    func newline() {
      out.append(UInt8(ascii: "\n"))
      out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * max(0, min(indent, 16))))
    }
    func nextToken(after position: Int) -> UInt8? {
      var next = position + 1
      while next < json.count, isSpace(json[next]) { next += 1 }
      return next < json.count ? json[next] : nil
    }
    while index < json.count {
      let byte = json[index]
      switch byte {
      case UInt8(ascii: "\""):
        let start = index
        index += 1
        while index < json.count, json[index] != UInt8(ascii: "\"") {
          index += json[index] == UInt8(ascii: "\\") ? 2 : 1
        }
        out.append(contentsOf: json[start...min(index, json.count - 1)])
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        out.append(byte)
        let close = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
        if nextToken(after: index) == close {
          while index < json.count, json[index] != close { index += 1 }
          out.append(close)
        } else {
          depth += 1
          newline()
        }
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        depth = max(0, depth - 1)
        newline()
        out.append(byte)
      case UInt8(ascii: ","):
        out.append(byte)
        newline()
      case UInt8(ascii: ":"):
        out.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
      default:
        if !isSpace(byte) { out.append(byte) }
      }
      index += 1
    }
    return out
  }

  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }
}
