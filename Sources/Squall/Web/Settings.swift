import Logging

/// Application settings, named as Tornado's `Application(**settings)` keywords.
public struct Settings: Sendable {
  /// Development mode: implies `serveTraceback`.
  public var debug: Bool
  /// Gzip responses for clients that accept it (Tornado's `compress_response`).
  public var compressResponse: Bool
  /// Show the error in 500 responses instead of the plain error page.
  public var serveTraceback: Bool
  /// The handler for paths no route matches; Tornado answers 404 when unset.
  public var defaultHandlerClass: RequestHandler.Type?
  /// `initialize` arguments for `defaultHandlerClass`.
  public var defaultHandlerArgs: [String: any Sendable]
  /// A folder served under `staticURLPrefix` by `StaticFileHandler`.
  public var staticPath: String?
  /// The URL prefix for `staticPath`, `/static/` by default.
  public var staticURLPrefix: String
  /// Replaces the access log (Tornado's `log_function`).
  public var logFunction: (@Sendable (AccessLogEntry) -> Void)?
  /// Where the application's log lines go (uncaught errors, `HTTPError` log messages) and,
  /// without a `logFunction`, the access log's, with metadata `log: access`. Nil: the
  /// process-wide `squall.application` and `squall.access` loggers, as Tornado's
  /// `tornado.application` and `tornado.access`. `SquallTesting` sets one to capture them.
  public var logger: Logger?
  /// The secret that signs cookies (`setSignedCookie`, `getSignedCookie`): Tornado's
  /// `cookie_secret`. Keep it out of the source; without it those calls answer 500.
  public var cookieSecret: String?
  /// Refuse a POST, PUT, PATCH or DELETE without the XSRF token (403), as Tornado's
  /// `xsrf_cookies`: forms carry `xsrfFormHTML()`, scripts send `X-Xsrftoken`.
  public var xsrfCookies: Bool
  /// Where `authenticated()` sends a visitor nobody is logged in as (Tornado's `login_url`):
  /// `/login`, which gets `?next=` the page asked for.
  public var loginURL: String?
  /// The folder `render` reads templates from (Tornado's `template_path`); with `debug`, they
  /// are read again for every render, as Tornado's autoreload does.
  public var templatePath: String?
  /// Origins trusted for cross-origin requests, such as `"https://app.example.com"`: the
  /// default `checkOrigin` of a WebSocket accepts these (Tornado 6.6's `trusted_origins`).
  public var trustedOrigins: [String]
  /// A WebSocket message larger than this closes the connection with 1009 (Tornado's
  /// `websocket_max_message_size`, 10 MiB).
  public var websocketMaxMessageSize: Int
  /// Seconds between the pings a WebSocket sends; nil: none (Tornado's `websocket_ping_interval`).
  public var websocketPingInterval: Double?
  /// Seconds to wait for a pong before closing; at most the interval, which it defaults to
  /// (Tornado's `websocket_ping_timeout`).
  public var websocketPingTimeout: Double?

  /// Settings with Tornado's defaults.
  public init(
    debug: Bool = false, compressResponse: Bool = false, serveTraceback: Bool? = nil,
    defaultHandlerClass: RequestHandler.Type? = nil,
    defaultHandlerArgs: [String: any Sendable] = [:], staticPath: String? = nil,
    staticURLPrefix: String = "/static/",
    logFunction: (@Sendable (AccessLogEntry) -> Void)? = nil, logger: Logger? = nil, cookieSecret: String? = nil,
    xsrfCookies: Bool = false, loginURL: String? = nil, templatePath: String? = nil,
    trustedOrigins: [String] = [], websocketMaxMessageSize: Int = 10 * 1024 * 1024,
    websocketPingInterval: Double? = nil, websocketPingTimeout: Double? = nil
  ) {
    self.debug = debug
    self.compressResponse = compressResponse
    self.serveTraceback = serveTraceback ?? debug
    self.defaultHandlerClass = defaultHandlerClass
    self.defaultHandlerArgs = defaultHandlerArgs
    self.staticPath = staticPath
    self.staticURLPrefix = staticURLPrefix
    self.logFunction = logFunction
    self.logger = logger
    self.cookieSecret = cookieSecret
    self.xsrfCookies = xsrfCookies
    self.loginURL = loginURL
    self.templatePath = templatePath
    self.trustedOrigins = trustedOrigins
    self.websocketMaxMessageSize = websocketMaxMessageSize
    self.websocketPingInterval = websocketPingInterval
    self.websocketPingTimeout = websocketPingTimeout
  }
}
