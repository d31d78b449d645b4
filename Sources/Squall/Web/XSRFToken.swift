/// Tornado's XSRF token, version 2 (`xsrf_cookie_version=2`): `2|MASK|MASKED|TIMESTAMP`, the
/// random 16-byte token XORed with a fresh 4-byte mask (so the form's copy differs on every
/// page, against BREACH), both in hex. The cookie and the form carry the same token under
/// different masks; `checkXSRFCookie` compares the unmasked tokens. Pure.
public struct XSRFToken: Equatable, Sendable {
  /// The version it was read as: 2, or 1 for Tornado's older hex-only form; nil when new.
  public var version: Int?
  /// The secret bytes (16 when made here).
  public var token: [UInt8]
  /// When it was made, seconds since 1970.
  public var timestamp: Int

  public init(version: Int?, token: [UInt8], timestamp: Int) {
    self.version = version
    self.token = token
    self.timestamp = timestamp
  }

  /// The token as the cookie or the form carries it, under `mask` (4 bytes).
  public func encoded(mask: [UInt8]) -> String {
    ["2", Self.hex(mask), Self.hex(Self.xor(token, mask)), String(timestamp)].joined(separator: "|")
  }

  /// Reads a token as Tornado's `_decode_xsrf_token`: `2|…` or a version-1 hex string (any
  /// other text without `N|` is taken as version 1, its bytes the token); nil when malformed.
  /// `now` is the timestamp a version-1 token gets (Tornado: the time it was read).
  public static func decode(_ text: String, now: Int = 0) -> XSRFToken? {
    let parts = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
    // Tornado's `^([1-9][0-9]*)\|`: digits only, no sign, no leading zero.
    if let first = parts.first, parts.count > 1, first.first != "0", !first.isEmpty,
      first.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
    {
      guard first == "2", parts.count == 4, let mask = bytes(hex: parts[1]), mask.count == 4,
        let masked = bytes(hex: parts[2]), let timestamp = Int(parts[3])
      else { return nil }
      return XSRFToken(version: 2, token: xor(masked, mask), timestamp: timestamp)
    }
    return XSRFToken(version: 1, token: bytes(hex: text) ?? Array(text.utf8), timestamp: now)
  }

  /// Tornado's `_websocket_mask`: `data` XORed with `mask` repeated.
  static func xor(_ data: [UInt8], _ mask: [UInt8]) -> [UInt8] {
    guard !mask.isEmpty else { return data }
    return data.enumerated().map { $0.element ^ mask[$0.offset % mask.count] }
  }

  static func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xF)]] }, as: UTF8.self)
  }

  /// `binascii.a2b_hex`: an even number of hex digits, either case; nil otherwise.
  static func bytes(hex: String) -> [UInt8]? {
    let digits = Array(hex.utf8)
    guard digits.count % 2 == 0 else { return nil }
    var out: [UInt8] = []
    out.reserveCapacity(digits.count / 2)
    var index = 0
    while index < digits.count {
      guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
      out.append(high << 4 | low)
      index += 2
    }
    return out
  }

  private static func nibble(_ digit: UInt8) -> UInt8? {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
