import NIOHTTP1

/// Throw from a handler to send an HTTP error response, as Tornado's `tornado.web.HTTPError`.
///
/// `logMessage` goes to the log only, never to the client; `reason` replaces the status phrase.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
  /// The HTTP status code to send.
  public var statusCode: Int
  /// A message for the log (not shown to the client).
  public var logMessage: String?
  /// The reason phrase, by default the standard one for `statusCode`.
  public var reason: String?

  /// Creates an error that answers with `statusCode`.
  public init(_ statusCode: Int = 500, _ logMessage: String? = nil, reason: String? = nil) {
    self.statusCode = statusCode
    self.logMessage = logMessage
    self.reason = reason
  }

  public var description: String {
    let phrase = reason ?? HTTPStatus.reason(for: statusCode)
    return "HTTP \(statusCode): \(phrase)" + (logMessage.map { " (\($0))" } ?? "")
  }
}

/// Thrown by `getArgument` when a required argument is missing; answers 400, as Tornado's
/// `MissingArgumentError`.
public struct MissingArgumentError: Error, Sendable, CustomStringConvertible {
  /// The missing argument's name.
  public var argumentName: String
  public var description: String { "HTTP 400: Bad Request (Missing argument \(argumentName))" }
}

/// Throw to end the request with what has been written so far, as Tornado's `tornado.web.Finish`.
public struct Finish: Error, Sendable {
  /// Creates the signal.
  public init() {}
}

/// Standard reason phrases.
public enum HTTPStatus {
  /// The reason phrase for `code`, or `Unknown` as Tornado says.
  public static func reason(for code: Int) -> String {
    guard codes.contains(code) else { return "Unknown" }
    let phrase = HTTPResponseStatus(statusCode: code).reasonPhrase
    return phrase.isEmpty ? "Unknown" : phrase
  }

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
