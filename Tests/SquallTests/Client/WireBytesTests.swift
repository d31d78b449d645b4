import Foundation
import NIOHTTP1
import Squall
import SquallTestSupport
import Testing

/// `wireBytes(of:)` (`squall fetch --offline`) against what the client really sends: the same
/// request to a socket that records the bytes; byte-identical, for the methods and bodies a
/// learner sends.
@Suite struct WireBytesTests {
  static let answer = Array("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)

  static func requests(port: Int) -> [HTTPRequest] {
    let base = "http://127.0.0.1:\(port)"
    var withHeaders = HTTPRequest(base + "/echo?q=caf%C3%A9&x=1", method: "GET")
    withHeaders.headers.add(name: "X-Lesson", value: "9")
    withHeaders.headers.add(name: "accept", value: "application/json")
    var json = HTTPRequest(base + "/form", method: "POST", body: Array(#"{"name": "Ada"}"#.utf8))
    json.headers.add(name: "Content-Type", value: "application/json")
    return [
      HTTPRequest(base + "/"), withHeaders,
      HTTPRequest(base + "/form", method: "POST", body: Array("name=Ada".utf8)), json,
      HTTPRequest(base + "/put", method: "PUT", body: Array("x".utf8)), HTTPRequest(base + "/gone", method: "DELETE"),
      HTTPRequest(base + "/", method: "HEAD"), HTTPRequest(base + "/o", method: "OPTIONS"),
      HTTPRequest(base + "/", authUsername: "ada", authPassword: "pw", decompressResponse: false),
    ]
  }

  @Test func theBytesAreThoseTheClientSends() async throws {
    let client = AsyncHTTPClient()
    for index in Self.requests(port: 1).indices {
      let server = try CannedServer(answer: Self.answer)
      let request = Self.requests(port: server.port)[index]
      let expected = try #require(client.wireBytes(of: request))
      _ = try? await client.fetch(request, raiseError: false)
      var received = server.received
      for _ in 0..<200 where received == nil {
        try await Task.sleep(for: .milliseconds(10))
        received = server.received
      }
      let sent = try #require(received, "\(request.method) \(request.url): nothing recorded")
      #expect(
        String(decoding: sent, as: UTF8.self) == String(decoding: expected, as: UTF8.self),
        "\(request.method) \(request.url)")
      #expect(sent == expected)
    }
    await client.close()
  }

  @Test func aURLTheClientRefusesHasNoBytes() {
    #expect(AsyncHTTPClient().wireBytes(of: HTTPRequest("ftp://127.0.0.1/")) == nil)
    // async-http-client refuses a TRACE with a body (RFC 9110): no bytes either.
    let trace = HTTPRequest("http://127.0.0.1:8888/", method: "TRACE", body: [1], allowNonstandardMethods: true)
    #expect(AsyncHTTPClient().wireBytes(of: trace) == nil)
  }

  /// An IPv6 host goes back in brackets, as async-http-client writes it.
  @Test func anIPv6HostKeepsItsBrackets() throws {
    let bytes = try #require(AsyncHTTPClient().wireBytes(of: HTTPRequest("http://[::1]:8888/x")))
    #expect(String(decoding: bytes, as: UTF8.self).contains("\r\nhost: [::1]:8888\r\n"))
  }
}
