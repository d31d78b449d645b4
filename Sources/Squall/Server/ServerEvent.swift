import Foundation
import NIOCore
import NIOHTTP1

/// What happened on a server connection, published for observers such as the playground's log.
public enum ServerEvent: Sendable {
  /// A client connected.
  case connectionOpened(connectionID: UInt64, remote: String)
  /// A connection closed (by either side).
  case connectionClosed(connectionID: UInt64)
  /// Bytes as read from the socket, before parsing.
  case bytesRead(connectionID: UInt64, ByteBuffer)
  /// Bytes as written to the socket.
  case bytesWritten(connectionID: UInt64, ByteBuffer)
  /// A parsed request head.
  case requestHead(connectionID: UInt64, HTTPRequestHead)
  /// A piece of request body.
  case requestBody(connectionID: UInt64, ByteBuffer)
  /// The response head as sent.
  case responseHead(connectionID: UInt64, HTTPResponseHead)
  /// A piece of response body as handed to the connection.
  case responseBody(connectionID: UInt64, ByteBuffer)
  /// A whole request/response exchange with its timing.
  case exchangeCompleted(HTTPExchange)
  /// The server refused a request by itself, before any handler saw it: malformed input, a
  /// head or body over its limit, an idle or body timeout. The connection closes.
  case requestRefused(HTTPRefusal)
  /// A request was answered `101` and the connection is a WebSocket now.
  case webSocketOpened(connectionID: UInt64, path: String)
  /// A WebSocket frame went by, either way (`outbound`: the server sent it).
  case webSocketFrame(connectionID: UInt64, WebSocketFrameRecord)
  /// A WebSocket ended: the peer's close code and reason if it sent one, and the violation
  /// that ended it without a close handshake, in words.
  case webSocketClosed(connectionID: UInt64, code: Int?, reason: String?, violation: String?)
}

/// A request the server refused by itself (Tornado answers these with a bare
/// `400 Bad Request`, or closes without a word), with what had arrived so far.
public struct HTTPRefusal: Sendable {
  /// Why, as the server decided it.
  public enum Cause: String, Sendable {
    /// The bytes were not HTTP/1.x the parser accepts.
    case malformedRequest
    /// HTTP/1.1 without a `Host` header.
    case missingHost
    /// Two `Host` headers, or one that is not `host[:port]` (a space, userinfo…).
    case invalidHost
    /// A `Transfer-Encoding` other than `chunked` (an empty one included): the body's length is unknown.
    case unsupportedTransferEncoding
    /// `Content-Length` announced more than `maxBodySize` (`maxBufferSize` unless set).
    case contentLengthTooLong
    /// More body bytes arrived than `maxBodySize` allows.
    case bodyTooLong
    /// The request line and headers grew past `maxHeaderSize`.
    case headTooLarge
    /// No complete request head within `idleConnectionTimeout`.
    case idleTimeout
    /// The body did not arrive within `bodyTimeout`.
    case bodyTimeout
  }

  /// The connection it came on.
  public var connectionID: UInt64
  /// The client address.
  public var remote: String
  /// What went wrong.
  public var cause: Cause
  /// The status sent before closing (400), or nil when the server closed without answering.
  public var status: Int?
  /// The reason in words, with the limit involved (`"body larger than maxBodySize (1024 bytes)"`).
  public var message: String
  /// The request head, when it had been parsed.
  public var request: HTTPRequestHead?
  /// Body bytes received before the refusal.
  public var bodyBytesReceived: Int
  /// The bytes read from the socket since the last finished exchange (at most `bodyPreviewLimit`).
  public var rawRequest: ByteBuffer
  /// When the first of those bytes arrived (or the connection opened, for an idle timeout).
  public var startedAt: Date
  /// Seconds from `startedAt` to the refusal.
  public var duration: Double

  /// One refusal; the server makes these.
  public init(
    connectionID: UInt64, remote: String, cause: Cause, status: Int?, message: String, request: HTTPRequestHead?,
    bodyBytesReceived: Int, rawRequest: ByteBuffer, startedAt: Date, duration: Double
  ) {
    self.connectionID = connectionID
    self.remote = remote
    self.cause = cause
    self.status = status
    self.message = message
    self.request = request
    self.bodyBytesReceived = bodyBytesReceived
    self.rawRequest = rawRequest
    self.startedAt = startedAt
    self.duration = duration
  }
}

extension ServerEvent {
  /// The kinds of event, for observers that want only some: the server builds no event of a
  /// kind nobody wants (the playground's log wants `exchangeCompleted` and `requestRefused`).
  public enum Kind: Int, CaseIterable, Sendable {
    case connectionOpened, connectionClosed, bytesRead, bytesWritten, requestHead, requestBody
    case responseHead, responseBody, exchangeCompleted, requestRefused
    case webSocketOpened, webSocketFrame, webSocketClosed
  }
}

extension EventHub where Event == ServerEvent {
  /// Calls `observer` for the events of `kinds` only.
  @discardableResult
  public func observe(_ kinds: Set<ServerEvent.Kind>, _ observer: @escaping @Sendable (ServerEvent) -> Void)
    -> Observation
  {
    observe(mask: kinds.reduce(0) { $0 | (1 << UInt64($1.rawValue)) }, observer)
  }

  /// Whether some observer wants `kind`: a single atomic load.
  func wants(_ kind: ServerEvent.Kind) -> Bool { wants(kind.rawValue) }

  /// Builds the event only when some observer wants its kind.
  func emit(_ kind: ServerEvent.Kind, _ event: @autoclosure () -> ServerEvent) { emit(kind.rawValue, event()) }
}

/// One finished request and its response.
public struct HTTPExchange: Sendable {
  /// The connection it came on.
  public var connectionID: UInt64
  /// The client address.
  public var remote: String
  /// The request head.
  public var request: HTTPRequestHead
  /// The first bytes of the request body (at most `bodyPreviewLimit`).
  public var requestBody: ByteBuffer
  /// The full request body size.
  public var requestBodySize: Int
  /// The response head.
  public var response: HTTPResponseHead
  /// The first bytes of the response body.
  public var responseBody: ByteBuffer
  /// The full response body size.
  public var responseBodySize: Int
  /// Seconds from the request head to the last response byte queued.
  public var duration: Double
  /// The bytes read from the socket for this request (at most `bodyPreviewLimit`).
  public var rawRequest: ByteBuffer
  /// The bytes written to the socket for this response, as they went out (status line,
  /// headers, chunk-size lines, compressed bytes; at most `bodyPreviewLimit`).
  public var rawResponse = ByteBuffer()
  /// How many bytes were written for it in all (`rawResponse` keeps the first of them).
  public var rawResponseSize = 0
  /// The handler took the connection over (`detach()`): `response` is a placeholder, and
  /// `rawResponse` holds what it wrote before the connection closed.
  public var detached = false
  /// When the request head arrived.
  public var startedAt: Date
  /// Where and when its parts ran: the event loop, the connection's age, the handler's start
  /// and the first byte written.
  public var timing: ExchangeTiming

  /// One exchange; the server makes these.
  public init(
    connectionID: UInt64, remote: String, request: HTTPRequestHead, requestBody: ByteBuffer, requestBodySize: Int,
    response: HTTPResponseHead, responseBody: ByteBuffer, responseBodySize: Int, duration: Double,
    rawRequest: ByteBuffer = ByteBuffer(), startedAt: Date = Date(), timing: ExchangeTiming = ExchangeTiming()
  ) {
    self.connectionID = connectionID
    self.remote = remote
    self.request = request
    self.requestBody = requestBody
    self.requestBodySize = requestBodySize
    self.response = response
    self.responseBody = responseBody
    self.responseBodySize = responseBodySize
    self.duration = duration
    self.rawRequest = rawRequest
    self.startedAt = startedAt
    self.timing = timing
  }
}
