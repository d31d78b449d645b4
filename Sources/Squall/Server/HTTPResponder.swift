import NIOCore
import NIOHTTP1

/// What answers an `HTTPServer`'s requests: Tornado's `request_callback` (an `Application`, or
/// any `HTTPServerConnectionDelegate`). The server knows nothing more of it.
///
/// `respond` runs once per request in a task on the connection's event loop (no thread hop to
/// start it or to write), and the connection answers its next request only after this one's
/// response has ended. A responder that returns without ending its response gets a bare `500`
/// sent for it (or, once the head is out, the connection closed), so a connection never hangs.
public protocol HTTPResponder: Sendable {
  /// Answers `request` through `writer`.
  func respond(to request: HTTPServerRequest, writer: any HTTPResponseWriter) async
}

/// The connection side of a response, as Tornado's `HTTPConnection` interface: what a
/// responder (a `RequestHandler`, through its `Application`) writes through.
///
/// Framing is the server's: give `Content-Length` for a body of known size; without it an
/// HTTP/1.1 response is sent chunked, an HTTP/1.0 one ends with the connection.
public protocol HTTPResponseWriter: Sendable {
  /// Sends the head and a first piece of body; returns when written.
  /// Throws `StreamClosedError` when the client has gone away.
  func writeHeaders(_ head: HTTPResponseHead, body: ByteBuffer, finish: Bool) async throws
  /// Sends a piece of body; returns when written.
  func write(_ body: ByteBuffer) async throws
  /// Sends head and body and ends the response without waiting.
  func finish(head: HTTPResponseHead, body: ByteBuffer)
  /// Sends the last piece of body and ends the response without waiting.
  func finish(_ body: ByteBuffer)
  /// Closes the connection without ending the response (an error mid-stream).
  func abort()
  /// Takes the connection over from HTTP before anything of the response was sent (Tornado's
  /// `HTTPConnection.detach()`): its bytes are then the caller's to write, as raw as they come.
  func detach() async throws -> DetachedStream
}

extension HTTPResponseWriter {
  /// A writer that cannot hand its connection over says so.
  public func detach() async throws -> DetachedStream { throw StreamClosedError() }
}

/// Thrown by `flush()` when the client has gone away (Tornado's `StreamClosedError`).
public struct StreamClosedError: Error, Sendable, CustomStringConvertible {
  public init() {}
  public var description: String { "Stream is closed" }
}
