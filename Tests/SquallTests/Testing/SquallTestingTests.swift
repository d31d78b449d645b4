import Foundation
import Squall
import SquallTesting
import Testing

final class EchoJSONHandler: RequestHandler {
  override func post() async throws {
    let name = getArgument("name", default: "?")
    write(["got": String(decoding: request.body, as: UTF8.self), "name": name])
  }
}

final class BrokenHandler: RequestHandler {
  struct Broken: Error {}
  override func get() async throws { throw Broken() }
}

final class MovedHandler: RequestHandler {
  override func get() async throws { try await redirect("/items/1") }
}

/// `SquallTesting`: the app under test in process or live, answering the same; its log lines
/// captured, not printed.
@Suite struct SquallTestingTests {
  static func app() -> Application {
    Application([
      (#"/items/([^/]+)"#, ItemHandler.self), ("/echo", EchoJSONHandler.self), ("/broken", BrokenHandler.self),
      ("/moved", MovedHandler.self),
    ])
  }

  @Test(arguments: [TestMode.inProcess, .live()]) func bothModesAnswerAlike(_ mode: TestMode) async throws {
    try await Self.app().test(mode) { client in
      let item = try await client.fetch("/items/7?q=a")
      #expect(item.code == 200 && item.error == nil)
      #expect(item.text == #"{"id": 7, "limit": 100, "sort": "id", "q": "a"}"#)
      #expect(item.headers.first(name: "Content-Type") == "application/json; charset=UTF-8")
      let bad = try await client.fetch("/items/x?q=a")
      #expect(bad.code == 400 && bad.error?.code == 400, "no throw for a status, as AsyncHTTPTestCase.fetch")
      let posted = try await client.fetch("/echo?name=Ada", json: ["n": 1])
      #expect(posted.text == #"{"got": "{\"n\": 1}", "name": "Ada"}"#)
      let head = try await client.fetch("/items/7?q=a", method: "HEAD")
      #expect(head.code == 405 && head.body.isEmpty, "get only, as Tornado: no body for HEAD")
      let missing = try await client.fetch("/nowhere")
      #expect(missing.code == 404)
    }
  }

  @Test(arguments: [TestMode.inProcess, .live()]) func logLinesAreCapturedNotPrinted(_ mode: TestMode) async throws {
    try await Self.app().test(mode) { client in
      let broken = try await client.fetch("/broken")
      #expect(broken.code == 500)
      let logs = client.logs
      #expect(
        logs.contains { $0.log == .application && $0.level == .error && $0.message.contains("Uncaught exception") })
      #expect(logs.contains { $0.log == .access && $0.level == .error && $0.message.contains("500 GET /broken") })
    }
    try await Self.app().test(mode) { client in
      #expect(client.logs.isEmpty, "each test() starts with no lines: the last one's are not here")
    }
  }

  @Test func liveFollowsRedirectsAndInProcessShowsThem() async throws {
    let live = try await Self.app().test(.live()) { client in
      #expect(client.port != nil)
      return try await client.fetch("/moved")
    }
    #expect(live.code == 400 && live.effectiveURL.hasSuffix("/items/1"), "followed to /items/1 (no q: 400)")
    let local = try await Self.app().test { client in try await client.fetch("/moved") }
    #expect(local.code == 302 && local.headers.first(name: "Location") == "/items/1")
  }
}
