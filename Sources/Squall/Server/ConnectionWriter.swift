import NIOCore
import NIOHTTP1

/// What every request of one connection writes through: its handler and context, reachable
/// from any thread. Made once per connection, on its first request; the handler lets go of it
/// when the connection closes (it holds the handler, which holds it).
final class ConnectionLink: Sendable {
  let handler: NIOLoopBound<HTTPConnectionHandler>
  let context: NIOLoopBound<ChannelHandlerContext>
  let eventLoop: any EventLoop

  init(handler: HTTPConnectionHandler, context: ChannelHandlerContext) {
    self.eventLoop = context.eventLoop
    self.handler = NIOLoopBound(handler, eventLoop: context.eventLoop)
    self.context = NIOLoopBound(context, eventLoop: context.eventLoop)
  }
}

/// The `HTTPResponseWriter` of one request: the bridge from the responder's task to its
/// connection. The task runs on the connection's event loop, so each call goes straight to the
/// handler; a call from another thread hops to the loop first.
///
/// Two words, the connection's link and the request's number, so that it fits an existential's
/// inline room: handing it to the responder as `any HTTPResponseWriter` allocates nothing, and
/// the request's task allocates only its closure's context (a writer object of its own cost an
/// allocation per request).
struct ConnectionWriter: HTTPResponseWriter, WebSocketUpgrading {
  private let link: ConnectionLink
  /// The request this writer answers; the handler ignores it once that response has ended.
  private let request: Int

  init(link: ConnectionLink, request: Int) {
    self.link = link
    self.request = request
  }

  private var eventLoop: any EventLoop { link.eventLoop }
  private var handler: NIOLoopBound<HTTPConnectionHandler> { link.handler }
  private var context: NIOLoopBound<ChannelHandlerContext> { link.context }

  /// The request's task: `responder` answers `built` through this writer; a response it never
  /// ended is ended for it.
  func run(_ built: HTTPServerRequest, responder: any HTTPResponder, timed: Bool) async {
    if timed { began(at: .now) }
    await responder.respond(to: built, writer: self)
    endIfUnanswered()
  }

  /// Writes and returns when the write is done.
  private func send(
    _ head: HTTPResponseHead?, _ body: ByteBuffer, end: Bool
  ) -> EventLoopFuture<Void> {
    if eventLoop.inEventLoop {
      return respond(head, body, end: end, awaited: true) ?? eventLoop.makeSucceededVoidFuture()
    }
    return eventLoop.flatSubmit { [self] in
      respond(head, body, end: end, awaited: true) ?? eventLoop.makeSucceededVoidFuture()
    }
  }

  /// Writes the end of the response; nobody waits for it, so no future is made.
  private func sendEnd(_ head: HTTPResponseHead?, _ body: ByteBuffer) {
    if eventLoop.inEventLoop {
      respond(head, body, end: true, awaited: false)
    } else {
      eventLoop.execute { [self] in respond(head, body, end: true, awaited: false) }
    }
  }

  @discardableResult
  private func respond(
    _ head: HTTPResponseHead?, _ body: ByteBuffer, end: Bool, awaited: Bool
  ) -> EventLoopFuture<Void>? {
    handler.value.respond(
      context: context.value, request: request, head: head, body: body, end: end, awaited: awaited)
  }

  func writeHeaders(_ head: HTTPResponseHead, body: ByteBuffer, finish: Bool) async throws {
    try await send(head, body, end: finish).get()
  }

  func write(_ body: ByteBuffer) async throws {
    try await send(nil, body, end: false).get()
  }

  func finish(head: HTTPResponseHead, body: ByteBuffer) {
    sendEnd(head, body)
  }

  func finish(_ body: ByteBuffer) {
    sendEnd(nil, body)
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
