import Foundation
import Squall

// The Swift twins the lessons show beside the seed's Python (Tutorials/NN-*.md). They are
// compiled with the package and run by LessonTwinsTests, so what a lesson shows cannot rot.

/// Waits `delay` seconds by blocking its thread (`Thread.sleep`) instead of awaiting: while it
/// sleeps, a thread that could serve other requests does nothing (the non-blocking lesson).
// snippet.blocking-handler
final class BlockingHandler: RequestHandler {
  override class var supportedMethods: [String] { ["GET"] }

  override func get() async throws {
    let delay = min(Double(getArgument("delay", default: "1")) ?? 1, 5)
    usleep(useconds_t(delay * 1_000_000))  // blocks its thread: never do this in a handler
    write("Blocked \(delay)s")
  }
}
// snippet.end

/// Lesson 2: a path capture becomes an argument, a query argument is read, JSON is written.
// snippet.hi-handler
final class LessonGreetHandler: RequestHandler {
  struct Greeting: Encodable {
    var greeting: String
    var excited: Bool
  }

  override class var supportedMethods: [String] { ["GET"] }

  override func get(_ args: [String]) async throws {
    let name = args[0]
    let excited = getArgument("excited", default: "no") == "yes"
    setHeader("X-Greeted", name)
    write(Greeting(greeting: "Hello, \(name)", excited: excited))
  }
}
// snippet.end

/// Lesson 3: the three kinds of POST body, read by one handler.
// snippet.form-handler
final class LessonFormHandler: RequestHandler {
  override class var supportedMethods: [String] { ["POST"] }

  override func post() async throws {
    let type = request.headers.first(name: "Content-Type") ?? ""
    if type.hasPrefix("application/json") {
      write("JSON body: \(request.bodyText)")
    } else {
      let name = getBodyArgument("name", default: "nobody")
      write("Form field name = \(name)")
    }
  }
}
// snippet.end

/// Lesson 12: raising `HTTPError` stops the handler; `sendError` writes Tornado's default page.
// snippet.teapot-handler
final class TeapotHandler: RequestHandler {
  override class var supportedMethods: [String] { ["GET"] }

  override func get() async throws {
    throw HTTPError(418, "asked for coffee")  // the message goes to the log, not to the client
  }
}
// snippet.end

/// Lesson 12: any other error escaping a handler is a 500; the details go to the log.
// snippet.boom-handler
struct KeyError: Error {
  var key: String
}

final class BoomHandler: RequestHandler {
  override class var supportedMethods: [String] { ["GET"] }

  override func get() async throws {
    let prices: [String: Int] = ["tea": 3]
    guard let price = prices["coffee"] else { throw KeyError(key: "coffee") }  // Python's KeyError
    write("Coffee costs \(price)")
  }
}
// snippet.end

/// Lesson 12: `writeError` (Tornado's `write_error`) decides what an error page looks like.
// snippet.json-errors
final class JSONErrorsHandler: RequestHandler {
  struct ErrorPage: Encodable {
    var code: Int
    var message: String
  }

  override class var supportedMethods: [String] { ["GET"] }

  override func get() async throws {
    let status = Int(getArgument("status", default: "400")) ?? 400
    throw HTTPError(status)
  }

  override func writeError(_ statusCode: Int, error: (any Error)?) async throws {
    write(ErrorPage(code: statusCode, message: HTTPStatus.reason(for: statusCode)))
  }
}
// snippet.end

/// Lesson 14: a cookie set by the server, sent back by the client, read by the handler.
// snippet.visits-handler
final class VisitsHandler: RequestHandler {
  override class var supportedMethods: [String] { ["GET"] }

  override func get() async throws {
    let visits = (Int(getCookie("visits", default: "0") ?? "0") ?? 0) + 1
    setCookie("visits", String(visits))  // Set-Cookie: visits=N; Path=/
    write("Visit number \(visits)")
  }
}
// snippet.end

enum LessonTwins {
  /// Lesson 4: the client with async/await instead of a callback (Tornado 6's form).
  static func fetchAwaiting(_ url: String) async -> String {
    let client = AsyncHTTPClient()
    defer { Task { await client.close() } }
    do {
      let response = try await client.fetch(url)
      return response.text
    } catch let error as HTTPClientError {
      return "Error: \(error)"
    } catch {
      return "Error: \(error)"
    }
  }

  /// Lesson 4: `raiseError: false` hands non-2xx answers back instead of throwing.
  // snippet.client-await
  static func fetchNotRaising(_ url: String) async throws -> Int {
    let client = AsyncHTTPClient()
    let response = try await client.fetch(url, raiseError: false)
    await client.close()
    return response.code
  }
  // snippet.end

  /// Lesson 5: the seed's options line: `HTTPServer(app, max_buffer_size=50485760)`.
  // snippet.server-options
  static func serverWithBufferLimit(_ app: Application) -> HTTPServer {
    let httpServer = HTTPServer(app, maxBufferSize: 50_485_760)
    return httpServer
  }
  // snippet.end

  /// Lesson 6: client defaults (`defaults=dict(request_timeout=20.0)`) and a per-request override.
  // snippet.client-timeouts
  static func fetchWithTimeouts(_ url: String) async -> HTTPResponse {
    let httpClient = AsyncHTTPClient(defaults: HTTPClientDefaults(requestTimeout: 20))
    let request = HTTPRequest(url, requestTimeout: 1.0)
    let response = await httpClient.perform(request)
    await httpClient.close()
    return response
  }
  // snippet.end

  /// Lesson 9: `follow_redirects=False`: the 3xx itself is the answer.
  // snippet.client-redirects
  static func fetchWithoutFollowing(_ url: String) async -> (code: Int, location: String?) {
    let httpClient = AsyncHTTPClient()
    let response = await httpClient.perform(HTTPRequest(url, followRedirects: false))
    await httpClient.close()
    return (response.code, response.headers.first(name: "Location"))  // the 3xx itself
  }
  // snippet.end

  /// Lesson 10: `max_clients`: connections at once; more requests wait in the client's queue.
  static func burst(_ url: String, count: Int) async -> [Int] {
    // snippet.max-clients
    // Connections at once for this client (Tornado's default: 10); more wait in its queue.
    let httpClient = AsyncHTTPClient(maxClients: 50)
    let codes = await withTaskGroup(of: Int.self) { group in
      for _ in 0..<count { group.addTask { await httpClient.perform(HTTPRequest(url)).code } }
      return await group.reduce(into: [Int]()) { $0.append($1) }
    }
    // snippet.end
    await httpClient.close()
    return codes
  }

  /// Lesson 11: keep-alive, as the server decides it: Tornado's `no_keep_alive` and
  /// `idle_connection_timeout`.
  static func serverClosingConnections(_ app: Application) -> HTTPServer {
    // snippet.keep-alive-options
    let httpServer = HTTPServer(
      app,
      noKeepAlive: true,  // every response says Connection: close, then closes
      idleConnectionTimeout: 2)  // a kept connection idle for 2 s is closed
    // snippet.end
    return httpServer
  }

  /// Lesson 8: stopping: no new connections, then the open ones closed.
  // snippet.stopping
  static func stop(_ httpServer: HTTPServer) async {
    await httpServer.stop()
    await httpServer.closeAllConnections()
  }
  // snippet.end
}

/// Lesson 16: a body long enough to be worth compressing: `{"count": N, "numbers": [1, …, N]}`.
// snippet.numbers-handler
final class NumbersHandler: RequestHandler {
  struct Numbers: Encodable {
    var count: Int
    var numbers: [Int]
  }

  override class var supportedMethods: [String] { ["GET"] }

  override func get() async throws {
    let count = min(max(Int(getArgument("count", default: "300")) ?? 300, 0), 10_000)
    write(Numbers(count: count, numbers: Array(stride(from: 1, through: count, by: 1))))
  }
}
// snippet.end

/// Lesson 17: who the server thinks is asking: the peer's address and scheme, or, with
/// `xheaders`, what the proxy's headers say.
// snippet.whoami-handler
final class WhoAmIHandler: RequestHandler {
  struct Caller: Encodable {
    var remoteIP: String
    var `protocol`: String
    enum CodingKeys: String, CodingKey {
      case remoteIP = "remote_ip"
      case `protocol`
    }
  }

  override class var supportedMethods: [String] { ["GET"] }

  override func get() async throws {
    write(Caller(remoteIP: request.remoteIP, protocol: request.protocol))
  }
}
// snippet.end

extension LessonTwins {
  /// Lesson 16: the server gzips what is worth it (Tornado's `compress_response=True`).
  static func compressingApp(_ handlers: [URLSpec]) -> Application {
    // snippet.gzip-settings
    let app = Application(handlers, settings: Settings(compressResponse: true))
    // snippet.end
    return app
  }

  /// Lesson 17: behind a proxy, trust its `X-Real-Ip`, `X-Forwarded-For` and
  /// `X-Forwarded-Proto` (Tornado's `xheaders=True`).
  static func serverBehindAProxy(_ app: Application) -> HTTPServer {
    // snippet.xheaders-options
    let httpServer = HTTPServer(app, xheaders: true)
    // snippet.end
    return httpServer
  }
}
