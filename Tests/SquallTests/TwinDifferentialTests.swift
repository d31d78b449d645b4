import Foundation
import Squall
import SquallExamples
import SquallTestSupport
import Testing

/// The lessons' twins side by side: Tornado runs `Tutorials/Python/echo_app.py` (the Python
/// regions the lessons show), Squall runs the echo example (the Swift regions), and both get
/// the requests the lessons have the learner send. What a client sees must be the same:
/// status, reason, body, framing and the headers a lesson talks about. The documented
/// differences (README) are checked both ways.
@Suite(.serialized, .enabled(if: TornadoReference.shouldRun, "needs `pip install tornado`"))
struct TwinDifferentialTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var request: String
    var testDescription: String { name }
  }

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
    let tornadoPort = try await blocking { try TornadoReference.echo.port() }
    try await withServer(Examples.named("echo")!.makeApp(Settings(logFunction: { _ in }))) {
      squallPort, _ async throws in
      let expected = try await exchange(tornadoPort, testCase.request)
      let actual = try await exchange(squallPort, testCase.request)
      let (python, swift) = (try #require(expected.first), try #require(actual.first))
      #expect(swift.status == python.status)
      #expect(swift.reason == python.reason)
      #expect(swift.bodyText == python.bodyText, "bodies differ")
      #expect(swift.framing == python.framing, "framing differs")
      for header in [
        "Content-Type", "Content-Length", "Etag", "Location", "X-Greeted", "Transfer-Encoding", "Connection",
      ] {
        #expect(swift.header(header) == python.header(header), "\(header) differs")
      }
      // Documented: Squall's 405 names the allowed methods (RFC 9110), Tornado's names none.
      #expect(python.header("Allow") == nil, "Tornado now sends Allow; update README")
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
