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
    return String(unsafeUninitializedCapacity: 40) { out in
      var index = 0
      for byte in digest {
        out[index] = Self.digits[Int(byte >> 4)]
        out[index + 1] = Self.digits[Int(byte & 0x0F)]
        index += 2
      }
      return index
    }
  }

  private static let digits: [UInt8] = Array("0123456789abcdef".utf8)
}
