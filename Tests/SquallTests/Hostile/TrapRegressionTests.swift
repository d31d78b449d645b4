import Foundation
import NIOCore
import SquallTestSupport
import Testing

@testable import Squall
@testable import SquallValues

/// Inputs that once reached a trap (or a wrong verdict). Each stays here and in the fuzz corpus
/// (`Fuzz/Corpus/`), so none comes back.
@Suite struct TrapRegressionTests {
  static let outOfRange = "is out of range: use a port from 1 to 65535"

  @Test(arguments: [
    "http://127.0.0.1:99999/", "http://127.0.0.1:65536/", "http://127.0.0.1:4294967296/", "http://[::1]:99999/",
    "http://u:p@127.0.0.1:99999/", "http://localhost:70000/", "http://127.0.0.1:0/",
    "http://127.0.0.1:999999999999999999999999/",
  ])
  func aPortOutsideTheRangeIsRefusedBeforeAnyIO(url: String) async {
    #expect(URLCheck.problem(url)?.contains(Self.outOfRange) == true, "\(url)")
    #expect(!PlainHTTPURL.matches(url))
    // It once ended the process in NIO's SocketAddress(ipAddress:port:).
    let client = AsyncHTTPClient()
    let response = await client.perform(HTTPRequest(url))
    #expect(response.code == 599 && response.error?.kind == .invalidURL)
    #expect(response.error?.message.contains(Self.outOfRange) == true, "\(response.error?.message ?? "")")
    await client.close()
  }

  @Test(arguments: [
    "http://127.0.0.1:1/", "http://127.0.0.1:65535/", "http://127.0.0.1:/", "http://127.0.0.1/", "http://[::1]:8888/x",
    "http://u:p@localhost:8080/", "https://127.0.0.1:00443/",
  ])
  func aPortInsideTheRangePasses(url: String) {
    #expect(URLCheck.problem(url) == nil, "\(url)")
  }

  /// Found by `Fuzz/run.sh url`: a `/` followed by a combining mark is one `Character`, so the
  /// authority (and `://`) was not found where Foundation finds it, and port 0 passed.
  @Test(arguments: ["Http://5:000/\u{30B}@000000000000010505", "Http://\u{30B}@1:0//\u{30B}@1:00nt"])
  func aCombiningMarkDoesNotHideThePort(url: String) {
    #expect(URLCheck.problem(url)?.contains(Self.outOfRange) == true, "\(url.debugDescription)")
  }

  @Test func aPortThatIsNotANumberSaysSo() {
    #expect(URLCheck.problem("http://127.0.0.1:80a/") != nil)
  }

  @Test func theReindenterNeverTrapsAndTheReaderIsStrict() {
    // JSONSerialization took `0` then a NUL and anything after it as valid; the re-indenter
    // then met `]` at depth 0 ("Repetition count should be non-negative").
    #expect(JSONReindent.format(Array("0\0\0\0]".utf8)) == nil)
    #expect(JSONCheck.problem(in: Array("0\0\0\0]".utf8))?.message == "unexpected text after the JSON value")
    _ = JSONReindent.reindent(Array("]]]}}[".utf8), indent: 2)
    _ = JSONReindent.reindent(Array("[\"".utf8), indent: -3)
    // Invalid UTF-8 would be shown as U+FFFD: the text shown would not be the bytes sent.
    #expect(JSONReindent.format([0x22, 0xFF, 0x22]) == nil)
    #expect(JSONCheck.problem(in: [0x22, 0xC3, 0x28, 0x22])?.message == "a byte that is not UTF-8 (0xC3)")
    #expect(JSONCheck.problem(in: [0x22, 0xED, 0xA0, 0x80, 0x22]) != nil, "an encoded surrogate is not UTF-8")
    #expect(JSONReindent.format(Array(#"{"café":[1,2.50]}"#.utf8)) == "{\n  \"café\": [\n    1,\n    2.50\n  ]\n}")
    #expect(JSONCheck.problem(in: #""\#u{1B}""#)?.message == "a control character in a string")
    #expect(JSONCheck.problem(in: "\"\\\u{1B}\"")?.message == "unknown escape \\x1B", "never the raw ESC")
  }

  /// The words for a bad request line name the fault, and only letters change case in the
  /// suggestion (`m-search` once read `M\rSEARCH`); after pipelined requests no method is guessed.
  @Test func requestLineWordsNameTheFault() {
    #expect(
      ParserErrorWords.requestLineProblem(Array("m-search * HTTP/1.1\r\n".utf8))
        == "the method \"m-search\" is not in upper case: NIO's parser (llhttp) reads methods in upper case only (M-SEARCH)"
    )
    #expect(
      ParserErrorWords.requestLineProblem(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\nGARBAGE\r\n\r\n".utf8))
        == "a request line does not start with a valid method")
    #expect(ParserErrorWords.requestLineProblem([]) == "the request line is empty: expected METHOD /path HTTP/1.1")
  }

  @Test func aNumberTooLargeForAnOptionIsRefusedNotTrapped() {
    #expect(
      NumberOption.maxBufferSize.parse("1048576001000").failureMessage
        == "maxBufferSize must be 1 to 4294967296 bytes (4 GiB)")
    #expect(NumberOption.maxBufferSize.parse("64k") == .success(65536))
    #expect(NumberOption.maxBufferSize.parse("10 MB") == .success(10_485_760))
    #expect(NumberOption.maxBufferSize.parse("1_000") == .success(1000))
    #expect(NumberOption.requestTimeout.parse("0.5s") == .success(0.5))
    #expect(NumberOption.requestTimeout.parse("0,5") == .success(0.5), "a decimal comma, not 5 s")
    #expect(NumberOption.maxBufferSize.parse("1,000") == .success(1000), "digits grouped")
    #expect(NumberOption.requestTimeout.parse("1e300") != .success(1e300))
    #expect(NumberOption.requestTimeout.parse("inf").failureMessage != nil)
    #expect(NumberOption.requestTimeout.parse("nan").failureMessage != nil)
    #expect(NumberOption.requestTimeout.parse("-1").failureMessage != nil)
    #expect(NumberOption.maxRedirects.parse("2.5").failureMessage == "maxRedirects wants a whole number from 0 to 100")
    #expect(NumberOption.maxRedirects.problem(101)?.message == "maxRedirects must be 0 to 100")
    #expect(NumberOption.requestTimeout.problem(.nan) != nil)
  }

  @Test func aTimeoutTooLongForNIOSaturatesInsteadOfTrapping() {
    #expect(TimeAmount.saturating(seconds: 1e300) == TimeAmount.longest)
    #expect(TimeAmount.saturating(seconds: .infinity) == TimeAmount.longest)
    #expect(TimeAmount.saturating(seconds: .nan) == .zero)
    #expect(TimeAmount.saturating(seconds: -5) == .zero)
    #expect(TimeAmount.saturating(seconds: 1.5) == .milliseconds(1500))
  }

  @Test func aRangeHeaderWithAHugeEndServesTheFileNotATrap() {
    #expect(ByteRange.parse("bytes=5-9223372036854775807", size: 10) == .range(5..<10))
    #expect(ByteRange.parse("bytes=-9223372036854775807", size: 10) == .range(0..<10))
    // Found by Fuzz/run.sh byterange: a suffix range of an empty file gave the empty range 0..<0
    // (a 206 with `Content-Range: bytes 0--1/0`); Tornado answers 416.
    #expect(ByteRange.parse("bytes=-808", size: 0) == .unsatisfiable)
  }

  /// Found by Fuzz/run.sh json: the strict reader and Foundation's differ on a comma before a
  /// closing bracket and on numbers past Double's range. RFC 8259 decides: the first is not
  /// JSON, the second is.
  @Test func theStrictReaderFollowsRFC8259WhereFoundationDoesNot() {
    #expect(JSONCheck.problem(in: #"{"a": [1, 2.50, {"b": null}], }"#)?.message == "a comma before } is not allowed")
    #expect(JSONCheck.problem(in: "333e3016") == nil)
    #expect(JSONReindent.format(Array("[333e3016]".utf8)) == "[\n  333e3016\n]")
  }
}

extension Result where Failure == NumberOptionProblem {
  var failureMessage: String? {
    if case .failure(let problem) = self { return problem.message }
    return nil
  }
}

/// The "Ranges" table of the library's "Limits and safety" article is the `NumberOption` table,
/// row for row.
@Suite struct RangesTableTests {
  static let article = "Sources/Squall/Squall.docc/LimitsAndSafety.md"

  @Test func theLimitsArticleListsEveryRangeAsTheCodeHasIt() throws {
    let text = try String(contentsOf: packageRoot.appendingPathComponent(Self.article), encoding: .utf8)
    let start = try #require(text.range(of: "<!-- ranges:begin -->\n"), "\(Self.article) has no ranges:begin")
    let end = try #require(
      text.range(of: "<!-- ranges:end -->", range: start.upperBound..<text.endIndex),
      "\(Self.article) has no ranges:end after ranges:begin")
    let table = String(text[start.upperBound..<end.lowerBound])
    let expected =
      "| Option | Range |\n|---|---|\n"
      + NumberOption.all.map { "| `\($0.name)` | \($0.rangeText) |\n" }.joined()
    #expect(table == expected, "\(Self.article)'s table, generated:\n\(expected)")
  }
}

final class NegativeStatusHandler: RequestHandler {
  override func get() async throws {
    setStatus(-1)
    write("never sent")
  }
}

final class NegativeErrorHandler: RequestHandler {
  override func get() async throws { throw HTTPError(-5) }
}

/// A handler's status outside 100–999 once reached NIO's `UInt(code)` and ended the server.
@Suite struct StatusCodeTrapTests {
  @Test func aStatusOutOfRangeEndsTheRequestIn500AndTheServerGoesOn() async throws {
    let app = Application(
      [url("/negative", NegativeStatusHandler.self), url("/error", NegativeErrorHandler.self)],
      settings: Settings(logFunction: { _ in }))
    try await withServer(app) { port, _ async throws in
      let first = try await exchange(port, request("GET", "/negative"))
      #expect(first.statuses == [500])
      #expect(first.first?.bodyText.contains("never sent") == false)
      let second = try await exchange(port, request("GET", "/error"))
      #expect(second.statuses == [500])
      #expect(HTTPStatus.reason(for: -1) == "Unknown")
    }
  }
}
