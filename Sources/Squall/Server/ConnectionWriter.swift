import NIOCore
import NIOHTTP1

/// The `HTTPResponseWriter` of one request: the bridge from the responder's task to its
/// connection. The task runs on the connection's event loop, so each call goes straight to the
/// handler; a call from another thread hops to the loop first.
final class ConnectionWriter: HTTPResponseWriter, WebSocketUpgrading {
  private let handler: NIOLoopBound<HTTPConnectionHandler>
  private let context: NIOLoopBound<ChannelHandlerContext>
  private let eventLoop: any EventLoop
  /// The request this writer answers; the handler ignores it once that response has ended.
  private let request: Int

  init(handler: HTTPConnectionHandler, context: ChannelHandlerContext, request: Int) {
    self.eventLoop = context.eventLoop
    self.handler = NIOLoopBound(handler, eventLoop: context.eventLoop)
    self.context = NIOLoopBound(context, eventLoop: context.eventLoop)
    self.request = request
  }

  private func send(
    _ head: HTTPResponseHead?, _ body: ByteBuffer, end: Bool
  ) -> EventLoopFuture<Void> {
    if eventLoop.inEventLoop {
      return handler.value.respond(
        context: context.value, request: request, head: head, body: body, end: end)
    }
    return eventLoop.flatSubmit { [handler, context, request] in
      handler.value.respond(
        context: context.value, request: request, head: head, body: body, end: end)
    }
  }

  func writeHeaders(_ head: HTTPResponseHead, body: ByteBuffer, finish: Bool) async throws {
    try await send(head, body, end: finish).get()
  }

  func write(_ body: ByteBuffer) async throws {
    try await send(nil, body, end: false).get()
  }

  func finish(head: HTTPResponseHead, body: ByteBuffer) {
    _ = send(head, body, end: true)
  }

  func finish(_ body: ByteBuffer) {
    _ = send(nil, body, end: true)
  }

  func detach() async throws -> DetachedStream {
    try await eventLoop.flatSubmit { [handler, context, request] in
      handler.value.detach(context: context.value, request: request)
    }.get()
  }

  func upgrade(
    _ head: HTTPResponseHead, options: WebSocketOptions, subprotocol: String?
  ) async throws -> WebSocketConnection {
    try await eventLoop.flatSubmit { [handler, context, request] in
      handler.value.upgrade(
        context: context.value, request: request, head: head, options: options, subprotocol: subprotocol)
    }.get()
  }

  func abort() {
    onLoop { handler, context, request in handler.abort(context: context, request: request) }
  }

  /// The responder's task began running (it may wait behind a handler that blocks the loop):
  /// the timeline's "handler started". Only when someone observes exchanges.
  func began(at instant: ContinuousClock.Instant) {
    onLoop { handler, _, request in handler.handlerBegan(request: request, at: instant) }
  }

  /// After the responder returned: a response it never ended gets a bare `500` (nothing was
  /// sent yet) or the connection closed (the head is out), so the connection never hangs.
  func endIfUnanswered() {
    onLoop { handler, context, request in handler.endUnanswered(context: context, request: request) }
  }

  private func onLoop(_ body: @escaping @Sendable (HTTPConnectionHandler, ChannelHandlerContext, Int) -> Void) {
    if eventLoop.inEventLoop {
      body(handler.value, context.value, request)
    } else {
      eventLoop.execute { [handler, context, request] in body(handler.value, context.value, request) }
    }
  }
}
