import Foundation
import NIOCore
import NIOHTTP1
import NIOWebSocket

/// Glues one connection's `ConnectionStateMachine` to the pipeline: passes it request parts,
/// reads and timer firings, and does what it answers: runs the responder in a task on the
/// connection's event loop, writes what it answers, pauses and resumes reading, arms timers.
/// The rules live in the state machine, `ResponseFraming` and `RequestBuilder`; what observers
/// see is built only while someone observes.
final class HTTPConnectionHandler: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias OutboundIn = HTTPServerResponsePart
  typealias OutboundOut = HTTPServerResponsePart

  /// What a connection needs from its server.
  struct Configuration {
    var connectionID: UInt64
    var remote: String
    var responder: any HTTPResponder
    var options: HTTPServer.Options
    var hub: ServerEventHub
    var counters: ServerStats.Counters
    var executor: EventLoopTaskExecutor
    /// Present when someone observed the server as the connection opened.
    var recorder: RawBytesRecorder?
    /// The index of the connection's event loop in the server's group.
    var eventLoop = 0
    /// With `compressResponse`: where the compressor's side leaves the head as it went out.
    var compressed: GzipResponseHeaders.Slot? = nil
    /// When the connection was accepted: read only while someone observes exchanges, so an
    /// unobserved server reads no clock for it.
    var opened: ContinuousClock.Instant?
  }

  private let configuration: Configuration
  private var machine: ConnectionStateMachine

  /// The request body, gathered straight into the array the request hands to its handler: a
  /// body is held once, not as a buffer and then a copy.
  private var body: [UInt8] = []
  /// The body's declared length, the most the array grows to (never reserved up front: a
  /// client could announce 100 MB and send nothing).
  private var declaredLength: Int?
  private var start = ContinuousClock.now
  private var record: ExchangeRecord?
  /// The detached exchange, published when its connection closes; and when it started.
  private var detachedExchange: (HTTPExchange, ContinuousClock.Instant)?
  private var task: Task<Void, Never>?
  /// What this connection's writers reach it through; let go when the connection closes or the
  /// handler leaves the pipeline (it holds this handler).
  private var link: ConnectionLink?
  /// The end of the last response written, for a close that must not cut it short.
  private var lastResponseWritten: EventLoopFuture<Void>?
  private var idleTimer: Scheduled<Void>?
  private var bodyTimer: Scheduled<Void>?

  init(_ configuration: Configuration) {
    self.configuration = configuration
    // Opened again by `channelActive`, by the loop's clock; until then nothing can arrive.
    machine = ConnectionStateMachine(limits: .init(configuration.options), openedAt: .uptimeNanoseconds(0))
  }

  private var hub: ServerEventHub { configuration.hub }
  private var connectionID: UInt64 { configuration.connectionID }

  // MARK: Events, passed to the state machine

  func channelActive(context: ChannelHandlerContext) {
    configuration.counters.connectionOpened()
    hub.emit(.connectionOpened, .connectionOpened(connectionID: connectionID, remote: configuration.remote))
    run(machine.activated(at: context.eventLoop.now), context: context)
    context.fireChannelActive()
  }

  func handlerRemoved(context: ChannelHandlerContext) {
    link = nil
  }

  func channelInactive(context: ChannelHandlerContext) {
    link = nil
    machine.closed()
    idleTimer?.cancel()
    bodyTimer?.cancel()
    // The client went away: a handler still running sees cancellation (its writes fail too).
    task?.cancel()
    task = nil
    configuration.counters.connectionClosed()
    if let (pending, started) = detachedExchange {
      var exchange = pending
      detachedExchange = nil
      if let written = configuration.recorder?.claimRawResponse() {
        exchange.rawResponse = written.bytes
        exchange.rawResponseSize = written.total
      }
      exchange.duration = (ContinuousClock.now - started).seconds
      hub.emit(.exchangeCompleted, .exchangeCompleted(exchange))
    }
    hub.emit(.connectionClosed, .connectionClosed(connectionID: connectionID))
    context.fireChannelInactive()
  }

  func read(context: ChannelHandlerContext) {
    run(machine.readRequested(), context: context)
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    run(machine.received(error: error), context: context)
  }

  func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
    if let event = event as? ChannelEvent, event == .inputClosed {
      run(machine.receivedInputClosed(), context: context)
    } else if event is ChannelShouldQuiesceEvent {
      run(machine.quiesce(), context: context)
      return
    }
    context.fireUserInboundEventTriggered(event)
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    run(machine.received(unwrapInboundIn(data)), context: context)
  }

  /// Writes part of response `number`; called on the event loop by `ConnectionWriter`. With
  /// `awaited` false (`finish`: nobody waits for the write) it returns nil and the end of the
  /// response takes no promise, an allocation fewer per response; a close waits for the bytes
  /// still in NIO's buffers either way (`closeAfterLastResponse`).
  @discardableResult
  func respond(
    context: ChannelHandlerContext, request number: Int, head response: HTTPResponseHead?, body: ByteBuffer,
    end: Bool, awaited: Bool = true
  ) -> EventLoopFuture<Void>? {
    let action = machine.write(
      request: number, head: response, body: body, end: end, active: context.channel.isActive,
      now: context.eventLoop.now)
    guard case .write(let parts) = action else {
      run(action, context: context)
      return awaited ? context.eventLoop.makeFailedFuture(StreamClosedError()) : nil
    }
    return write(parts, context: context, awaited: awaited)
  }

  /// Response `number`'s responder began running.
  func handlerBegan(request number: Int, at instant: ContinuousClock.Instant) {
    guard machine.answers(request: number) else { return }
    record?.handlerStarted = instant
  }

  /// Response `number`'s responder returned; the machine ends what it left unanswered.
  func endUnanswered(context: ChannelHandlerContext, request number: Int) {
    run(
      machine.responderReturned(request: number, active: context.channel.isActive, now: context.eventLoop.now),
      context: context)
  }

  /// Hands the connection of response `number` over (Tornado's `detach()`): nothing of the
  /// response may have been written; HTTP then reads and writes nothing more on it.
  func detach(context: ChannelHandlerContext, request number: Int) -> EventLoopFuture<DetachedStream> {
    guard let raw = try? context.pipeline.syncOperations.context(handlerType: RequestLineGuard.self) else {
      return context.eventLoop.makeFailedFuture(StreamClosedError())
    }
    let action = machine.detach(request: number, active: context.channel.isActive)
    run(action, context: context)
    guard case .detach = action else { return context.eventLoop.makeFailedFuture(StreamClosedError()) }
    return context.eventLoop.makeSucceededFuture(
      DetachedStream(channel: context.channel, raw: NIOLoopBound(raw, eventLoop: context.eventLoop)))
  }

  /// Answers request `number` with `head`, a `101 Switching Protocols`, and hands the
  /// connection to a WebSocket: the exchange is published as any other, then the HTTP layer
  /// leaves the pipeline and NIO's frame decoder and encoder and a `WebSocketConnectionHandler`
  /// take its place (this handler stays behind them, for the connection's bookkeeping).
  func upgrade(
    context: ChannelHandlerContext, request number: Int, head: HTTPResponseHead, options: WebSocketOptions,
    subprotocol: String?
  ) -> EventLoopFuture<WebSocketConnection> {
    let action = machine.upgrade(request: number, active: context.channel.isActive)
    guard case .upgrade(let request) = action else {
      run(action, context: context)
      return context.eventLoop.makeFailedFuture(StreamClosedError())
    }
    record?.response = head
    if record != nil { record?.firstByte = .now }
    context.write(wrapOutboundOut(.head(head)), promise: nil)
    hub.emit(.responseHead, .responseHead(connectionID: connectionID, head))
    context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    completeExchange(request, context: context)
    idleTimer?.cancel()
    let channel = context.channel
    let (hub, id) = (hub, connectionID)
    let observer: (@Sendable (WebSocketFrameRecord) -> Void)? =
      hub.wants(.webSocketFrame)
      ? { @Sendable record in hub.emit(.webSocketFrame, .webSocketFrame(connectionID: id, record)) } : nil
    let webSocket: WebSocketConnectionHandler
    do {
      let pipeline = context.pipeline.syncOperations
      webSocket = try WebSocketConnectionHandler.install(
        in: pipeline, channel: channel, options: options, awaitsHandling: true, frameObserver: observer,
        position: .before(self))
      HTTPLayer.remove(from: pipeline)
    } catch {
      context.close(promise: nil)
      return context.eventLoop.makeFailedFuture(error)
    }
    // A read HTTP held back (the upgrade came pipelined behind another request) goes out now.
    context.read()
    configuration.counters.webSocketOpened()
    hub.emit(.webSocketOpened, .webSocketOpened(connectionID: connectionID, path: request.head.uri))
    let (counters, record) = (configuration.counters, webSocket.record)
    record.closed.whenComplete { _ in
      counters.webSocketClosed()
      let values = record.values.withLockedValue { $0 }
      hub.emit(
        .webSocketClosed,
        .webSocketClosed(
          connectionID: id, code: values.closeCode, reason: values.closeReason,
          violation: values.violation?.description))
    }
    return context.eventLoop.makeSucceededFuture(
      WebSocketConnection(handler: webSocket, channel: channel, selectedSubprotocol: subprotocol))
  }

  /// Closes a connection whose responder gave up mid-response.
  func abort(context: ChannelHandlerContext, request number: Int) {
    run(machine.abort(request: number), context: context)
  }

  // MARK: Actions

  /// Does what the state machine said, and nothing else.
  private func run(_ action: ConnectionStateMachine.Action, context: ChannelHandlerContext) {
    switch action {
    case .wait, .failWrite:
      return
    case .read:
      context.read()
    case .armIdleTimer(let delay):
      armIdleTimer(context: context, in: delay)
    case .readBody(let head, let declaredLength, let sendContinue):
      startBody(head, declaredLength: declaredLength, sendContinue: sendContinue, context: context)
    case .appendBody(let buffer):
      append(buffer)
    case .respond(let request):
      dispatch(request, context: context)
    case .write(let parts):
      write(parts, context: context, awaited: false)
    case .detach(let request):
      handOver(request)
    case .upgrade:
      return  // only `upgrade(…)` asks for it, and does it there
    case .refuse(let refusal):
      refuse(refusal, context: context)
    case .close:
      closeAfterLastResponse(context)
    }
  }

  /// Closes once the last response has left NIO's buffers: closing at once would drop what a
  /// slow client has not read yet (a large body cut short under `Connection: close`, or by a
  /// graceful shutdown that closes a connection whose answer is still going out). When the
  /// last response's end took no promise, an empty write behind it does: NIO completes writes
  /// in order, so its promise completes once every byte before it has gone out.
  private func closeAfterLastResponse(_ context: ChannelHandlerContext) {
    let channel = context.channel
    if let last = lastResponseWritten {
      last.whenComplete { _ in channel.close(promise: nil) }
      return
    }
    guard let encoder = try? context.pipeline.syncOperations.context(handlerType: HTTPResponseEncoder.self) else {
      context.close(promise: nil)
      return
    }
    let drained = context.eventLoop.makePromise(of: Void.self)
    encoder.writeAndFlush(NIOAny(IOData.byteBuffer(ByteBuffer())), promise: drained)
    drained.futureResult.whenComplete { _ in channel.close(promise: nil) }
  }

  private func startBody(
    _ head: HTTPRequestHead, declaredLength: Int?, sendContinue: Bool, context: ChannelHandlerContext
  ) {
    hub.emit(.requestHead, .requestHead(connectionID: connectionID, head))
    body = []
    self.declaredLength = declaredLength
    start = .now
    if let timeout = configuration.options.bodyTimeout {
      bodyTimer = context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(timeout)) { [weak self] in
        guard let self else { return }
        self.run(self.machine.bodyTimerFired(), context: context)
      }
    }
    if sendContinue {
      context.writeAndFlush(
        wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .continue))), promise: nil)
    }
  }

  private func append(_ buffer: ByteBuffer) {
    hub.emit(.requestBody, .requestBody(connectionID: connectionID, buffer))
    let needed = body.count + buffer.readableBytes
    if needed > body.capacity {
      // Grow as the bytes arrive, doubling, but never past the declared length.
      body.reserveCapacity(max(needed, min(declaredLength ?? Int.max, body.capacity * 2)))
    }
    body.append(contentsOf: buffer.readableBytesView)
  }

  private func dispatch(_ request: ConnectionStateMachine.Request, context: ChannelHandlerContext) {
    bodyTimer?.cancel()
    bodyTimer = nil
    let options = configuration.options
    let built = RequestBuilder.request(
      head: request.head, body: body, remote: configuration.remote, startTime: start, xheaders: options.xheaders,
      decompressRequest: options.decompressRequest)
    record = hub.wants(.exchangeCompleted) ? ExchangeRecord() : nil
    let link = self.link ?? ConnectionLink(handler: self, context: context)
    self.link = link
    let writer = ConnectionWriter(link: link, request: request.number)
    let (responder, timed) = (configuration.responder, record != nil)
    task = Task(executorPreference: configuration.executor) {
      await writer.run(built, responder: responder, timed: timed)
    }
  }

  /// Writes what the machine framed. At the end: the exchange is published, then the
  /// connection closes or takes the kept parts and reads on. Returns when the write is done,
  /// unless nobody awaits it (`awaited` false: nil, and no promise made for it).
  @discardableResult
  private func write(
    _ parts: ConnectionStateMachine.Write, context: ChannelHandlerContext, awaited: Bool
  ) -> EventLoopFuture<Void>? {
    if let response = parts.head {
      record?.response = response
      if record != nil { record?.firstByte = .now }
      context.write(wrapOutboundOut(.head(response)), promise: nil)
      hub.emit(.responseHead, .responseHead(connectionID: connectionID, response))
    }
    var promise: EventLoopPromise<Void>?
    if let body = parts.body {
      record?.responseBody(body)
      hub.emit(.responseBody, .responseBody(connectionID: connectionID, body))
      if parts.ended == nil { promise = context.eventLoop.makePromise() }
      context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: promise)
    }
    guard let ended = parts.ended else {
      context.flush()
      return promise?.futureResult ?? context.eventLoop.makeSucceededVoidFuture()
    }
    // A promise only when someone waits for the end: the writer, or the close right behind it.
    let written = awaited || !ended.keepAlive ? context.eventLoop.makePromise(of: Void.self) : nil
    context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
    lastResponseWritten = written?.futureResult
    completeExchange(ended, context: context)
    if ended.keepAlive {
      // NIO's parser reads nothing after a request that asks to switch protocols; one not
      // switched reads on, as Tornado's, with a fresh parser given the bytes that waited.
      if ResponseFraming.asksToSwitch(ended.head) {
        HTTPLayer.renewDecoder(context.pipeline.syncOperations, options: configuration.options)
      }
      while true {
        let next = machine.nextKept()
        if case .wait = next { break }
        run(next, context: context)
      }
    } else {
      closeAfterLastResponse(context)
    }
    return written?.futureResult
  }

  private func completeExchange(_ request: ConnectionStateMachine.Request, context: ChannelHandlerContext) {
    defer { configuration.compressed?.wire = nil }
    task = nil
    let status = request.status ?? 200
    configuration.counters.responded(status: Int(status))
    var taken: ExchangeRecord?
    swap(&taken, &record)  // taken out of the handler at once: no copy of it is left behind
    if var record = taken, hub.wants(.exchangeCompleted) {
      record.response = record.response ?? HTTPResponseHead(version: .http1_1, status: .init(statusCode: Int(status)))
      if let wire = configuration.compressed?.wire {
        record.response?.headers = wire  // as it went out: gzip's Content-Encoding, Vary, length
      }
      var exchange = record.exchange(
        connectionID: connectionID, remote: configuration.remote, request: request.head, requestBody: body,
        requestBodySize: request.bodySize, start: start,
        rawRequest: configuration.recorder?.claimRawRequest() ?? ByteBuffer(), eventLoop: configuration.eventLoop,
        connectionOpened: configuration.opened ?? start)
      if let written = configuration.recorder?.claimRawResponse() {
        exchange.rawResponse = written.bytes
        exchange.rawResponseSize = written.total
      }
      hub.emit(.exchangeCompleted, .exchangeCompleted(exchange))
    } else {
      _ = configuration.recorder?.claimRawRequest()
      _ = configuration.recorder?.claimRawResponse()
    }
    body = []
  }

  /// The bookkeeping of a hand-over: the exchange is published when the connection closes,
  /// with the bytes the stream wrote.
  private func handOver(_ request: ConnectionStateMachine.Request) {
    configuration.counters.responded(status: 0)
    if var record, hub.wants(.exchangeCompleted) {
      record.response = HTTPResponseHead(version: .http1_1, status: .init(statusCode: 0, reasonPhrase: "detached"))
      var exchange = record.exchange(
        connectionID: connectionID, remote: configuration.remote, request: request.head, requestBody: body,
        requestBodySize: request.bodySize, start: start,
        rawRequest: configuration.recorder?.claimRawRequest() ?? ByteBuffer(), eventLoop: configuration.eventLoop,
        connectionOpened: configuration.opened ?? start)
      exchange.detached = true
      _ = configuration.recorder?.claimRawResponse()
      detachedExchange = (exchange, start)
    } else {
      _ = configuration.recorder?.claimRawRequest()
    }
    record = nil
  }

  /// Tornado's answer to bad input and timeouts: observers told, a bare `400 Bad Request`
  /// when the refusal has one, then close.
  private func refuse(_ refusal: ConnectionStateMachine.Refusal, context: ChannelHandlerContext) {
    if refusal.headIsNew, let head = refusal.head {
      hub.emit(.requestHead, .requestHead(connectionID: connectionID, head))
    }
    publish(refusal)
    idleTimer?.cancel()
    bodyTimer?.cancel()
    if refusal.status != nil {
      // Bytes as they are, past the response encoder (no request head may have been parsed).
      let bare = context.channel.allocator.buffer(string: "HTTP/1.1 400 Bad Request\r\n\r\n")
      if let encoder = try? context.pipeline.syncOperations.context(handlerType: HTTPResponseEncoder.self) {
        encoder.writeAndFlush(NIOAny(IOData.byteBuffer(bare)), promise: nil)
      }
    }
    context.close(promise: nil)
  }

  /// Counts a refusal and, when someone observes, publishes it with the bytes read so far.
  private func publish(_ refusal: ConnectionStateMachine.Refusal) {
    configuration.counters.didRefuse()
    guard hub.wants(.requestRefused) else { return }
    let message: String
    switch refusal.words {
    case .said(let words):
      message = words
    case .malformed(.parser(let error)):
      message =
        "malformed request: \(ParserErrorWords.describe(error, received: configuration.recorder?.unclaimedBytes))"
    case .malformed(.other(let description)):
      message = "malformed request: \(description)"
    case .malformed(.connectionLost(let description)):
      message = "connection lost: \(description)"  // the machine closes these without a refusal
    }
    let now = Date()
    let startedAt =
      configuration.recorder?.unclaimedSince
      ?? (refusal.head == nil ? now : now.addingTimeInterval(-(ContinuousClock.now - start).seconds))
    hub.emit(
      .requestRefused,
      .requestRefused(
        HTTPRefusal(
          connectionID: connectionID, remote: configuration.remote, cause: refusal.cause, status: refusal.status,
          message: message, request: refusal.head, bodyBytesReceived: refusal.bodyBytesReceived,
          rawRequest: configuration.recorder?.claimRawRequest() ?? ByteBuffer(),
          startedAt: startedAt, duration: max(0, now.timeIntervalSince(startedAt)))))
  }

  /// Armed once per connection; the state machine says when it fired early and must look again.
  private func armIdleTimer(context: ChannelHandlerContext, in delay: TimeAmount) {
    idleTimer = context.eventLoop.assumeIsolated().scheduleTask(in: delay) { [weak self] in
      guard let self else { return }
      // The loop's clock: a test's EmbeddedEventLoop moves it with advanceTime.
      self.run(self.machine.idleTimerFired(at: context.eventLoop.now), context: context)
    }
  }
}

extension Duration {
  var seconds: Double {
    let (seconds, attoseconds) = components  // one division of the 128-bit count, not two
    return Double(seconds) + Double(attoseconds) / 1e18
  }
}
