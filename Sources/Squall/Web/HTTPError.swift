import NIOHTTP1

/// Throw from a handler to send an HTTP error response, as Tornado's `tornado.web.HTTPError`.
///
/// `logMessage` goes to the log only, never to the client; `reason` replaces the status phrase.
/// A class, as Tornado's: `MissingArgumentError` and `InvalidArgumentError` are HTTP errors, so
/// `catch let error as HTTPError` (or `writeError`'s `error as? HTTPError`) reads the status,
/// the reason and the log message of each, and an app's own errors can subclass it.
open class HTTPError: Error, @unchecked Sendable, CustomStringConvertible {
  // @unchecked: every stored property is a `let` of a Sendable type.
  /// The HTTP status code to send.
  public let statusCode: Int
  /// A message for the log (not shown to the client).
  public let logMessage: String?
  /// The reason phrase given, if any; `reasonPhrase` is the one sent.
  public let reason: String?

  /// Creates an error that answers with `statusCode`.
  public init(_ statusCode: Int = 500, _ logMessage: String? = nil, reason: String? = nil) {
    self.statusCode = statusCode
    self.logMessage = logMessage
    self.reason = reason
  }

  /// The reason phrase the response carries: `reason`, or the standard one for the status
  /// (Tornado's `httputil.responses`).
  public var reasonPhrase: String { reason ?? HTTPStatus.reason(for: statusCode) }

  open var description: String {
    "HTTP \(statusCode): \(reasonPhrase)" + (logMessage.map { " (\($0))" } ?? "")
  }
}

/// Thrown by `getArgument` when a required argument is missing: an `HTTPError` answering
/// 400, as Tornado's `MissingArgumentError` (a subclass of its `HTTPError`).
public final class MissingArgumentError: HTTPError, @unchecked Sendable {
  /// The missing argument's name (Tornado's `arg_name`).
  public let argumentName: String

  /// The error for argument `argumentName`.
  public init(argumentName: String) {
    self.argumentName = argumentName
    super.init(400, "Missing argument \(argumentName)")
  }
}

/// Thrown by the typed readers (`getArgument(_:as:)`, `pathArgument(_:as:)`) when a value does
/// not read as the type asked for: 400, as a missing one. Tornado has no typed arguments; its
/// handlers convert by hand and answer 400 the same way.
public final class InvalidArgumentError: HTTPError, @unchecked Sendable {
  /// The argument's name (`path argument 0` for a path argument).
  public let argumentName: String
  /// The value as it came.
  public let value: String

  /// The error for `value` of `argumentName`, which should have been a `typeName`.
  public init(argumentName: String, value: String, typeName: String) {
    self.argumentName = argumentName
    self.value = value
    // The value is the client's: a bounded piece of it in the log.
    let shown = value.count > 40 ? String(value.prefix(40)) + "…" : value
    super.init(400, "Invalid argument \(argumentName): \(shown.debugDescription) is not \(typeName)")
  }
}

/// Throw to end the request with what has been written so far, as Tornado's `tornado.web.Finish`.
public struct Finish: Error, Sendable {
  /// Creates the signal.
  public init() {}
}

/// Standard reason phrases.
public enum HTTPStatus {
  /// The reason phrase for `code` as Tornado writes it (`httputil.responses`, Python's
  /// `http.HTTPStatus`: `418 I'm a Teapot`, `413 Request Entity Too Large`, where NIO says
  /// `I'm a teapot` and `Payload Too Large`), or `Unknown`. A test compares the table with
  /// Tornado's own.
  public static func reason(for code: Int) -> String { phrases[code] ?? "Unknown" }

  /// Tornado 6.6's `httputil.responses`, code for code.
  static let phrases: [Int: String] = [
    100: "Continue",
    101: "Switching Protocols",
    102: "Processing",
    103: "Early Hints",
    200: "OK",
    201: "Created",
    202: "Accepted",
    203: "Non-Authoritative Information",
    204: "No Content",
    205: "Reset Content",
    206: "Partial Content",
    207: "Multi-Status",
    208: "Already Reported",
    226: "IM Used",
    300: "Multiple Choices",
    301: "Moved Permanently",
    302: "Found",
    303: "See Other",
    304: "Not Modified",
    305: "Use Proxy",
    307: "Temporary Redirect",
    308: "Permanent Redirect",
    400: "Bad Request",
    401: "Unauthorized",
    402: "Payment Required",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    407: "Proxy Authentication Required",
    408: "Request Timeout",
    409: "Conflict",
    410: "Gone",
    411: "Length Required",
    412: "Precondition Failed",
    413: "Request Entity Too Large",
    414: "Request-URI Too Long",
    415: "Unsupported Media Type",
    416: "Requested Range Not Satisfiable",
    417: "Expectation Failed",
    418: "I'm a Teapot",
    421: "Misdirected Request",
    422: "Unprocessable Entity",
    423: "Locked",
    424: "Failed Dependency",
    425: "Too Early",
    426: "Upgrade Required",
    428: "Precondition Required",
    429: "Too Many Requests",
    431: "Request Header Fields Too Large",
    451: "Unavailable For Legal Reasons",
    500: "Internal Server Error",
    501: "Not Implemented",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
    505: "HTTP Version Not Supported",
    506: "Variant Also Negotiates",
    507: "Insufficient Storage",
    508: "Loop Detected",
    510: "Not Extended",
    511: "Network Authentication Required",
  ]

  /// Whether `reason` may stand in a status line: tabs, spaces and visible characters only
  /// (RFC 9112 `reason-phrase`), and no `<`, as Tornado requires.
  public static func isValidReason(_ reason: String) -> Bool {
    !reason.isEmpty && reason.utf8.allSatisfy { $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F && $0 != UInt8(ascii: "<")) }
  }

  /// The NIO status for `code` that carries `reason` on the wire (NIO's own initialiser keeps
  /// the standard phrase of a known code and drops a custom one).
  /// A status line's code has three digits (RFC 9110 §15); NIO traps on a negative one.
  public static let codes = 100...999

  static func status(_ code: Int, reason: String) -> HTTPResponseStatus {
    // `setStatus` refuses other codes (the request ends in 500); this is the last guard.
    guard codes.contains(code) else { return .internalServerError }
    let standard = HTTPResponseStatus(statusCode: code)
    return standard.reasonPhrase == reason ? standard : .custom(code: UInt(code), reasonPhrase: reason)
  }
}
