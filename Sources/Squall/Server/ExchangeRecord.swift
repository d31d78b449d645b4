import Foundation
import NIOCore
import NIOHTTP1

/// What an observer of exchanges sees of one request and its response, gathered while it is
/// answered. Made only while someone observes `exchangeCompleted`: costs nothing otherwise.
struct ExchangeRecord {
  /// The response head as sent.
  var response: HTTPResponseHead?
  /// The first `bodyPreviewLimit` bytes of the response body, copied.
  private(set) var responsePreview = ByteBuffer()
  /// Response body bytes handed to the connection.
  private(set) var responseSize = 0
  /// The handler was started (the request was whole).
  var handlerStarted: ContinuousClock.Instant?
  /// The response head was written.
  var firstByte: ContinuousClock.Instant?

  mutating func responseBody(_ body: ByteBuffer) {
    responseSize += body.readableBytes
    let room = bodyPreviewLimit - responsePreview.readableBytes
    guard room > 0, var slice = body.getSlice(at: body.readerIndex, length: min(body.readableBytes, room)) else {
      return
    }
    responsePreview.writeBuffer(&slice)
  }

  /// The finished exchange. The request body preview is the first `bodyPreviewLimit` bytes of `requestBody`.
  func exchange(
    connectionID: UInt64, remote: String, request: HTTPRequestHead, requestBody: [UInt8], requestBodySize: Int,
    start: ContinuousClock.Instant, rawRequest: ByteBuffer, eventLoop: Int, connectionOpened: ContinuousClock.Instant
  ) -> HTTPExchange {
    let elapsed = (ContinuousClock.now - start).seconds
    let timing = ExchangeTiming(
      eventLoop: eventLoop, connectionOpened: (connectionOpened - start).seconds,
      handlerStarted: handlerStarted.map { ($0 - start).seconds } ?? 0,
      firstByte: firstByte.map { ($0 - start).seconds })
    let preview = requestBody.isEmpty ? ByteBuffer() : ByteBuffer(bytes: requestBody.prefix(bodyPreviewLimit))
    return HTTPExchange(
      connectionID: connectionID, remote: remote, request: request, requestBody: preview,
      requestBodySize: requestBodySize, response: response ?? HTTPResponseHead(version: .http1_1, status: .ok),
      responseBody: responsePreview, responseBodySize: responseSize, duration: elapsed, rawRequest: rawRequest,
      startedAt: Date().addingTimeInterval(-elapsed), timing: timing)
  }
}
