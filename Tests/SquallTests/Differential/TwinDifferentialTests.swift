import Foundation
import Squall
import SquallTestSupport
import Testing

@testable import SquallExamples

/// The lessons' twins side by side: Tornado runs `Tutorials/Python/echo_app.py` (the Python
/// regions the lessons show), Squall runs the echo example (the Swift regions), and both get
/// the requests the lessons have the learner send. What a client sees must be the same:
/// status, reason, body, framing and the headers a lesson talks about. The documented
/// differences (`Sources/Squall/Squall.docc/DifferencesFromTornado.md`) are checked both ways.
@Suite(.serialized, .enabled(if: TornadoReference.shouldRun, "needs `pip install tornado`"))
struct TwinDifferentialTests {
  struct Case: Sendable, CustomTestStringConvertible {
    /// How both servers run: as the lessons start them, compressing (lesson 16) or behind a
    /// proxy (lesson 17).
    enum Server: Sendable { case plain, gzip, xheaders }
    var name: String
    var request: String
    var server = Server.plain
    var headRequest = false
    var testDescription: String { name }
  }

  static let future = "Fri, 01 Jan 2100 00:00:00 GMT"
  static let past = "Sat, 01 Jan 2000 00:00:00 GMT"

  static let form = "name=Ada"
  static let json = #"{"name": "Ada"}"#
  static let multipart =
    "--b0undary\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nGrace\r\n--b0undary--\r\n"

  static let cases: [Case] = [
    Case(name: "lesson 1: GET /", request: request("GET", "/")),
    Case(name: "lesson 1: POST / (405)", request: request("POST", "/", body: "")),
    Case(name: "lesson 1: a path with no route", request: request("GET", "/nope")),
    Case(name: "lesson 2: /greet/NAME", request: request("GET", "/greet/Ada%20L")),
    Case(name: "lesson 2: /hi/NAME with a query argument", request: request("GET", "/hi/Ada?excited=yes")),
    Case(name: "lesson 2: /hi/NAME without it", request: request("GET", "/hi/Ada")),
    Case(
      name: "lesson 3: a urlencoded form",
      request: request(
        "POST", "/form", headers: ["Content-Type: application/x-www-form-urlencoded"], body: form)),
    Case(
      name: "lesson 3: a JSON body",
      request: request("POST", "/form", headers: ["Content-Type: application/json"], body: json)),
    Case(
      name: "lesson 3: a multipart form",
      request: request(
        "POST", "/form", headers: ["Content-Type: multipart/form-data; boundary=b0undary"], body: multipart)),
    Case(name: "lesson 3: GET /form (405)", request: request("GET", "/form")),
    Case(name: "lesson 7: the awaiting handler", request: request("GET", "/slow?delay=0.05")),
    Case(name: "lesson 7: the blocking handler", request: request("GET", "/blocking?delay=0.05")),
    Case(name: "streaming with flush()", request: request("GET", "/stream?count=3")),
    Case(name: "lesson 12: raising HTTPError(418)", request: request("GET", "/teapot")),
    Case(name: "lesson 12: an uncaught error", request: request("GET", "/boom")),
    Case(name: "lesson 12: write_error's JSON page", request: request("GET", "/oops?status=404")),
    Case(name: "lesson 12: write_error with 503", request: request("GET", "/oops?status=503")),
    Case(name: "lesson 11: Connection: close", request: request("GET", "/", headers: ["Connection: close"])),
    Case(name: "lesson 14: the first visit sets a cookie", request: request("GET", "/visits")),
    Case(name: "lesson 14: the cookie sent back", request: request("GET", "/visits", headers: ["Cookie: visits=4"])),
    Case(
      name: "lesson 14: a Set-Cookie sent back as it came",
      request: request("GET", "/visits", headers: ["Cookie: visits=1; Path=/"])),
    Case(name: "lesson 15: a static file", request: request("GET", "/static/hello.txt")),
    Case(name: "lesson 15: HEAD of a static file", request: request("HEAD", "/static/hello.txt"), headRequest: true),
    Case(
      name: "lesson 15: If-Modified-Since a later date (304)",
      request: request("GET", "/static/hello.txt", headers: ["If-Modified-Since: \(future)"])),
    Case(
      name: "lesson 15: If-Modified-Since an earlier date",
      request: request("GET", "/static/hello.txt", headers: ["If-Modified-Since: \(past)"])),
    Case(
      name: "lesson 15: an If-None-Match that does not match",
      request: request("GET", "/static/hello.txt", headers: [#"If-None-Match: "nope""#])),
    Case(
      name: "lesson 15: a byte range (206)",
      request: request("GET", "/static/hello.txt", headers: ["Range: bytes=13-18"])),
    Case(
      name: "lesson 15: the last bytes", request: request("GET", "/static/hello.txt", headers: ["Range: bytes=-6"])),
    Case(
      name: "lesson 15: a range past the end (416)",
      request: request("GET", "/static/hello.txt", headers: ["Range: bytes=100-"])),
    Case(name: "lesson 15: a missing file", request: request("GET", "/static/nope.txt")),
    Case(name: "lesson 15: a path out of the folder", request: request("GET", "/static/../secret")),
    Case(name: "lesson 16: the numbers", request: request("GET", "/numbers?count=5")),
    Case(
      name: "lesson 16: gzip for a client that accepts it",
      request: request("GET", "/numbers", headers: ["Accept-Encoding: gzip"]), server: .gzip),
    Case(name: "lesson 16: no gzip for a client that does not", request: request("GET", "/numbers"), server: .gzip),
    Case(
      name: "lesson 16: no gzip below 1024 bytes",
      request: request("GET", "/numbers?count=10", headers: ["Accept-Encoding: gzip"]), server: .gzip),
    Case(
      name: "lesson 16: a streamed body gzipped",
      request: request("GET", "/stream?count=3", headers: ["Accept-Encoding: gzip"]), server: .gzip),
    Case(
      name: "lesson 16: a 404 while compressing",
      request: request("GET", "/nope", headers: ["Accept-Encoding: gzip"]), server: .gzip),
    Case(name: "lesson 17: whoami without a proxy", request: request("GET", "/whoami"), server: .xheaders),
    Case(
      name: "lesson 17: X-Real-Ip ignored without xheaders",
      request: request("GET", "/whoami", headers: ["X-Real-Ip: 203.0.113.7"])),
    Case(
      name: "lesson 17: X-Real-Ip with xheaders",
      request: request("GET", "/whoami", headers: ["X-Real-Ip: 203.0.113.7"]), server: .xheaders),
    Case(
      name: "lesson 17: the last X-Forwarded-For wins",
      request: request("GET", "/whoami", headers: ["X-Forwarded-For: 198.51.100.1, 203.0.113.9"]), server: .xheaders),
    Case(
      name: "lesson 17: X-Real-Ip over X-Forwarded-For",
      request: request(
        "GET", "/whoami", headers: ["X-Forwarded-For: 198.51.100.1", "X-Real-Ip: 203.0.113.7"]), server: .xheaders),
    Case(
      name: "lesson 17: an address that is not one",
      request: request("GET", "/whoami", headers: ["X-Real-Ip: not-an-ip"]), server: .xheaders),
    Case(
      name: "lesson 17: X-Forwarded-Proto",
      request: request("GET", "/whoami", headers: ["X-Forwarded-Proto: https"]), server: .xheaders),
    Case(
      name: "lesson 17: a scheme in capitals",
      request: request("GET", "/whoami", headers: ["X-Forwarded-Proto: HTTPS"]), server: .xheaders),
    Case(
      name: "lesson 17: X-Forwarded-For twice",
      request: request("GET", "/whoami", headers: ["X-Forwarded-For: 198.51.100.1", "X-Forwarded-For: 203.0.113.9"]),
      server: .xheaders),
    Case(
      name: "lesson 17: an unknown scheme",
      request: request("GET", "/whoami", headers: ["X-Forwarded-Proto: gopher"]), server: .xheaders),
    Case(name: "a redirect", request: request("GET", "/redirect")),
    Case(
      name: "the echo of a query and a header",
      request: request("GET", "/echo?b=2&a=1&a=x", headers: ["X-Lesson: 9", "Accept: */*"])),
    Case(
      name: "the echo of a form body",
      request: request("POST", "/echo?q=1", headers: ["Content-Type: application/x-www-form-urlencoded"], body: form)),
  ]

  @Test("The Swift twin answers the lessons' requests like the Python one", arguments: cases)
  func sameAnswers(_ testCase: Case) async throws {
    let reference: TornadoReference
    var options = HTTPServer.Options()
    switch testCase.server {
    case .plain: reference = .echo
    case .gzip:
      reference = .echoGzip
      options.compressResponse = true
    case .xheaders:
      reference = .echoXheaders
      options.xheaders = true
    }
    let tornadoPort = try await blocking { try reference.port() }
    let settings = Settings(compressResponse: options.compressResponse, logFunction: { _ in })
    try await withServer(Examples.named("echo")!.makeApp(settings), options: options) {
      squallPort, _ async throws in
      let heads: Set<Int> = testCase.headRequest ? [0] : []
      let expected = try await exchange(tornadoPort, testCase.request, headRequests: heads)
      let actual = try await exchange(squallPort, testCase.request, headRequests: heads)
      let (python, swift) = (try #require(expected.first), try #require(actual.first))
      #expect(swift.status == python.status)
      #expect(swift.reason == python.reason)
      if python.header("Content-Encoding") == nil {
        #expect(swift.bodyText == python.bodyText, "bodies differ")
      } else {
        #expect(try gunzip(swift.body) == (try gunzip(python.body)), "inflated bodies differ")
      }
      #expect(swift.framing == python.framing, "framing differs")
      for header in [
        "Content-Type", "Content-Length", "Etag", "Location", "X-Greeted", "Transfer-Encoding", "Connection",
        "Set-Cookie", "Accept-Ranges", "Last-Modified", "Content-Range", "Vary", "Content-Encoding",
      ] where !(header == "Content-Length" && python.header("Content-Encoding") != nil) {
        #expect(swift.header(header) == python.header(header), "\(header) differs")
      }
      // The names in order (Date and Server aside), as a client reading the head sees them.
      // (`Allow` aside too: Squall's 405 adds it, a documented difference checked above.)
      let order = { (response: ParsedResponse) in
        response.headers.map(\.0).filter { !["date", "server", "allow"].contains($0.lowercased()) }
      }
      #expect(order(swift) == order(python), "header order or case differs")
      if let encoding = python.header("Content-Encoding") {
        // Two zlibs need not make the same bytes: each side's gzip must inflate to the same body.
        #expect(encoding == "gzip")
        #expect((python.header("Content-Length") == nil) == (swift.header("Content-Length") == nil))
      }
      // Documented: Squall's 405 names the allowed methods (RFC 9110), Tornado's names none.
      #expect(python.header("Allow") == nil, "Tornado now sends Allow; update DifferencesFromTornado.md")
      if swift.status == 405 { #expect(swift.header("Allow") != nil) }
    }
  }

  /// The client twins of lessons 4 and 6: the seed's callback form, `raise_error=False`, and a
  /// per-request timeout, run with Tornado and with Squall against the same server.
  @Test func theClientTwinsSeeTheSameAnswers() async throws {
    let python = try #require(python3Path())
    let script = packageRoot.appendingPathComponent("Tutorials/Python/hello_client.py").path
    try await withServer(Examples.named("echo")!.makeApp(Settings(logFunction: { _ in }))) { port, _ async throws in
      let base = "http://127.0.0.1:\(port)"
      let callback = try await runProgram(python, [script, base + "/", "callback"], timeout: 30)
      #expect(callback.output == "b'Hello, world'\n", "\(callback.errorOutput)")
      let swiftCallback = try await runProgram(
        productsDirectory.appendingPathComponent("hello-client").path, [base + "/"], timeout: 30)
      #expect(swiftCallback.output == "Hello, world\n", "the Swift twin prints the text; Python, the bytes")
      let notRaising = try await runProgram(python, [script, base + "/nope", "await"], timeout: 30)
      #expect(notRaising.output == "404\n")
      #expect(try await LessonTwins.fetchNotRaising(base + "/nope") == 404)
      let timeout = try await runProgram(python, [script, base + "/slow?delay=2", "timeouts"], timeout: 30)
      #expect(timeout.output == "599\n")
      #expect(await LessonTwins.fetchWithTimeouts(base + "/slow?delay=2").code == 599)
      let redirect = try await runProgram(python, [script, base + "/redirect", "redirects"], timeout: 30)
      #expect(redirect.output == "302 /\n", "\(redirect.errorOutput)")
      let swiftRedirect = await LessonTwins.fetchWithoutFollowing(base + "/redirect")
      #expect(swiftRedirect.code == 302 && swiftRedirect.location == "/")
      let burst = try await runProgram(python, [script, base + "/slow?delay=0.1", "burst"], timeout: 30)
      #expect(burst.output == "[200]\n", "\(burst.errorOutput)")
      #expect(Set(await LessonTwins.burst(base + "/slow?delay=0.1", count: 50)) == [200])
    }
  }
}
