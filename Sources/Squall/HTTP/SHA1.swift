import Crypto

/// SHA-1 for `Etag` values that match Tornado's (`sha1(body).hexdigest()`), computed by
/// swift-crypto (BoringSSL): hundreds of MB/s, no allocation per block. Not for security.
enum SHA1 {
  /// The lower-case hex digest of `bytes`.
  static func hexDigest(_ bytes: [UInt8]) -> String {
    bytes.withUnsafeBytes { hexDigest($0) }
  }

  /// The lower-case hex digest of the bytes at `bytes`.
  static func hexDigest(_ bytes: UnsafeRawBufferPointer) -> String {
    var hasher = Insecure.SHA1()
    hasher.update(bufferPointer: bytes)
    let digest = hasher.finalize()
    var hex = ""
    hex.reserveCapacity(40)
    for byte in digest {
      hex.append(Self.digits[Int(byte >> 4)])
      hex.append(Self.digits[Int(byte & 0x0F)])
    }
    return hex
  }

  private static let digits = Array("0123456789abcdef")
}
