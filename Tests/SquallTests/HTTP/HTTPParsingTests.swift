import Squall
import Testing

@testable import Squall

/// Parsers of the HTTP layer: form arguments, percent-coding, cookies, dates, byte ranges.
@Suite struct HTTPParsingTests {
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

  @Test func rangeHeaderParsing() {
    #expect(ByteRange.parse("bytes=0-0", size: 5) == .range(0..<1))
    #expect(ByteRange.parse("bytes=-2", size: 5) == .range(3..<5))
    #expect(ByteRange.parse("bytes=7-", size: 5) == .unsatisfiable)
    #expect(ByteRange.parse("items=1-2", size: 5) == .none)
  }
}
