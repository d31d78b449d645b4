import Foundation
import Squall
import SquallTestSupport
import Testing

@testable import SquallExamples

/// The Swift the lessons show, run: the async client forms, the server options, stopping.
@Suite struct LessonTwinsTests {
  static func app() -> Application { Examples.named("echo")!.makeApp(Settings(logFunction: { _ in })) }

  @Test func theClientFormsOfLessonsFourAndSix() async throws {
    try await withServer(Self.app()) { port, _ async throws in
      #expect(await LessonTwins.fetchAwaiting("http://127.0.0.1:\(port)/greet/seed") == "Hello, seed")
      #expect(await LessonTwins.fetchAwaiting("http://127.0.0.1:\(port)/missing") == "Error: HTTP 404: Not Found")
      #expect(try await LessonTwins.fetchNotRaising("http://127.0.0.1:\(port)/missing") == 404)
      let slow = await LessonTwins.fetchWithTimeouts("http://127.0.0.1:\(port)/slow?delay=3")
      #expect(slow.code == 599 && slow.error?.kind == .requestTimeout, "the per-request 1 s timeout wins over 20 s")
    }
  }

  @Test func theHandlersOfLessonsTwoAndThree() async throws {
    try await withServer(Self.app()) { port, _ async throws in
      let hi = try await exchange(port, request("GET", "/hi/Ada?excited=yes"))
      #expect(hi.first?.bodyText == #"{"excited": true, "greeting": "Hello, Ada"}"#)
      #expect(hi.first?.header("X-Greeted") == "Ada")
      let form = try await exchange(
        port, request("POST", "/form", headers: ["Content-Type: application/x-www-form-urlencoded"], body: "name=Ada"))
      #expect(form.first?.bodyText == "Form field name = Ada")
      let json = try await exchange(
        port, request("POST", "/form", headers: ["Content-Type: application/json"], body: "{}"))
      #expect(json.first?.bodyText == "JSON body: {}")
    }
  }

  @Test func theServerOptionsAndStoppingOfLessonsFiveAndEight() async throws {
    let server = LessonTwins.serverWithBufferLimit(Self.app())
    #expect(server.options.maxBufferSize == 50_485_760)
    try await server.listen(0)
    let port = server.ports[0]
    #expect(try await exchange(port, request("GET", "/greet/x")).statuses == [200])
    await LessonTwins.stop(server)
    #expect(await acceptsNothingMore(server, port: port), "after stop() nothing accepts connections")
  }
}
