import NIOHTTP1
import Testing

@testable import Squall

/// Tornado's `GZipContentEncoding` headers, from what a handler wrote and what NIO's compressor
/// made of it (the wire order is checked against Tornado in `TwinDifferentialTests`).
struct GzipResponseHeadersTests {
  static let written = HTTPHeaders([
    ("Server", "SquallServer/0.1.0"), ("Content-Type", "application/json; charset=UTF-8"), ("Date", "d"),
    ("Content-Length", "1392"),
  ])

  @Test func aCompressedBodyKeepsItsLengthInPlaceThenVaryThenEncoding() {
    var compressed = Self.written
    compressed.remove(name: "Content-Length")
    compressed.add(name: "Content-Encoding", value: "gzip")
    compressed.add(name: "content-length", value: "421")
    let result = GzipResponseHeaders.tornadoHeaders(written: Self.written, compressed: compressed)
    #expect(
      result.map { "\($0.name): \($0.value)" } == [
        "Server: SquallServer/0.1.0", "Content-Type: application/json; charset=UTF-8", "Date: d",
        "Content-Length: 421", "Vary: Accept-Encoding", "Content-Encoding: gzip",
      ])
  }

  @Test func anUncompressedAnswerStillSaysVary() {
    let result = GzipResponseHeaders.tornadoHeaders(written: Self.written, compressed: Self.written)
    #expect(result.map(\.name) == ["Server", "Content-Type", "Date", "Content-Length", "Vary"])
    var varied = Self.written
    varied.add(name: "Vary", value: "Cookie")
    #expect(
      GzipResponseHeaders.tornadoHeaders(written: varied, compressed: varied)["Vary"] == ["Cookie, Accept-Encoding"])
    varied.add(name: "Vary", value: "Origin")
    #expect(
      GzipResponseHeaders.tornadoHeaders(written: varied, compressed: varied)["Vary"] == [
        "Cookie,Origin, Accept-Encoding"
      ],
      "several Vary lines become one, joined as Tornado reads them")
  }

  @Test func aStreamedBodyLosesItsLengthAndEndsChunked() {
    var written = Self.written
    written.remove(name: "Content-Length")
    written.add(name: "Transfer-Encoding", value: "chunked")
    var compressed = written
    compressed.add(name: "Content-Encoding", value: "gzip")
    let result = GzipResponseHeaders.tornadoHeaders(written: written, compressed: compressed)
    #expect(result.map(\.name) == ["Server", "Content-Type", "Date", "Vary", "Content-Encoding", "Transfer-Encoding"])
  }

  @Test func aHeaderSetAgainKeepsItsPlace() {
    var headers = HTTPHeaders([("Server", "s"), ("Content-Type", "text/html"), ("Date", "d")])
    headers.setKeepingPlace(name: "X-Greeted", value: "Ada")
    headers.setKeepingPlace(name: "content-type", value: "application/json")
    #expect(headers.map(\.name) == ["Server", "Content-Type", "Date", "X-Greeted"])
    #expect(headers["Content-Type"] == ["application/json"])
    headers.add(name: "X-Greeted", value: "Grace")
    headers.setKeepingPlace(name: "X-Greeted", value: "Alan")
    #expect(headers["X-Greeted"] == ["Alan"], "every earlier line of the name goes")
  }

  @Test func numericHostsAreWhatGetaddrinfoTakesWithoutALookup() {
    #expect(NumericHost.isValid("203.0.113.7"))
    #expect(NumericHost.isValid("::1"))
    #expect(!NumericHost.isValid("localhost"), "a name is never looked up")
    #expect(!NumericHost.isValid("not-an-ip"))
    #expect(!NumericHost.isValid(""))
    #expect(!NumericHost.isValid("1.2.3.4\u{0}"))
  }
}

extension GzipResponseHeadersTests {
  @Test func gzipNegotiationReadsQValues() {
    #expect(GzipOnlyNegotiation.acceptsGzip("gzip"))
    #expect(GzipOnlyNegotiation.acceptsGzip(" x-gzip ; q=0.5"))
    #expect(!GzipOnlyNegotiation.acceptsGzip("gzip;q=0"))
    #expect(!GzipOnlyNegotiation.acceptsGzip("deflate"))
    #expect(!GzipOnlyNegotiation.acceptsGzip("gzipper"))
  }
}
