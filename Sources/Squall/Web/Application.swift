import Logging

/// A collection of request handlers that make up a web application, as Tornado's
/// `tornado.web.Application`. Give it to an `HTTPServer`, which calls it for every request.
///
/// ```swift
/// let app = Application([(#"/"#, MainHandler.self)])
/// ```
public final class Application: Sendable {
  /// The routes, tried in order; the first full match wins.
  public let handlers: [URLSpec]
  /// Application settings (`debug`, `compressResponse`, `staticPath`, ...).
  public let settings: Settings
  /// The templates read from `settings.templatePath`, by file extension.
  let templates = TemplateCache()

  /// Creates an application from routes made with `url(...)` or `URLSpec(...)`.
  public init(_ handlers: [URLSpec], settings: Settings = Settings()) {
    var routes = handlers
    if let staticPath = settings.staticPath {
      let prefix = settings.staticURLPrefix
      let escaped = prefix.map { "\\^$.|?*+()[]{}".contains($0) ? "\\\($0)" : String($0) }.joined()
      routes.insert(
        URLSpec(escaped + "(.*)", StaticFileHandler.self, kwargs: ["path": staticPath]), at: 0)
    }
    self.handlers = routes
    self.settings = settings
  }

  /// The same routes (the static route already among them) with other settings: what
  /// `SquallTesting` runs, its logger in place.
  package func with(settings: Settings) -> Application {
    Application(routes: handlers, settings: settings)
  }

  private init(routes: [URLSpec], settings: Settings) {
    self.handlers = routes
    self.settings = settings
  }

  /// Creates an application from `(pattern, Handler.self)` pairs, as Tornado's list of tuples.
  public convenience init(
    _ handlers: [(String, RequestHandler.Type)], settings: Settings = Settings()
  ) {
    self.init(handlers.map { URLSpec($0.0, $0.1) }, settings: settings)
  }

  /// Starts an `HTTPServer` for this application on `port` (Tornado's `Application.listen`).
  @discardableResult
  public func listen(_ port: Int, address: String = "127.0.0.1") throws -> HTTPServer {
    let server = HTTPServer(self)
    try server.listen(port, address: address)
    return server
  }

  /// The path for the route named `name`, with `args` substituted for its groups.
  public func reverseURL(_ name: String, _ args: String...) throws -> String {
    guard let spec = handlers.first(where: { $0.name == name }) else {
      throw ReverseURLError(message: "\(name) not found in named urls")
    }
    guard let template = spec.matcher.reverseTemplate else {
      throw ReverseURLError(message: "Cannot reverse url regex \(spec.pattern)")
    }
    var remaining = args[...]
    var path = ""
    for piece in template {
      switch piece {
      case .text(let text): path += text
      case .group:
        guard let value = remaining.popFirst() else {
          throw ReverseURLError(message: "required number of arguments not found")
        }
        path += PercentCoding.encode(value, plus: false, safe: [UInt8(ascii: "/")])
      }
    }
    guard remaining.isEmpty else {
      throw ReverseURLError(message: "required number of arguments not found")
    }
    return path
  }

  /// The route that serves `path` (Tornado's `find_handler`): the first whose pattern matches
  /// the whole path, or nil when none does (the request then gets the default handler or 404).
  /// Routes are tried in order, so its cost grows with the routes before the match.
  public func findHandler(_ path: String) -> URLSpec? { route(for: path)?.0 }

  /// Finds the route for `path`: the spec and its captures, or `nil` for none.
  func route(for path: String) -> (URLSpec, PathMatch)? {
    for spec in handlers {
      if let match = spec.matcher.match(path) { return (spec, match) }
    }
    return nil
  }

  /// The handler that answers `request`, initialized and ready to run (Tornado's
  /// `_HandlerDelegate.execute` up to `_execute`). Synchronous: its work takes no room in the
  /// request task's frames.
  func handler(for request: HTTPServerRequest, connection: any HTTPResponseWriter) -> RequestHandler {
    let handler: RequestHandler
    if let (spec, match) = route(for: request.path) {
      handler = spec.handlerClass.init(application: self, request: request)
      handler.pathArgs = match.args
      handler.pathKwargs = match.kwargs
      handler.initialize(spec.kwargs)
      spec.configure?(handler)
    } else if let fallback = settings.defaultHandlerClass {
      handler = fallback.init(application: self, request: request)
      handler.initialize(settings.defaultHandlerArgs)
    } else {
      handler = ErrorHandler(application: self, request: request)
      handler.initialize(["status_code": 404])
    }
    handler.connection = connection
    return handler
  }

  /// Writes the access-log line for a finished request, as Tornado's `log_request`.
  func logRequest(_ entry: AccessLogEntry) {
    if let logFunction = settings.logFunction {
      logFunction(entry)
      return
    }
    let level: Logger.Level =
      entry.status < 400 ? .info : entry.status < 500 ? .warning : .error
    if let logger = settings.logger {
      logger.log(level: level, "\(entry.summary)", metadata: ["log": "access"])
    } else {
      Application.accessLog.log(level: level, "\(entry.summary)")
    }
  }

  /// The application's log: `settings.logger`, or the process-wide `squall.application`.
  var appLog: Logger { settings.logger ?? Self.appLog }

  static let accessLog = Logger(label: "squall.access")
  static let appLog = Logger(label: "squall.application")
}

/// What `reverseURL` throws for an unknown name or wrong arguments.
public struct ReverseURLError: Error, Sendable, CustomStringConvertible {
  /// What went wrong.
  public var message: String
  public var description: String { message }
}

/// One finished request, as Tornado logs it: `200 GET / (127.0.0.1) 0.52ms`.
public struct AccessLogEntry: Sendable {
  /// The response status.
  public var status: Int
  /// The request method.
  public var method: String
  /// The request URI.
  public var uri: String
  /// The client address.
  public var remoteIP: String
  /// Seconds from the request head to `finish()`.
  public var requestTime: Double
  /// Response body bytes handed to the connection.
  public var responseBytes: Int

  /// Tornado's access-log line with the body size added.
  public var summary: String {
    let ms = (requestTime * 100_000).rounded() / 100
    return "\(status) \(method) \(uri) (\(remoteIP)) \(responseBytes)B \(String(format2: ms))ms"
  }
}

extension String {
  /// Formats with two decimals without Foundation's locale-dependent formatter.
  init(format2 value: Double) {
    let hundredths = Int((value * 100).rounded())
    let whole = hundredths / 100
    let fraction = abs(hundredths % 100)
    self = "\(whole).\(String(fraction).leftPadded(to: 2))"
  }
}
