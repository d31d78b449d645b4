import Crypto
import Foundation

/// Tornado's signed values (`tornado.web.create_signed_value` / `decode_signed_value`),
/// version 2, what `setSignedCookie` writes and `getSignedCookie` reads:
/// `2|1:0|10:1700000000|4:user|8:QWRh|<hex HMAC-SHA256 of all before it>` — key version,
/// timestamp, name and the base64 value, each as `LENGTH:TEXT|`. A value signed by Tornado with
/// the same secret reads here and the other way round. Version 1 (HMAC-SHA1, Tornado before
/// 3.2) is not read: it answers nil. Pure: the clock comes in as an argument.
public enum SignedValue {
  /// `value` signed for cookie `name` at `timestamp` (seconds since 1970).
  public static func create(secret: String, name: String, value: String, timestamp: Int) -> String {
    let fields = ["0", String(timestamp), name, Data(value.utf8).base64EncodedString()]
    let signed = "2|" + fields.map { "\($0.utf8.count):\($0)|" }.joined()
    return signed + signature(secret, signed)
  }

  /// The value, when `signed` is a version-2 value for `name` signed with `secret` and at
  /// most `maxAgeDays` old at `now`; nil otherwise (tampered, another name, expired, malformed).
  public static func decode(secret: String, name: String, signed: String, maxAgeDays: Double = 31, now: Int)
    -> String?
  {
    let bytes = Array(signed.utf8)
    guard bytes.starts(with: Array("2|".utf8)) else { return nil }
    var rest = bytes[2...]
    var fields: [ArraySlice<UInt8>] = []
    for _ in 0..<4 {
      // A length the client wrote: compared with what is there, never added to (Int.max + 1 traps).
      guard let colon = rest.firstIndex(of: UInt8(ascii: ":")),
        let length = Int(String(decoding: rest[rest.startIndex..<colon], as: UTF8.self)), length >= 0,
        length < rest.distance(from: colon, to: rest.endIndex) - 1,
        rest[rest.index(colon, offsetBy: length + 1)] == UInt8(ascii: "|")
      else { return nil }
      let start = rest.index(after: colon)
      fields.append(rest[start..<rest.index(start, offsetBy: length)])
      rest = rest[rest.index(start, offsetBy: length + 1)...]
    }
    let passed = Array(rest)
    let expected = Array(signature(secret, String(decoding: bytes[..<rest.startIndex], as: UTF8.self)).utf8)
    guard constantTimeEqual(passed, expected), Array(fields[2]) == Array(name.utf8),
      Int(String(decoding: fields[0], as: UTF8.self)) != nil,
      let timestamp = Int(String(decoding: fields[1], as: UTF8.self)),
      Double(timestamp) >= Double(now) - maxAgeDays * 86_400,
      let data = Data(base64Encoded: Data(fields[3]))
    else { return nil }
    return String(validating: Array(data), as: UTF8.self)
  }

  /// Tornado's `_create_signature_v2`: HMAC-SHA256 of `text` with `secret`, in hex.
  static func signature(_ secret: String, _ text: String) -> String {
    let code = HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: Data(secret.utf8)))
    return code.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
  }

  /// Equal bytes, in a time that depends only on the lengths (Tornado's `hmac.compare_digest`).
  static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for index in a.indices { difference |= a[index] ^ b[index] }
    return difference == 0
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
