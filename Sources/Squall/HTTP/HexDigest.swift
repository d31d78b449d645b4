import Crypto

/// The hex digests behind Tornado's `Etag` values, computed by swift-crypto (BoringSSL):
/// hundreds of MB/s, no allocation per block. Not for security.
enum HexDigest {
  /// The lower-case SHA-1 hex digest of `bytes`: a handler's `Etag` (`sha1(body).hexdigest()`).
  static func sha1(_ bytes: [UInt8]) -> String {
    bytes.withUnsafeBytes { sha1($0) }
  }

  /// The lower-case SHA-1 hex digest of the bytes at `bytes`; `quoted` puts it in double
  /// quotes, as an `Etag` value, in the same string (one allocation, not two).
  static func sha1(_ bytes: UnsafeRawBufferPointer, quoted: Bool = false) -> String {
    var hasher = Insecure.SHA1()
    hasher.update(bufferPointer: bytes)
    return hex(hasher.finalize(), quoted: quoted)
  }

  /// The lower-case SHA-512 hex digest of `bytes`: Tornado's `StaticFileHandler` versions a
  /// file (and makes its `Etag`) with it, not with SHA-1.
  static func sha512(_ bytes: [UInt8]) -> String {
    hex(SHA512.hash(data: bytes))
  }

  /// Lower-case hex of a digest's bytes, written in place (no intermediate strings), in
  /// double quotes when `quoted`.
  private static func hex(_ digest: some Digest, quoted: Bool = false) -> String {
    let quote = UInt8(ascii: "\"")
    return String(unsafeUninitializedCapacity: Self.byteCount(digest) * 2 + (quoted ? 2 : 0)) { out in
      var index = 0
      if quoted {
        out[index] = quote
        index += 1
      }
      digest.withUnsafeBytes { bytes in  // the digest's own bytes: its iterator allocates
        for byte in bytes {
          out[index] = Self.digits[Int(byte >> 4)]
          out[index + 1] = Self.digits[Int(byte & 0x0F)]
          index += 2
        }
      }
      if quoted {
        out[index] = quote
        index += 1
      }
      return index
    }
  }

  private static func byteCount(_ digest: some Digest) -> Int { digest.withUnsafeBytes { $0.count } }

  private static let digits: [UInt8] = Array("0123456789abcdef".utf8)
}
