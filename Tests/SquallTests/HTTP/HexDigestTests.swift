import Squall
import Testing

@testable import Squall

/// The digests behind Etag values (SHA-1 for handlers, SHA-512 for static files).
@Suite struct HexDigestTests {
  @Test func sha1MatchesKnownVectors() {
    #expect(HexDigest.sha1(Array("abc".utf8)) == "a9993e364706816aba3e25717850c26c9cd0d89d")
    #expect(HexDigest.sha1([UInt8]()) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
    #expect(
      HexDigest.sha1(Array(String(repeating: "a", count: 1000).utf8)) == "291e9a6c66994949b57ba5e650361e98fc36b1ba")
  }

  /// An `Etag` value is the digest in double quotes, written as one string.
  @Test func aQuotedDigestIsAnEtag() {
    let quoted = Array("abc".utf8).withUnsafeBytes { HexDigest.sha1($0, quoted: true) }
    #expect(quoted == "\"a9993e364706816aba3e25717850c26c9cd0d89d\"")
  }
}
