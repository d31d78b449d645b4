import Foundation
import Squall
import SquallTesting
import Testing

/// `/items/([^/]+)`: a typed path argument and a typed query argument with a default.
final class ItemHandler: RequestHandler {
  override func get(_ args: [String]) async throws {
    let id = try pathArgument(0, as: Int.self)
    let limit = try getArgument("limit", as: Int.self, default: 100)
    let sort = getArgument("sort", default: "id")  // nothing to throw: no `try`
    let query = try getArgument("q")
    write(["id": id, "limit": limit, "sort": sort, "q": query])
  }

  /// One error page for every error, read without a switch per type: the status, the reason
  /// phrase (`reason`) and, for a missing or bad argument, its name.
  override func writeError(_ statusCode: Int, error: (any Error)?) async throws {
    let argument = (error as? MissingArgumentError)?.argumentName ?? (error as? InvalidArgumentError)?.argumentName
    write(["status": statusCode, "reason": getReason(), "argument": argument, "log": (error as? HTTPError)?.logMessage])
  }
}

/// An app's own error, as a Tornado app subclasses `HTTPError`.
final class QuotaError: HTTPError, @unchecked Sendable {
  init() { super.init(429, "quota spent", reason: "Slow Down") }
}

final class QuotaHandler: RequestHandler {
  override func get() async throws { throw QuotaError() }
}

@Suite struct TypedArgumentTests {
  static let app = Application([(#"/items/([^/]+)"#, ItemHandler.self), ("/quota", QuotaHandler.self)])

  @Test func typedArgumentsReadOrAnswer400NamingTheArgument() async throws {
    try await Self.app.test { client in
      let cases: [(String, Int, String)] = [
        ("/items/7?q=a", 200, #"{"id": 7, "limit": 100, "sort": "id", "q": "a"}"#),
        ("/items/7?q=a&limit=5&sort=name", 200, #"{"id": 7, "limit": 5, "sort": "name", "q": "a"}"#),
        (
          "/items/7?q=a&limit=ten", 400,
          #"{"status": 400, "reason": "Bad Request", "argument": "limit", "log": "Invalid argument limit: \"ten\" is not Int"}"#
        ),
        (
          "/items/seven?q=a", 400,
          #"{"status": 400, "reason": "Bad Request", "argument": "path argument 0", "log": "Invalid argument path argument 0: \"seven\" is not Int"}"#
        ),
        (
          "/items/7", 400,
          #"{"status": 400, "reason": "Bad Request", "argument": "q", "log": "Missing argument q"}"#
        ),
      ]
      for (target, status, body) in cases {
        let response = try await client.fetch(target)
        #expect(response.code == status, "\(target)")
        #expect(response.text == body, "\(target)")
      }
      #expect(
        client.logs.contains { $0.level == .warning && $0.message == "400 GET /items/7: Missing argument q" },
        "the log message is logged, as Tornado's")
    }
  }

  @Test func errorsAreHTTPErrorsWithTheirReason() async throws {
    let missing: any Error = MissingArgumentError(argumentName: "q")
    #expect((missing as? HTTPError)?.statusCode == 400, "MissingArgumentError is an HTTPError, as in Tornado")
    #expect((missing as? HTTPError)?.reasonPhrase == "Bad Request")
    #expect("\(missing)" == "HTTP 400: Bad Request (Missing argument q)", "Tornado's str()")
    #expect(HTTPError(418).reasonPhrase == "I'm a Teapot")
    let quota = try await Self.app.test { client in try await client.fetch("/quota") }
    #expect(quota.code == 429 && quota.reason == "Slow Down", "a subclass answers with its status and reason")
    #expect(quota.text.contains("429: Slow Down"), "the default error page says its reason")
  }
}
