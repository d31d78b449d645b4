import NIOCore
import NIOHTTP1

/// How far one fetch came, whichever of async-http-client's APIs ran it: what was sent, the
/// response head and when it arrived, the body so far, and what stopped it.
struct FetchProgress {
  /// The request head as it went on the wire (only when it was asked for).
  var sentHead: SentRequestHead?
  /// When the request head went out.
  var sentAt: ContinuousClock.Instant?
  /// The response head, once it arrived.
  var head: HTTPResponseHead?
  /// When the head arrived.
  var firstByte: ContinuousClock.Instant?
  /// The body bytes kept (none when a streaming callback took them).
  var body: [UInt8] = []
  /// The body bytes received, kept or not.
  var size = 0
  /// Why the fetch stopped early, if it did.
  var thrown: (any Error)?

  /// Takes one piece of body: counts it against `limit` (Tornado's `max_body_size`), then keeps
  /// it or hands it to `streaming`. Throws `ResponseBodyTooLarge` past the limit.
  mutating func take(_ part: ByteBuffer, limit: Int, streaming: (@Sendable ([UInt8]) -> Void)?) throws {
    size += part.readableBytes
    if size > limit { throw ResponseBodyTooLarge(limit: limit) }
    if let streaming {
      streaming(Array(part.readableBytesView))
    } else {
      body.append(contentsOf: part.readableBytesView)
    }
  }

  /// Hands `head` to a header callback line by line, status line first and a blank line last,
  /// as Tornado's `header_callback` gets them.
  static func report(_ head: HTTPResponseHead, to callback: @Sendable (String) -> Void) {
    callback("HTTP/\(head.version.major).\(head.version.minor) \(head.status.code) \(head.status.reasonPhrase)\r\n")
    for (name, value) in head.headers { callback("\(name): \(value)\r\n") }
    callback("\r\n")
  }
}

/// What goes on the wire besides the request's URL and body: the method, the headers with the
/// client's additions (`User-Agent`, `Authorization`), and when the whole fetch must be over.
struct Outgoing {
  var method: HTTPMethod
  var headers: HTTPHeaders
  /// Tornado's `request_timeout` from the start: the body included.
  var deadline: NIODeadline
}

/// Thrown from the body reader when the response grows past `maxBodySize`.
struct ResponseBodyTooLarge: Error {
  var limit: Int
}
