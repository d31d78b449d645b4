import Foundation
import NIOCore
import NIOHTTP1

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

  // The request being read or answered.
  private var head: HTTPRequestHead?
  /// The request body, gathered straight into the array the request hands to its handler: a
  /// body is held once, not as a buffer and then a copy.
  private var body: [UInt8] = []
  /// The body's declared length, the most the array grows to (never reserved up front: a
  /// client could announce 100 MB and send nothing).
  private var declaredLength: Int?
  private var start = ContinuousClock.now
  /// Numbers requests, so a writer of an earlier request can never write into a later one.
  private var requestNumber = 0
  private var record: ExchangeRecord?
  private var status: UInt = 200
  private var headWritten = false
  /// The response's connection was handed over (`detach`): HTTP writes nothing more on it.
  private var detached = false
  /// The detached exchange, published when its connection closes; and when it started.
  private var detachedExchange: (HTTPExchange, ContinuousClock.Instant)?
  private var task: Task<Void, Never>?
  private var idleTimer: Scheduled<Void>?
  private var bodyTimer: Scheduled<Void>?

  init(_ configuration: Configuration) {
    self.configuration = configuration
    let options = configuration.options
    // Opened again by `channelActive`, by the loop's clock; until then nothing can arrive.
    machine = ConnectionStateMachine(
      limits: .init(
        maxBodySize: options.effectiveMaxBodySize, maxBodySizeName: options.maxBodySizeName,
        noKeepAlive: options.noKeepAlive),
      openedAt: .uptimeNanoseconds(0))
  }

  private var hub: ServerEventHub { configuration.hub }
  private var connectionID: UInt64 { configuration.connectionID }

  // MARK: Connection lifecycle

  func channelActive(context: ChannelHandlerContext) {
    configuration.counters.connectionOpened()
    hub.emit(.connectionOpened, .connectionOpened(connectionID: connectionID, remote: configuration.remote))
    machine = ConnectionStateMachine(limits: machine.limits, openedAt: context.eventLoop.now)
    if let seconds = configuration.options.idleConnectionTimeout {
      armIdleTimer(context: context, in: .seconds(seconds))
    }
    context.fireChannelActive()
  }

  func channelInactive(context: ChannelHandlerContext) {
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
    if machine.readRequested() { context.read() }
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    if machine.received(error: error) == .handle { fail(context: context, error: error) }
  }

  func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
    if let event = event as? ChannelEvent, event == .inputClosed, machine.receivedInputClosed() == .close {
      context.close(promise: nil)
    }
    context.fireUserInboundEventTriggered(event)
  }

  // MARK: Reading requests

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let part = unwrapInboundIn(data)
    // A pipelined request arriving while a response is written is kept by the machine, and
    // reading pauses until the response ends.
    if machine.received(part) == .handle { handle(part, context: context) }
  }

  private func handle(_ part: HTTPServerRequestPart, context: ChannelHandlerContext) {
    switch part {
    case .head(let head):
      hub.emit(.requestHead, .requestHead(connectionID: connectionID, head))
      switch machine.receivedHead(head) {
      case .ignore:
        return
      case .refuse(let cause, let message):
        reject(context: context, cause, message, head: head)
      case .readBody(let sendContinue):
        self.head = head
        body = []
        declaredLength = head.headers.first(name: "Content-Length").flatMap(Int.init)
        start = .now
        if let timeout = configuration.options.bodyTimeout {
          bodyTimer = context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(timeout)) { [weak self] in
            guard let self else { return }
            self.timedOut(
              self.machine.bodyTimerFired(), context: context, .bodyTimeout,
              "the body did not arrive within bodyTimeout (\(Self.seconds(timeout)))")
          }
        }
        if sendContinue {
          context.writeAndFlush(
            wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .continue))), promise: nil)
        }
      }
    case .body(let buffer):
      switch machine.receivedBody(count: buffer.readableBytes) {
      case .ignore:
        return
      case .refuse(let cause, let message):
        reject(context: context, cause, message, head: head)
      case .append:
        hub.emit(.requestBody, .requestBody(connectionID: connectionID, buffer))
        let needed = body.count + buffer.readableBytes
        if needed > body.capacity {
          // Grow as the bytes arrive, doubling, but never past the declared length.
          body.reserveCapacity(max(needed, min(declaredLength ?? Int.max, body.capacity * 2)))
        }
        body.append(contentsOf: buffer.readableBytesView)
      }
    case .end:
      guard machine.receivedEnd() == .respond, let head else { return }
      bodyTimer?.cancel()
      bodyTimer = nil
      dispatch(head, context: context)
    }
  }

  private func dispatch(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
    let options = configuration.options
    let request = RequestBuilder.request(
      head: head, body: body, remote: configuration.remote, startTime: start, xheaders: options.xheaders,
      decompressRequest: options.decompressRequest)
    requestNumber &+= 1
    status = 200
    headWritten = false
    record = hub.wants(.exchangeCompleted) ? ExchangeRecord() : nil
    let timed = record != nil
    let writer = ConnectionWriter(handler: self, context: context, request: requestNumber)
    let responder = configuration.responder
    task = Task(executorPreference: configuration.executor) {
      if timed { writer.began(at: .now) }
      await responder.respond(to: request, writer: writer)
      writer.endIfUnanswered()
    }
  }

  // MARK: Writing responses

  /// Writes part of response `number`; called on the event loop by `ConnectionWriter`. When
  /// nobody awaits the end (`finish`, Tornado's `finish()` returns at once), its write takes no
  /// promise: one allocation fewer per response.
  func respond(
    context: ChannelHandlerContext, request number: Int, head response: HTTPResponseHead?, body: ByteBuffer,
    end: Bool, awaited: Bool = true
  ) -> EventLoopFuture<Void> {
    guard number == requestNumber, machine.state == .responding, let head, context.channel.isActive else {
      return context.eventLoop.makeFailedFuture(StreamClosedError())
    }
    if var response {
      machine.frame(&response, for: head)
      status = response.status.code
      headWritten = true
      record?.response = response
      if record != nil { record?.firstByte = .now }
      context.write(wrapOutboundOut(.head(response)), promise: nil)
      hub.emit(.responseHead, .responseHead(connectionID: connectionID, response))
    }
    var promise: EventLoopPromise<Void>?
    if body.readableBytes > 0 && ResponseFraming.carriesBody(method: head.method, status: status) {
      record?.responseBody(body)
      hub.emit(.responseBody, .responseBody(connectionID: connectionID, body))
      if !end { promise = context.eventLoop.makePromise() }
      context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: promise)
    }
    guard end else {
      context.flush()
      return promise?.futureResult ?? context.eventLoop.makeSucceededVoidFuture()
    }
    guard awaited else {
      context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
      completeExchange(context: context)
      return context.eventLoop.makeSucceededVoidFuture()
    }
    let written = context.eventLoop.makePromise(of: Void.self)
    context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
    completeExchange(context: context)
    return written.futureResult
  }

  /// Response `number`'s responder began running.
  func handlerBegan(request number: Int, at instant: ContinuousClock.Instant) {
    guard number == requestNumber else { return }
    record?.handlerStarted = instant
  }

  /// Ends response `number` if its responder returned without ending it: a bare `500` when
  /// nothing was sent, else the connection closes (the body's end cannot be told any more).
  func endUnanswered(context: ChannelHandlerContext, request number: Int) {
    if detached, number == requestNumber {
      context.close(promise: nil)  // a detached stream ends with its handler
      return
    }
    guard number == requestNumber, machine.state == .responding else { return }
    guard !headWritten else {
      abort(context: context, request: number)
      return
    }
    var response = HTTPResponseHead(version: .http1_1, status: .internalServerError)
    response.headers.add(name: "Content-Length", value: "0")
    _ = respond(context: context, request: number, head: response, body: ByteBuffer(), end: true, awaited: false)
  }

  private func completeExchange(context: ChannelHandlerContext) {
    defer { configuration.compressed?.wire = nil }
    task = nil
    configuration.counters.responded(status: Int(status))
    if var record, let head, hub.wants(.exchangeCompleted) {
      record.response = record.response ?? HTTPResponseHead(version: .http1_1, status: .init(statusCode: Int(status)))
      if let wire = configuration.compressed?.wire {
        record.response?.headers = wire  // as it went out: gzip's Content-Encoding, Vary, length
      }
      var exchange = record.exchange(
        connectionID: connectionID, remote: configuration.remote, request: head, requestBody: body,
        requestBodySize: machine.bodySize, start: start,
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
    record = nil
    self.head = nil
    body = []
    guard machine.responseEnded(at: context.eventLoop.now) == .readNext else {
      context.close(promise: nil)
      return
    }
    while let next = machine.nextDeferred() {
      switch next {
      case .part(let part): handle(part, context: context)
      case .failure(let error): fail(context: context, error: error)
      }
    }
    if machine.resumeReading() { context.read() }
  }

  /// Hands the connection of response `number` over (Tornado's `detach()`): nothing of the
  /// response may have been written; HTTP then reads and writes nothing more on it.
  func detach(context: ChannelHandlerContext, request number: Int) -> EventLoopFuture<DetachedStream> {
    guard number == requestNumber, machine.state == .responding, !headWritten, context.channel.isActive,
      let raw = try? context.pipeline.syncOperations.context(handlerType: RequestLineGuard.self)
    else { return context.eventLoop.makeFailedFuture(StreamClosedError()) }
    detached = true
    machine.closed()
    configuration.counters.responded(status: 0)
    if var record, let head, hub.wants(.exchangeCompleted) {
      // Published when the connection closes, with the bytes the stream wrote.
      record.response = HTTPResponseHead(version: .http1_1, status: .init(statusCode: 0, reasonPhrase: "detached"))
      var exchange = record.exchange(
        connectionID: connectionID, remote: configuration.remote, request: head, requestBody: body,
        requestBodySize: machine.bodySize, start: start,
        rawRequest: configuration.recorder?.claimRawRequest() ?? ByteBuffer(), eventLoop: configuration.eventLoop,
        connectionOpened: configuration.opened ?? start)
      exchange.detached = true
      _ = configuration.recorder?.claimRawResponse()
      detachedExchange = (exchange, start)
    } else {
      _ = configuration.recorder?.claimRawRequest()
    }
    record = nil
    return context.eventLoop.makeSucceededFuture(
      DetachedStream(channel: context.channel, raw: NIOLoopBound(raw, eventLoop: context.eventLoop)))
  }

  /// Closes a connection whose responder gave up mid-response.
  func abort(context: ChannelHandlerContext, request number: Int) {
    guard number == requestNumber else { return }
    machine.closed()
    context.close(promise: nil)
  }

  // MARK: Errors and timeouts

  private func fail(context: ChannelHandlerContext, error: any Error) {
    if let parserError = error as? HTTPParserError, parserError == .headerOverflow {
      // Tornado closes without a response when the head exceeds max_header_size.
      machine.closed()
      refuse(
        .headTooLarge,
        "request line and headers larger than maxHeaderSize (\(configuration.options.maxHeaderSize) bytes)",
        status: nil, head: nil)
      context.close(promise: nil)
      return
    }
    machine.closed()
    let received = configuration.recorder?.unclaimedBytes
    let what =
      (error as? HTTPParserError).map { ParserErrorWords.describe($0, received: received) }
      ?? String(describing: error)
    reject(context: context, .malformedRequest, "malformed request: \(what)", head: nil)
  }

  /// Tornado's answer to bad input: a bare `400 Bad Request`, then close.
  private func reject(
    context: ChannelHandlerContext, _ cause: HTTPRefusal.Cause, _ message: String, head: HTTPRequestHead?
  ) {
    refuse(cause, message, status: 400, head: head)
    idleTimer?.cancel()
    bodyTimer?.cancel()
    // Bytes as they are, past the response encoder (no request head may have been parsed).
    let bare = context.channel.allocator.buffer(string: "HTTP/1.1 400 Bad Request\r\n\r\n")
    if let encoder = try? context.pipeline.syncOperations.context(handlerType: HTTPResponseEncoder.self) {
      encoder.writeAndFlush(NIOAny(IOData.byteBuffer(bare)), promise: nil)
    }
    context.close(promise: nil)
  }

  /// Does what the state machine said of a timer that fired.
  private func timedOut(
    _ action: ConnectionStateMachine.TimerAction, context: ChannelHandlerContext, _ cause: HTTPRefusal.Cause,
    _ message: String
  ) {
    switch action {
    case .ignore: return
    case .checkAgain(let delay): armIdleTimer(context: context, in: delay)
    case .close:
      refuse(cause, message, status: nil, head: head)
      context.close(promise: nil)
    }
  }

  /// Counts a refusal and, when someone observes, publishes it with the bytes read so far.
  private func refuse(_ cause: HTTPRefusal.Cause, _ message: String, status: Int?, head: HTTPRequestHead?) {
    configuration.counters.didRefuse()
    guard hub.wants(.requestRefused) else { return }
    let now = Date()
    let startedAt =
      configuration.recorder?.unclaimedSince
      ?? (head == nil ? now : now.addingTimeInterval(-(ContinuousClock.now - start).seconds))
    hub.emit(
      .requestRefused,
      .requestRefused(
        HTTPRefusal(
          connectionID: connectionID, remote: configuration.remote, cause: cause, status: status, message: message,
          request: head, bodyBytesReceived: machine.bodySize,
          rawRequest: configuration.recorder?.claimRawRequest() ?? ByteBuffer(),
          startedAt: startedAt, duration: max(0, now.timeIntervalSince(startedAt)))))
  }

  static func seconds(_ value: Double) -> String {
    value == value.rounded() ? "\(Int(value))s" : "\(value)s"
  }

  /// Armed once per connection; the state machine says when it fired early and must look again.
  private func armIdleTimer(context: ChannelHandlerContext, in delay: TimeAmount) {
    guard let seconds = configuration.options.idleConnectionTimeout else { return }
    idleTimer = context.eventLoop.assumeIsolated().scheduleTask(in: delay) { [weak self] in
      guard let self else { return }
      // The loop's clock: a test's EmbeddedEventLoop moves it with advanceTime.
      self.timedOut(
        self.machine.idleTimerFired(at: context.eventLoop.now, limit: .seconds(seconds)), context: context,
        .idleTimeout,
        "no complete request within idleConnectionTimeout (\(Self.seconds(seconds))): connection closed")
    }
  }
}

extension Duration {
  var seconds: Double {
    Double(components.seconds) + Double(components.attoseconds) / 1e18
  }
}
