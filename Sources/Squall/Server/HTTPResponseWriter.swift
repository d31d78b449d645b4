import NIOCore
import NIOHTTP1

/// The connection side of a response, as Tornado's `HTTPConnection` interface:
/// what a `RequestHandler` writes through.
protocol HTTPResponseWriter: Sendable {
  /// Sends the head and a first piece of body; returns when written.
  func writeHeaders(_ head: HTTPResponseHead, body: ByteBuffer, finish: Bool) async throws
  /// Sends a piece of body; returns when written.
  func write(_ body: ByteBuffer) async throws
  /// Sends head and body and ends the response without waiting.
  func finish(head: HTTPResponseHead, body: ByteBuffer)
  /// Sends the last piece of body and ends the response without waiting.
  func finish(_ body: ByteBuffer)
  /// Closes the connection without ending the response (an error mid-stream).
  func abort()
}

/// Thrown by `flush()` when the client has gone away (Tornado's `StreamClosedError`).
public struct StreamClosedError: Error, Sendable, CustomStringConvertible {
  public var description: String { "Stream is closed" }
}
