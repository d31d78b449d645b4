/// The values of a JSON document by path, for `{{response.json.PATH}}`: `items[0].id`, `name`,
/// `a.b[2]`. A string gives its text (escapes decoded), a number or literal its token as
/// written (`2.50` stays `2.50`), an object or array its text as sent.
///
/// Only for bytes `JSONCheck` accepts (anything else gives no paths). At most `limit` paths;
/// an object or array gives its text only up to `containerLimit` bytes (its members still
/// have their paths), so a deep document costs no more than its size many times over. A key
/// holding `.` or `[` is written as is (`a.b` may then name two things: the first wins).
/// Pure: no I/O; never traps.
package enum JSONPaths {
  package static let containerLimit = 4096

  package static func flatten(_ bytes: [UInt8], limit: Int = 2000) -> [(path: String, value: String)] {
    guard JSONCheck.isValid(bytes) else { return [] }
    var walker = Walker(bytes: bytes, limit: limit)
    walker.skipSpace()
    walker.value(path: "")
    return walker.out
  }

  /// The value at `path`, or nil.
  package static func value(_ bytes: [UInt8], at path: String) -> String? {
    flatten(bytes).first { $0.path == path }?.value
  }

  struct Walker {
    let bytes: [UInt8]
    let limit: Int
    var index = 0
    var out: [(path: String, value: String)] = []

    mutating func skipSpace() {
      while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    mutating func value(path: String) {
      guard index < bytes.count else { return }
      let start = index
      switch bytes[index] {
      case UInt8(ascii: "{"):
        index += 1
        skipSpace()
        while index < bytes.count, bytes[index] != UInt8(ascii: "}") {
          let key = string()
          skipSpace()
          index += 1  // :
          skipSpace()
          value(path: path.isEmpty ? key : path + "." + key)
          skipSpace()
          if index < bytes.count, bytes[index] == UInt8(ascii: ",") {
            index += 1
            skipSpace()
          }
        }
        index += 1
      case UInt8(ascii: "["):
        index += 1
        skipSpace()
        var position = 0
        while index < bytes.count, bytes[index] != UInt8(ascii: "]") {
          value(path: path + "[\(position)]")
          position += 1
          skipSpace()
          if index < bytes.count, bytes[index] == UInt8(ascii: ",") {
            index += 1
            skipSpace()
          }
        }
        index += 1
      case UInt8(ascii: "\""):
        let text = string()
        add(path, text)
        return
      default:
        while index < bytes.count, !",]} \t\r\n".utf8.contains(bytes[index]) { index += 1 }
      }
      let end = min(index, bytes.count)
      if end - start <= JSONPaths.containerLimit { add(path, String(decoding: bytes[start..<end], as: UTF8.self)) }
    }

    mutating func add(_ path: String, _ value: String) {
      guard !path.isEmpty, out.count < limit else { return }
      out.append((path, value))
    }

    /// A string token's text, escapes decoded; the index moves past its closing quote.
    mutating func string() -> String {
      index += 1
      var scalars = String.UnicodeScalarView()
      var raw: [UInt8] = []
      func flush() {
        scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
        raw = []
      }
      while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
        if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
          flush()
          let escaped = bytes[index + 1]
          index += 2
          switch escaped {
          case UInt8(ascii: "n"): scalars.append("\n")
          case UInt8(ascii: "t"): scalars.append("\t")
          case UInt8(ascii: "r"): scalars.append("\r")
          case UInt8(ascii: "b"): scalars.append("\u{08}")
          case UInt8(ascii: "f"): scalars.append("\u{0C}")
          case UInt8(ascii: "u"):
            let hex = String(decoding: bytes[index..<min(index + 4, bytes.count)], as: UTF8.self)
            index += 4
            var code = UInt32(hex, radix: 16) ?? 0xFFFD
            // A surrogate pair: the low half follows as \uXXXX.
            if (0xD800..<0xDC00).contains(code), index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"),
              bytes[index + 1] == UInt8(ascii: "u"),
              let low = UInt32(String(decoding: bytes[(index + 2)..<(index + 6)], as: UTF8.self), radix: 16),
              (0xDC00..<0xE000).contains(low)
            {
              code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
              index += 6
            }
            scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
          default: scalars.append(Unicode.Scalar(escaped))
          }
        } else {
          raw.append(bytes[index])
          index += 1
        }
      }
      flush()
      index += 1
      return String(scalars)
    }
  }
}
