import Foundation
import Squall
import Testing

/// A server that misbehaves: each canned answer (sent, then the connection closed) gives the
/// client a clear outcome, within its timeout, holding no more than the answer.
@Suite struct HostileServerTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var answer: String
    var code: Int
    var message: String
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "closes mid-body", answer: "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc", code: 599,
      message: "Stream closed: the server closed the connection after 3 of 100 body bytes"),
    Case(
      name: "truncated chunked body", answer: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabc",
      code: 599,
      message: "Stream closed: the server closed the connection in the middle of the chunked body, after 3 bytes"),
    Case(
      name: "invalid status line", answer: "HTTP/1.1 abc OK\r\n\r\n", code: 599,
      message: "Malformed response from URL: the status line is not HTTP/1.x NNN reason; nothing past it was read"),
    Case(
      name: "not HTTP at all", answer: "SSH-2.0-OpenSSH_9.2\r\n", code: 599,
      message:
        "Malformed response from URL: the first line is not an HTTP status line (HTTP/1.1 NNN reason); nothing past it was read"
    ),
    Case(
      name: "a 1 MB header", answer: "HTTP/1.1 200 OK\r\nX-Big: \(String(repeating: "a", count: 1 << 20))\r\n\r\n",
      code: 599, message: "Malformed response from URL: the response headers are too large; nothing past it was read"),
    Case(
      name: "Location to another scheme",
      answer: "HTTP/1.1 302 Found\r\nLocation: ftp://127.0.0.1/file\r\nContent-Length: 0\r\n\r\n", code: 599,
      message:
        "Redirect to an unsupported scheme: 302 to ftp://127.0.0.1/file (only http:// and https:// are followed); turn followRedirects off to get the 302 itself"
    ),
    Case(
      name: "an escape sequence in the reason phrase",
      answer: "HTTP/1.1 200 O\u{1B}[2JK\r\nContent-Length: 2\r\n\r\nok", code: 200, message: ""),
    Case(
      name: "nothing at all", answer: "", code: 599,
      message: "Stream closed: the server closed the connection without sending a response"),
  ]

  /// Each case through both of async-http-client's APIs: the async one (the default) and the
  /// delegate one that records the head as sent. Both must end alike.
  @Test(arguments: cases, [false, true])
  func aMisbehavingServerGivesAClearOutcome(_ hostile: Case, recordSentHead: Bool) async throws {
    let server = try CannedServer(answer: Array(hostile.answer.utf8))
    let client = AsyncHTTPClient()
    var request = HTTPRequest("http://127.0.0.1:\(server.port)/", requestTimeout: 5)
    request.recordSentHead = recordSentHead
    let response = await client.perform(request)
    await client.close()
    #expect(response.code == hostile.code)
    let expected = hostile.message.replacingOccurrences(of: "URL", with: "http://127.0.0.1:\(server.port)/")
    #expect((response.error?.message ?? "") == expected)
    let shown = "\(response.reason) \(response.error?.description ?? "")"
    #expect(!shown.unicodeScalars.contains { $0.value < 0x20 }, "no control character reaches what is shown")
  }
}
