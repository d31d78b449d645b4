import NIOCore
import NIOHTTP1
import SquallValues

/// Base class for HTTP request handlers, as Tornado's `tornado.web.RequestHandler`.
///
/// Subclass it and override the methods you answer (`get`, `post`, ...). A new instance
/// serves each request. Capture groups of the route reach `get(_:)` as `args`;
/// handlers that take no arguments override `get()` instead.
///
/// ```swift
/// final class MainHandler: RequestHandler {
///   override func get() async throws {
///     write("Hello, world")
///   }
/// }
/// ```
open class RequestHandler {
  /// The application this handler belongs to.
  public let application: Application
  /// The request being answered.
  public let request: HTTPServerRequest
  /// Positional captures of the route's pattern, percent-decoded.
  public internal(set) var pathArgs: [String] = []
  /// Named captures (`(?P<name>...)`) of the route's pattern, percent-decoded.
  public internal(set) var pathKwargs: [String: String] = [:]

  var connection: (any HTTPResponseWriter)?
  var output = ResponseState()
  /// `currentUser` once asked: nil until then, `.some(nil)` for nobody.
  var currentUserCache: String??
  /// The XSRF token of this request (from its cookie, or new) and its masked form once made.
  var xsrf: (raw: XSRFToken, fresh: Bool, encoded: String?)?

  /// Methods this handler class accepts at all; others get 405 before any handler code runs
  /// (Tornado's `SUPPORTED_METHODS`). Every 405 carries an `Allow` header (RFC 9110 requires
  /// it; Tornado sends none): this list, less the method refused. Swift cannot tell which
  /// methods a subclass overrides, so override this (`["GET"]`) for an exact `Allow`.
  open class var supportedMethods: [String] { StandardMethod.names }

  /// Creates the handler for one request; the application does this.
  public required init(application: Application, request: HTTPServerRequest) {
    self.application = application
    self.request = consume request
    clear()
  }

  /// Called with the route's `kwargs` before `prepare` (Tornado's `initialize(**kwargs)`).
  open func initialize(_ kwargs: [String: any Sendable]) {}

  /// Called before the method handler; finish here to skip it.
  open func prepare() async throws {}

  /// Who is logged in, read once per request by `currentUser` (Tornado's `get_current_user`):
  /// override it, typically with a signed cookie (`try getSignedCookie("user")`). Nil: nobody.
  open func getCurrentUser() throws -> String? { nil }

  /// Called after the response has been sent.
  open func onFinish() {}

  /// Answers `GET` with the route's captures; by default calls `get()`.
  open func get(_ args: [String]) async throws { try await get() }
  /// Answers `GET` when the route has no captures to pass.
  open func get() async throws { throw unimplemented() }
  /// Answers `HEAD` with the route's captures; by default calls `head()`.
  open func head(_ args: [String]) async throws { try await head() }
  /// Answers `HEAD`; the response body is never sent.
  open func head() async throws { throw unimplemented() }
  /// Answers `POST` with the route's captures; by default calls `post()`.
  open func post(_ args: [String]) async throws { try await post() }
  /// Answers `POST`.
  open func post() async throws { throw unimplemented() }
  /// Answers `PUT` with the route's captures; by default calls `put()`.
  open func put(_ args: [String]) async throws { try await put() }
  /// Answers `PUT`.
  open func put() async throws { throw unimplemented() }
  /// Answers `PATCH` with the route's captures; by default calls `patch()`.
  open func patch(_ args: [String]) async throws { try await patch() }
  /// Answers `PATCH`.
  open func patch() async throws { throw unimplemented() }
  /// Answers `DELETE` with the route's captures; by default calls `delete()`.
  open func delete(_ args: [String]) async throws { try await delete() }
  /// Answers `DELETE`.
  open func delete() async throws { throw unimplemented() }
  /// Answers `OPTIONS` with the route's captures; by default calls `options()`.
  open func options(_ args: [String]) async throws { try await options() }
  /// Answers `OPTIONS`.
  open func options() async throws { throw unimplemented() }

  /// The `Etag` for the body written so far: the SHA-1 of the bytes, quoted, as Tornado computes it.
  open func computeEtag() -> String? {
    output.buffer.withUnsafeReadableBytes { HexDigest.sha1($0, quoted: true) }
  }

  private func unimplemented() -> HTTPError { HTTPError(405) }

  /// The methods a 405 lists in its `Allow` header: `supportedMethods` less the method refused.
  /// Override when the handler knows better (a handler whose methods are data, say).
  open func allowedMethods() -> [String] {
    Self.supportedMethods.filter { $0 != request.method }
  }

  /// Whether the response has been finished.
  public var isFinished: Bool { output.finished }

  /// Runs the Tornado request lifecycle: method check, `prepare`, the method, `finish`.
  func execute() async {
    do {
      let methods = Self.supportedMethods
      guard methods.contains(request.method) else { throw HTTPError(405) }
      // Tornado's HTTPInputError: a query or body over its limits, a malformed multipart body.
      if let problem = request.inputProblem { throw HTTPError(400, problem.message) }
      // Tornado's `_execute`: a form submission without the XSRF token is refused before `prepare`.
      if application.settings.xsrfCookies, !["GET", "HEAD", "OPTIONS"].contains(request.method) {
        try checkXSRFCookie()
      }
      try await prepare()
      if !output.finished {
        switch request.method {
        case "GET": try await get(pathArgs)
        case "HEAD": try await head(pathArgs)
        case "POST": try await post(pathArgs)
        case "PUT": try await put(pathArgs)
        case "PATCH": try await patch(pathArgs)
        case "DELETE": try await delete(pathArgs)
        case "OPTIONS": try await options(pathArgs)
        default: throw HTTPError(405)
        }
      }
      if !output.finished { try finishNow() }
    } catch {
      await handleRequestException(error)
    }
  }

  private func handleRequestException(_ error: any Error) async {
    if error is Finish {
      if !output.finished { try? finishNow() }
      return
    }
    if error is CancellationError && Task.isCancelled {
      // The client went away and the server cancelled this handler's task: nobody can read an
      // answer, so none is written and it is no error (Tornado logs nothing either).
      application.appLog.info(
        "Client went away: \(request.method) \(request.uri) (\(request.remoteIP)) stopped after \(String(format2: request.requestTime() * 1000))ms"
      )
      if !output.finished { output.finished = true }
      return
    }
    if output.finished {
      application.appLog.error("Exception after headers written: \(error)")
      return
    }
    switch error {
    case let httpError as HTTPError:
      if let message = httpError.logMessage {
        application.appLog.warning("\(httpError.statusCode) \(request.method) \(request.uri): \(message)")
      }
      await sendError(httpError.statusCode, reason: httpError.reason, error: httpError)
    default:
      application.appLog.error(
        "Uncaught exception \(request.method) \(request.uri) (\(request.remoteIP)): \(error)")
      await sendError(500, reason: nil, error: error)
    }
  }

  /// Sends an error page with `statusCode`, through `writeError` (Tornado's `send_error`).
  public func sendError(_ statusCode: Int = 500, reason: String? = nil, error: (any Error)? = nil)
    async
  {
    if output.headersWritten {
      // Tornado closes the connection when an error happens mid-stream.
      if !output.finished {
        output.finished = true
        connection?.abort()
      }
      return
    }
    clear()
    setStatus(statusCode, reason: reason)
    if statusCode == 405 { setHeader("Allow", allowedMethods().joined(separator: ", ")) }
    do {
      try await writeError(statusCode, error: error)
    } catch {
      application.appLog.error("Uncaught exception in writeError: \(error)")
    }
    if !output.finished { try? finishNow() }
  }

  /// Writes the body of an error page; override for custom pages (Tornado's `write_error`).
  open func writeError(_ statusCode: Int, error: (any Error)?) async throws {
    if application.settings.serveTraceback, let error, !(error is HTTPError) {
      setHeader("Content-Type", "text/plain")
      write("Traceback: \(String(reflecting: error))\n")
      return
    }
    // Escaped as Tornado's `xhtml_escape` does: `I'm a Teapot` is `I&#x27;m a Teapot`.
    let reason = HTMLEscape.xhtml(output.reason)
    write("<html><title>\(statusCode): \(reason)</title><body>\(statusCode): \(reason)</body></html>")
  }
}

/// The response being built by a handler.
struct ResponseState {
  var status = 200
  var reason = "OK"
  var headers = HTTPHeaders()
  var buffer = ByteBuffer()
  var newCookies: [String] = []
  var headersWritten = false
  var finished = false
  var unsafeHeader: String?
  var bytesSent = 0
}
