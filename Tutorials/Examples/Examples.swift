import Squall

/// The applications of the seed tutorial and its lessons, ready to serve.
public enum Examples {
  /// An example application and what it shows.
  public struct Entry: Sendable {
    /// The name used by `squall serve --example NAME`.
    public var name: String
    /// One line on what it demonstrates.
    public var summary: String
    /// Builds the application.
    public var makeApp: @Sendable (Settings) -> Application
  }

  /// Every example, the seed's hello world first.
  public static let all: [Entry] = [
    Entry(name: "hello", summary: "the seed's hello world: GET / answers \"Hello, world\"") {
      Application([(#"/"#, MainHandler.self)], settings: $0)
    },
    Entry(
      name: "echo",
      summary:
        "GET/POST /echo returns the request as JSON; /greet/NAME, /hi/NAME, /form, /slow?delay=S, /blocking?delay=S, /stream, /redirect"
    ) {
      Application(
        [
          url(#"/"#, MainHandler.self),
          url(#"/echo"#, EchoHandler.self, name: "echo"),
          url(#"/greet/([^/]+)"#, GreetHandler.self, name: "greet"),
          url(#"/slow"#, SlowHandler.self),
          url(#"/stream"#, StreamHandler.self),
          url(#"/redirect"#, RedirectHandler.self, kwargs: ["url": "/", "permanent": false]),
          url(#"/blocking"#, BlockingHandler.self),
          url(#"/hi/([^/]+)"#, LessonGreetHandler.self),
          url(#"/form"#, LessonFormHandler.self),
        ], settings: $0)
    },
  ]

  /// The example called `name`.
  public static func named(_ name: String) -> Entry? { all.first { $0.name == name } }
}

/// The seed's `MainHandler`: answers GET with "Hello, world".
public final class MainHandler: RequestHandler {
  /// Tornado's `SUPPORTED_METHODS`: other methods get 405 with `Allow: GET`.
  public override class var supportedMethods: [String] { ["GET"] }

  public override func get() async throws {
    write("Hello, world")
  }
}

/// Echoes the request back as JSON: method, path, arguments and body.
public final class EchoHandler: RequestHandler {
  public override class var supportedMethods: [String] { ["GET", "POST", "PUT"] }

  struct Echo: Encodable {
    var method: String
    var path: String
    var arguments: [String: [String]]
    var headers: [String: String]
    var body: String
  }

  private func echo() {
    var arguments: [String: [String]] = [:]
    for name in request.arguments.names { arguments[name] = getArguments(name) }
    var headers: [String: String] = [:]
    for (name, value) in request.headers { headers[name] = value }
    write(
      Echo(
        method: request.method, path: request.path, arguments: arguments, headers: headers,
        body: request.bodyText))
  }

  public override func get() async throws { echo() }
  public override func post() async throws { echo() }
  public override func put() async throws { echo() }
}

/// Greets the name captured from the path: `/greet/Ada` answers "Hello, Ada".
public final class GreetHandler: RequestHandler {
  public override class var supportedMethods: [String] { ["GET"] }

  public override func get(_ args: [String]) async throws {
    write("Hello, \(args[0])")
  }
}

/// Waits `delay` seconds (default 1, at most 30) without blocking other requests.
public final class SlowHandler: RequestHandler {
  public override class var supportedMethods: [String] { ["GET"] }

  public override func get() async throws {
    let delay = min(Double(try getArgument("delay", default: "1")) ?? 1, 30)
    try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
    write("Slept \(delay)s")
  }
}

/// Streams `count` chunks (default 5) with `flush()`, showing chunked transfer encoding.
public final class StreamHandler: RequestHandler {
  public override class var supportedMethods: [String] { ["GET"] }

  public override func get() async throws {
    let count = min(Int(try getArgument("count", default: "5")) ?? 5, 1000)
    for index in 1...max(count, 1) {
      write("chunk \(index)\n")
      try await flush()
    }
  }
}
