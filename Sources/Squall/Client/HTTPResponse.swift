import Foundation
import NIOHTTP1

/// The outcome of a fetch, as Tornado's `tornado.httpclient.HTTPResponse`.
public struct HTTPResponse: Sendable {
  /// The request as sent (after defaults were applied).
  public var request: HTTPRequest
  /// The status code; 599 when no response arrived (timeout, refused connection...).
  public var code: Int
  /// The reason phrase.
  public var reason: String
  /// Response headers.
  public var headers: HTTPHeaders
  /// The body bytes (empty when a `streamingCallback` took them).
  public var body: [UInt8]
  /// The final URL after redirects.
  public var effectiveURL: String
  /// Seconds from start to the end of the body.
  public var requestTime: Double
  /// Phase timings, in seconds from the start.
  public var timeInfo: TimeInfo
  /// The error, when there is one: the HTTP status for a non-2xx, or the transport failure.
  public var error: HTTPClientError?
  /// The request head as it went on the wire (Squall's addition): set when the request asked
  /// for it (`recordSentHead` or a `sentHeadCallback`) and the head went out.
  public var sentHead: SentRequestHead?

  /// When the phases of the fetch ended, in seconds from its start.
  public struct TimeInfo: Sendable, Equatable {
    /// The request head went out (a connection was free and open): known when the sent head
    /// was recorded. Before it the request waited in the client's queue or for a connection.
    public var requestSent: Double?
    /// The response head arrived.
    public var firstByte: Double?
    /// The whole body arrived.
    public var total: Double
  }

  /// The body decoded as UTF-8.
  public var text: String { String(decoding: body, as: UTF8.self) }

  /// The body decoded as JSON into `type`.
  public func json<T: Decodable>(_ type: T.Type = T.self) throws -> T {
    try JSONDecoder().decode(type, from: Data(body))
  }

  /// Throws `error` if there is one, as Tornado's `rethrow()`.
  public func rethrow() throws {
    if let error { throw error }
  }
}

extension HTTPResponse {
  /// A response made without the client (`SquallTesting`'s in-process mode): the error is
  /// the status's for a non-2xx, as the client sets it.
  package init(
    request: HTTPRequest, code: Int, reason: String, headers: HTTPHeaders, body: [UInt8], requestTime: Double
  ) {
    self.request = request
    self.code = code
    self.reason = reason
    self.headers = headers
    self.body = body
    self.effectiveURL = request.url
    self.requestTime = requestTime
    self.timeInfo = TimeInfo(requestSent: 0, firstByte: requestTime, total: requestTime)
    self.error = (200..<300).contains(code) ? nil : HTTPClientError(code: code, kind: .http, message: reason)
  }

}

/// Why a fetch failed, as Tornado's `HTTPClientError`: `code` is the HTTP status, or 599 when
/// no response arrived.
public struct HTTPClientError: Error, Sendable, CustomStringConvertible {
  /// What went wrong.
  public enum Kind: Sendable, Equatable {
    /// The server answered with a non-2xx status.
    case http
    /// The connection was not established in time.
    case connectTimeout
    /// The request did not complete in time.
    case requestTimeout
    /// Nothing listens at the address.
    case connectionRefused
    /// The host name did not resolve.
    case dnsFailure
    /// The TLS handshake failed.
    case tlsFailure
    /// The URL was rejected before any I/O.
    case invalidURL
    /// The method, a header or the body was rejected before any I/O.
    case invalidRequest
    /// The connection closed before the response was complete.
    case connectionClosed
    /// Too many redirects. No longer produced: as Tornado's client, Squall answers with the
    /// last 3xx past `maxRedirects` (kept so code that matches on it still compiles).
    case tooManyRedirects
    /// The response body grew past `maxBodySize`.
    case responseTooLarge
    /// The fetch's task was cancelled (Squall's: Tornado's fetch has no cancel).
    case cancelled
    /// Anything else.
    case other
  }

  /// The HTTP status, or 599.
  public var code: Int
  /// What happened.
  public var kind: Kind
  /// A message that says what happened and, where it helps, what to do.
  public var message: String
  /// The response, for HTTP errors.
  public var response: HTTPResponse? {
    get { box?.response }
    set { box = newValue.map(ResponseBox.init) }
  }
  private var box: ResponseBox?

  /// An error; `response` is set for HTTP errors.
  public init(code: Int, kind: Kind, message: String, response: HTTPResponse? = nil) {
    self.code = code
    self.kind = kind
    self.message = message
    self.box = response.map(ResponseBox.init)
  }

  /// Tornado's text: `HTTP 404: Not Found`, `HTTP 599: Timeout during request`.
  public var description: String { "HTTP \(code): \(message)" }
}

/// Holds a response inside the error that also lives in the response (a struct can't nest itself).
private final class ResponseBox: Sendable {
  let response: HTTPResponse
  init(_ response: HTTPResponse) { self.response = response }
}
