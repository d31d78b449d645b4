import Squall
import Testing

@testable import Squall

@Suite struct UnitTests {
  @Test func formArgumentsKeepOrderBlanksAndDecode() {
    let args = FormArguments(urlEncoded: "a=1&b=&a=2&c=x+y%21&d")
    #expect(args.names == ["a", "b", "c", "d"])
    #expect(args["a"] == ["1", "2"])
    #expect(args["b"] == [""])
    #expect(args["c"] == ["x y!"])
    #expect(args["d"] == [""])
  }

  @Test func percentCodingRoundTripsAndKeepsBadEscapes() {
    #expect(PercentCoding.decode("%41%zz%4") == "A%zz%4")
    #expect(PercentCoding.encode("a b/é", plus: false) == "a%20b%2F%C3%A9")
  }

  @Test func cookieParsingIsLenient() {
    let cookies = CookieParser.parse("a=1; b=\"quoted \\\"x\\\"\"; junk; c = 3 ;")
    #expect(cookies.map(\.0) == ["a", "b", "", "c"])
    #expect(cookies[1].1 == "quoted \"x\"")
    #expect(cookies[3].1 == "3")
  }

  @Test func httpDateFormatsAndParses() {
    let date = HTTPDate(secondsSince1970: 784_111_777)
    #expect(date.formatted == "Sun, 06 Nov 1994 08:49:37 GMT")
    #expect(HTTPDate(parsing: "Sun, 06 Nov 1994 08:49:37 GMT") == date)
    #expect(HTTPDate(parsing: "yesterday") == nil)
  }

  @Test func sha1MatchesKnownVectors() {
    #expect(HexDigest.sha1(Array("abc".utf8)) == "a9993e364706816aba3e25717850c26c9cd0d89d")
    #expect(HexDigest.sha1([UInt8]()) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
    #expect(
      HexDigest.sha1(Array(String(repeating: "a", count: 1000).utf8)) == "291e9a6c66994949b57ba5e650361e98fc36b1ba")
  }

  @Test func terminalSafeEscapesControlsAndInvalidUTF8() {
    #expect(TerminalSafe.escape([0x1B, 0x5B, 0x32, 0x4A, 0x41, 0x00, 0xFF, 0x0D]) == "\\e[2JA\\x00\\xff\\r")
    #expect(TerminalSafe.escape("é→✓\u{202E}") == "é→✓\\u{202e}")
    #expect(TerminalSafe.escape("a\nb", keepNewlines: true) == "a\nb")
  }

  @Test func patternsMatchFullyAndReverse() throws {
    let matcher = try PathMatcher(#"/a/(\d+)/(?P<name>\w+)"#)
    #expect(matcher.match("/a/1/bob") == PathMatch(args: [], kwargs: ["name": "bob"]))
    #expect(matcher.match("/a/1/bob/") == nil)
    #expect(try PathMatcher("/x.y$").match("/xzy") != nil)  // "." is a regex dot, as in Tornado
    #expect(URLSpec.validate("/(unclosed") != nil)
  }

  @Test func rangeHeaderParsing() {
    #expect(ByteRange.parse("bytes=0-0", size: 5) == .range(0..<1))
    #expect(ByteRange.parse("bytes=-2", size: 5) == .range(3..<5))
    #expect(ByteRange.parse("bytes=7-", size: 5) == .unsatisfiable)
    #expect(ByteRange.parse("items=1-2", size: 5) == .none)
  }
}

@Test func gzipNegotiationReadsQValues() {
  #expect(GzipOnlyNegotiation.acceptsGzip("gzip"))
  #expect(GzipOnlyNegotiation.acceptsGzip(" x-gzip ; q=0.5"))
  #expect(!GzipOnlyNegotiation.acceptsGzip("gzip;q=0"))
  #expect(!GzipOnlyNegotiation.acceptsGzip("deflate"))
  #expect(!GzipOnlyNegotiation.acceptsGzip("gzipper"))
}

/// The fast check of everyday URLs never says yes where Foundation's parser would refuse.
@Suite struct PlainHTTPURLTests {
  static let plain = [
    "http://127.0.0.1:8888/", "https://example.com", "HTTP://Example.COM:80/a/b?c=d&e=%2F#frag",
    "http://localhost:8888/echo?lesson=9", "http://h/a;b=c/~x!$'()*+,=:@", "http://127.0.0.1:1/%41%42",
  ]
  static let others = [
    "ftp://127.0.0.1/", "http:///nohost", "127.0.0.1:8888", "ht tp://x", "http://a b/", "http://x/a b",
    "http://x/café", "http://user@host/", "http://[::1]:8888/", "http://x:port/", "http://x:123456/",
    "http://x/%zz", "http://x/%4", "http://x/#a#b", "http://x/\"", "http:/x", "http:x", "mailto:a@b", "",
    "http://x\\y/", "http://x/{}", "https:// x",
  ]

  @Test(arguments: plain) func everydayURLsTakeTheFastPath(url: String) {
    #expect(PlainHTTPURL.matches(url))
    #expect(AsyncHTTPClient.urlProblem(url) == nil, "Foundation agrees it is a valid http(s) URL")
  }

  @Test(arguments: others) func anythingElseGoesThroughFoundation(url: String) {
    #expect(!PlainHTTPURL.matches(url))
  }
}
