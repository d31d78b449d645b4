import Squall
import SquallValues

/// The applications of the seed tutorial and its lessons, ready to serve.
package enum Examples {
  /// An example application and what it shows.
  package struct Entry: Sendable {
    /// Which app: its name (`squall serve --example NAME`), title and summary.
    package var app: ExampleApp
    /// Its routes, each with what it answers: the one list the app is built from and the
    /// playground's Server pane shows.
    package var routes: [Route]

    package var name: String { app.rawValue }
    /// The routes as the Server pane describes them.
    package var routeDescriptions: [RouteDescription] {
      routes.map { RouteDescription(pattern: $0.pattern, summary: $0.summary, handlerName: $0.handlerName) }
    }

    /// Builds the application.
    package func makeApp(_ settings: Settings) -> Application {
      let serving = ObjectIdentifier(StaticFileHandler.self)
      if routes.contains(where: { ObjectIdentifier($0.spec.handlerClass) == serving }) { StaticFolder.prepare() }
      return Application(routes.map(\.spec), settings: settings)
    }
  }

  /// A route of an example: its rule and one line on what it answers.
  package struct Route: Sendable {
    package var spec: URLSpec
    /// What it answers, for the Server pane ("GET POST PUT: the request as JSON").
    package var summary: String
    package var pattern: String { spec.pattern }
    package var handlerName: String { String(describing: spec.handlerClass) }

    init(_ spec: URLSpec, _ summary: String) {
      self.spec = spec
      self.summary = summary
    }
  }

  /// Every example, the seed's hello world first.
  package static let all: [Entry] = ExampleApp.allCases.map { Entry(app: $0, routes: routes(of: $0)) }

  /// The routes of `app`: a switch, so that every app of `ExampleApp` has some.
  static func routes(of app: ExampleApp) -> [Route] {
    switch app {
    case .hello: [Route(url(#"/"#, MainHandler.self), "GET: Hello, world")]
    case .echo:
      [
        Route(url(#"/"#, MainHandler.self), "GET: Hello, world"),
        Route(url(#"/echo"#, EchoHandler.self, name: "echo"), "GET POST PUT: the request as JSON"),
        Route(url(#"/greet/([^/]+)"#, GreetHandler.self, name: "greet"), "GET: a greeting for the name"),
        Route(url(#"/slow"#, SlowHandler.self), "GET ?delay=S: answers after S seconds, awaiting"),
        Route(url(#"/stream"#, StreamHandler.self), "GET: chunks written with flush()"),
        // snippet.redirect-route
        Route(
          url(#"/redirect"#, RedirectHandler.self, kwargs: ["url": "/", "permanent": false]), "GET: 302 to /"),
        // snippet.end
        Route(url(#"/blocking"#, BlockingHandler.self), "GET ?delay=S: sleeps S seconds, blocking its loop"),
        Route(url(#"/hi/([^/]+)"#, LessonGreetHandler.self), "GET ?excited=yes: Hi, NAME (lesson 2)"),
        Route(url(#"/form"#, LessonFormHandler.self), "POST: reads the name field (lesson 3)"),
        Route(url(#"/teapot"#, TeapotHandler.self), "GET: raises HTTPError(418) (lesson 12)"),
        Route(url(#"/boom"#, BoomHandler.self), "GET: an uncaught error, a 500 (lesson 12)"),
        Route(url(#"/oops"#, JSONErrorsHandler.self), "GET ?status=N: a JSON error page (lesson 12)"),
        Route(url(#"/visits"#, VisitsHandler.self), "GET: counts visits in a cookie (lesson 14)"),
        // snippet.static-route
        Route(
          url(#"/static/(.*)"#, StaticFileHandler.self, kwargs: ["path": StaticFolder.path]),
          "GET HEAD: the files of a folder, with Etag, Last-Modified and ranges (lesson 15)"),
        // snippet.end
        Route(url(#"/numbers"#, NumbersHandler.self), "GET ?count=N: a JSON list worth gzipping (lesson 16)"),
        Route(url(#"/whoami"#, WhoAmIHandler.self), "GET: the caller's address and scheme (lesson 17)"),
        Route(url(#"/ws"#, EchoWebSocket.self), "WebSocket: every message echoed (ws://…/ws)"),
        Route(url(#"/chat"#, ChatWebSocket.self), "WebSocket: every message to every /chat connection"),
        Route(url(#"/ws-deflate"#, DeflateEchoWebSocket.self), "WebSocket: the echo, permessage-deflate on offer"),
      ]
    case .faults:
      [Route(url(#"/"#, FaultsIndexHandler.self), "GET: the faults, their routes and what they send")]
        + WireFault.allCases.map { fault in
          Route(
            url("/fault/\(fault.rawValue)", FaultHandler.self, kwargs: ["fault": fault]),
            "GET POST PUT\(fault.query): \(fault.summary)")
        }
    }
  }

  /// The Server pane's view of every app's routes.
  package static var routeDescriptions: [ExampleApp: [RouteDescription]] {
    Dictionary(uniqueKeysWithValues: all.map { ($0.app, $0.routeDescriptions) })
  }

  /// The example called `name`.
  package static func named(_ name: String) -> Entry? { ExampleApp(rawValue: name).map(entry) }

  /// The example `app`.
  package static func entry(_ app: ExampleApp) -> Entry { Entry(app: app, routes: routes(of: app)) }
}

/// The seed's `MainHandler`: answers GET with "Hello, world".
// snippet.main-handler
final class MainHandler: RequestHandler {
  /// Tornado's `SUPPORTED_METHODS`: other methods get 405 with `Allow: GET`.
  override class var supportedMethods: [String] { ["GET"] }

  override func get() async throws {
    write("Hello, world")
  }
}
// snippet.end

/// Echoes the request back as JSON: method, path, arguments and body.
final class EchoHandler: RequestHandler {
  override class var supportedMethods: [String] { ["GET", "POST", "PUT"] }

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

  override func get() async throws { echo() }
  override func post() async throws { echo() }
  override func put() async throws { echo() }
}

/// Greets the name captured from the path: `/greet/Ada` answers "Hello, Ada".
// snippet.greet-handler
final class GreetHandler: RequestHandler {
  override class var supportedMethods: [String] { ["GET"] }

  override func get(_ args: [String]) async throws {
    write("Hello, \(args[0])")
  }
}
// snippet.end

/// Waits `delay` seconds (default 1, at most 30) without blocking other requests.
// snippet.slow-handler
final class SlowHandler: RequestHandler {
  override class var supportedMethods: [String] { ["GET"] }

  override func get() async throws {
    let delay = min(Double(getArgument("delay", default: "1")) ?? 1, 30)
    try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
    write("Slept \(delay)s")
  }
}
// snippet.end

/// Streams `count` chunks (default 5) with `flush()`, showing chunked transfer encoding.
// snippet.stream-handler
final class StreamHandler: RequestHandler {
  override class var supportedMethods: [String] { ["GET"] }

  override func get() async throws {
    let count = min(Int(getArgument("count", default: "5")) ?? 5, 1000)
    for index in 1...max(count, 1) {
      write("chunk \(index)\n")
      try await flush()
    }
  }
}
// snippet.end
