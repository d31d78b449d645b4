import Foundation
import NIOCore
import NIOHTTP1
import Squall
import SquallPlaygroundCore
import Testing

@testable import SquallPlayground

/// A served exchange's headers, bodies and raw bytes are made when read, and read the same as
/// if they had been made at once; a large one is cut at once instead of being kept whole.
@Suite struct ServedDetailsTests {
  private func exchange(body: ByteBuffer, raw: ByteBuffer) -> HTTPExchange {
    var headers = HTTPHeaders()
    headers.add(name: "Host", value: "127.0.0.1:8888")
    var responseHeaders = HTTPHeaders()
    responseHeaders.add(name: "Content-Type", value: "text/plain")
    responseHeaders.add(name: "Etag", value: "\"abc\"")
    return HTTPExchange(
      connectionID: 9, remote: "127.0.0.1",
      request: HTTPRequestHead(version: .http1_0, method: .GET, uri: "/x?y=1", headers: headers),
      requestBody: ByteBuffer(), requestBodySize: 0,
      response: HTTPResponseHead(version: .http1_1, status: .notFound, headers: responseHeaders), responseBody: body,
      responseBodySize: body.readableBytes, duration: 0.002, rawRequest: raw, startedAt: Date(timeIntervalSince1970: 0))
  }

  @Test func aSmallExchangeIsKeptAsItCameAndReadsInFull() {
    let entry = LogEntry(
      exchange(body: ByteBuffer(string: "nope"), raw: ByteBuffer(string: "GET /x?y=1 HTTP/1.0\r\n\r\n")))
    guard case .deferred = entry.content else {
      Issue.record("a small exchange's details should wait until read")
      return
    }
    #expect(entry.method == "GET" && entry.target == "/x?y=1" && entry.status == 404 && entry.httpVersion == "HTTP/1.0")
    #expect(entry.requestHeaders.map(\.0) == ["Host"])
    #expect(entry.responseHeaders.map(\.0) == ["Content-Type", "Etag"])
    #expect(entry.responseHeaders.last?.1 == "\"abc\"")
    #expect(entry.responseBody == Array("nope".utf8))
    #expect(entry.rawRequest == Array("GET /x?y=1 HTTP/1.0\r\n\r\n".utf8))
    // Made or deferred, the same entry.
    var made = entry
    made.content = .made(entry.details)
    #expect(made == entry)
  }

  @Test func theLogKeepsItDeferredAndAnEditMakesIt() {
    var store = LogStore(capacity: 2)
    store.append(LogEntry(exchange(body: ByteBuffer(string: "nope"), raw: ByteBuffer())))
    guard var kept = store.entries.last, case .deferred = kept.content else {
      Issue.record("the log should keep the details deferred")
      return
    }
    kept.responseBody = Array("edited".utf8)
    guard case .made(let details) = kept.content else {
      Issue.record("an edit should make the details")
      return
    }
    #expect(details.responseBody == Array("edited".utf8))
    #expect(details.responseHeaders.count == 2)  // the rest made from the source, not lost
  }

  @Test func aLargeExchangeIsCutAtOnceToTheLogsBound() {
    let big = ByteBuffer(repeating: UInt8(ascii: "a"), count: LogStore.previewLimit * 4)
    let entry = LogEntry(exchange(body: big, raw: big))
    guard case .made(let details) = entry.content else {
      Issue.record("a large exchange should not be kept whole")
      return
    }
    #expect(details.responseBody.count == LogStore.previewLimit)
    #expect(details.rawRequest.count == LogStore.previewLimit)
    #expect(entry.responseBodySize == LogStore.previewLimit * 4)
  }
}
