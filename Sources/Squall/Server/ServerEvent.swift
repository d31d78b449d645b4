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
  /// The client sent something that is not HTTP, or too much of it; the connection closes.
  case protocolError(connectionID: UInt64, message: String)
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
  /// When the request head arrived.
  public var startedAt: Date

  /// One exchange; the server makes these.
  public init(
    connectionID: UInt64, remote: String, request: HTTPRequestHead, requestBody: ByteBuffer, requestBodySize: Int,
    response: HTTPResponseHead, responseBody: ByteBuffer, responseBodySize: Int, duration: Double,
    rawRequest: ByteBuffer = ByteBuffer(), startedAt: Date = Date()
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
  }
}
