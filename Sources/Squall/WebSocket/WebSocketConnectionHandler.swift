import NIOCore
import NIOWebSocket

/// The settings of one WebSocket, server or client side (Tornado's `_WebSocketParams`).
package struct WebSocketOptions: Sendable {
  /// A bigger message closes the connection with 1009 (Tornado's `websocket_max_message_size`).
  package var maxMessageSize: Int
  /// Send a ping this often, in seconds; nil or 0: never (Tornado's `websocket_ping_interval`).
  package var pingInterval: Double?
  /// Close when no pong came this long after a ping; at most `pingInterval`, which it
  /// defaults to (Tornado's `websocket_ping_timeout`).
  package var pingTimeout: Double?
  /// The client masks every frame it sends; a server never does.
  package var masksOutgoing: Bool
  /// How long a close waits for the peer's before the connection is dropped.
  package var closeWait = TimeAmount.nanoseconds(5_000_000_000)
  /// `permessage-deflate`, when both sides agreed on it.
  package var deflate: Deflate?

  /// The agreement, zlib's settings, and which side this is (`server` or `client`).
  package struct Deflate: Sendable {
    package var agreement: DeflateAgreement
    package var compression: WebSocketCompression
    package var isServer: Bool
  }

  package static let defaultMaxMessageSize = 10 * 1024 * 1024

  package init(
    maxMessageSize: Int = defaultMaxMessageSize, pingInterval: Double? = nil, pingTimeout: Double? = nil,
    masksOutgoing: Bool
  ) {
    self.maxMessageSize = maxMessageSize
    // Beyond a day (or not a number) is never: a timer of that length would overflow.
    self.pingInterval = pingInterval.flatMap { $0.isFinite && $0 > 0 ? min($0, 86_400) : nil }
    self.pingTimeout = pingTimeout.flatMap { $0.isFinite && $0 >= 0 ? min($0, 86_400) : nil }
    self.masksOutgoing = masksOutgoing
  }

  /// The ping timeout in effect: `pingTimeout` capped by `pingInterval`, or `pingInterval`.
  var effectivePingTimeout: Double {
    let interval = pingInterval ?? 0
    guard let timeout = pingTimeout else { return interval }
    return interval > 0 ? min(timeout, interval) : timeout
  }
}

/// Glues a WebSocket's `WebSocketStateMachine` to the pipeline, after NIO's frame decoder and
/// encoder: frames in go to the machine, what it answers is done — events to the inbox, pongs,
/// closes, aborts — and what the application writes goes out as frames. The rules live in the
/// machine; the handler only executes.
final class WebSocketConnectionHandler: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = WebSocketFrame
  typealias OutboundIn = WebSocketFrame
  typealias OutboundOut = WebSocketFrame

  private var machine: WebSocketStateMachine
  private let options: WebSocketOptions
  let inbox: WebSocketInbox
  let record: WebSocketConnection.Record
  private var context: ChannelHandlerContext?
  private var pendingRead = false
  /// The peer's close or a violation waits for the application: nothing more is read.
  private var ending = false
  /// That end's action, until its turn comes.
  private var pendingEnd: WebSocketStateMachine.Action?
  /// Whether this side could send before that end: then it still may until the end's turn.
  private var pendingAllowsSends = false
  /// A pong being written, and the data of the newest ping waiting for it (Tornado 6.6's
  /// `_send_pong`: a peer that pings without reading gets one pong at a time, not a heap).
  private var pongInFlight = false
  private var pendingPong: [UInt8]?

  private func applyPendingEnd() {
    guard let action = pendingEnd, let context else { return }
    pendingEnd = nil
    run(action, context: context)
  }

  /// Whether the application may send now.
  private var maySend: Bool { machine.canSend || (pendingEnd != nil && pendingAllowsSends) }
  private var closeTimer: Scheduled<Void>?
  private var pingTimer: Scheduled<Void>?
  private var pingTimeoutTimer: Scheduled<Void>?
  private var frameObserver: (@Sendable (WebSocketFrameRecord) -> Void)?

  private let deflater: MessageDeflater?
  private let inflater: MessageInflater?

  init(
    options: WebSocketOptions, inbox: WebSocketInbox, record: WebSocketConnection.Record,
    frameObserver: (@Sendable (WebSocketFrameRecord) -> Void)? = nil
  ) {
    self.options = options
    self.machine = WebSocketStateMachine(maxMessageSize: options.maxMessageSize, deflate: options.deflate != nil)
    if let deflate = options.deflate {
      // Each side compresses with its own parameters and inflates with the other's.
      let (mine, theirs) = deflate.isServer ? ("server", "client") : ("client", "server")
      deflater = MessageDeflater(
        compression: deflate.compression, windowBits: deflate.agreement.windowBits(mine) ?? 15,
        persistent: deflate.agreement.persistent(mine))
      inflater = MessageInflater(
        windowBits: deflate.agreement.windowBits(theirs) ?? 15, persistent: deflate.agreement.persistent(theirs))
    } else {
      deflater = nil
      inflater = nil
    }
    self.inbox = inbox
    self.record = record
    self.frameObserver = frameObserver
  }

  func handlerAdded(context: ChannelHandlerContext) {
    self.context = context
    if let interval = options.pingInterval, interval > 0 { schedulePing(in: interval, context: context) }
  }

  func handlerRemoved(context: ChannelHandlerContext) {
    self.context = nil
    cancelTimers()
  }

  /// Puts NIO's frame codec and a connection handler for `options` into `pipeline` (at
  /// `position`), with an inbox that resumes reading through it: what a server's upgrade and a
  /// client's handshake both do once the 101 is there. The caller then takes HTTP out.
  static func install(
    in pipeline: ChannelPipeline.SynchronousOperations, channel: any Channel, options: WebSocketOptions,
    awaitsHandling: Bool, frameObserver: (@Sendable (WebSocketFrameRecord) -> Void)?,
    position: ChannelPipeline.SynchronousOperations.Position = .last
  ) throws -> WebSocketConnectionHandler {
    let inbox = WebSocketInbox.resumingReads(
      of: channel, byteBudget: options.maxMessageSize, awaitsHandling: awaitsHandling)
    let handler = WebSocketConnectionHandler(
      options: options, inbox: inbox, record: WebSocketConnection.Record(eventLoop: channel.eventLoop),
      frameObserver: frameObserver)
    do {
      let frameLimit = min(max(options.maxMessageSize, 125), Int(UInt32.max))
      // Each goes in at `position` in turn (`.last`, or before one handler): they keep this order.
      try pipeline.addHandler(ByteToMessageHandler(WebSocketFrameDecoder(maxFrameSize: frameLimit)), position: position)
      try pipeline.addHandler(WebSocketFrameEncoder(), position: position)
      try pipeline.addHandler(handler, position: position)
    } catch {
      handler.record.finish(code: nil, reason: nil)  // its close promise must not leak
      throw error
    }
    return handler
  }

  // MARK: Events, passed to the machine

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let frame = unwrapInboundIn(data)
    let value = WebSocketFrameValue(
      fin: frame.fin, reserved: (frame.rsv1 ? 4 : 0) | (frame.rsv2 ? 2 : 0) | (frame.rsv3 ? 1 : 0),
      opcode: UInt8(webSocketOpcode: frame.opcode), payload: Array(frame.unmaskedData.readableBytesView))
    observe(value, outbound: false, masked: frame.maskKey != nil)
    let couldSend = machine.canSend
    inTurn(machine.received(value), couldSend: couldSend, context: context)
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    // Only what the frame decoder refused is the peer's fault; anything else (a reset) ends it.
    guard error is NIOWebSocketError || error is ByteToMessageDecoderError else {
      machine.connectionClosed()
      context.close(promise: nil)
      return
    }
    let tooLong = (error as? NIOWebSocketError) == .invalidFrameLength
    let couldSend = machine.canSend
    inTurn(machine.receivedMalformed(frameTooLong: tooLong, words: "\(error)"), couldSend: couldSend, context: context)
  }

  /// Does what the peer's frame asks. What ends the connection (the peer's close, a violation)
  /// waits until the application has handled the events before it (`WebSocketInbox`): its
  /// answer to the last message still goes out — this side may still send until then, as it
  /// could before the frame — as Tornado's frame loop awaits `on_message` before it reads the
  /// next frame. Frames after it are not read.
  private func inTurn(_ action: WebSocketStateMachine.Action, couldSend: Bool, context: ChannelHandlerContext) {
    guard pendingEnd == nil, !ending else { return }
    switch action {
    case .sendClose, .closeConnection, .abort:
      ending = true
      pendingEnd = action
      pendingAllowsSends = couldSend
      let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
      let loop = context.eventLoop
      inbox.afterDrained { loop.execute { handler.value.applyPendingEnd() } }
    case .none, .deliver, .pong, .inflate:
      run(action, context: context)
    }
  }

  func channelInactive(context: ChannelHandlerContext) {
    if let action = pendingEnd {
      // The connection ended first: a violation still counts (the peer's close code already did).
      pendingEnd = nil
      switch action {
      case .abort(let violation), .sendClose(_, then: .abort(let violation)): record.violation(violation)
      default: break
      }
    }
    machine.connectionClosed()
    cancelTimers()
    record.finish(code: machine.closeCode, reason: machine.closeReason)
    inbox.finish()
    context.fireChannelInactive()
  }

  func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
    if event is ChannelShouldQuiesceEvent {
      // The server is stopping: "going away" (RFC 6455 §7.4.1); Tornado has no such step.
      run(machine.close(code: 1001, reason: "server shutting down"), context: context)
      return
    }
    if let event = event as? ChannelEvent, event == .inputClosed {
      // The peer half-closed without a close frame: Tornado drops the connection.
      machine.connectionClosed()
      context.close(promise: nil)
      return
    }
    context.fireUserInboundEventTriggered(event)
  }

  func read(context: ChannelHandlerContext) {
    // Held while the reader catches up, and once the connection is ending (nothing more counts).
    if inbox.isPaused || ending {
      pendingRead = true
    } else {
      context.read()
    }
  }

  /// The reader caught up: read again if a read was held back.
  func resumeReading() {
    guard pendingRead, let context else { return }
    pendingRead = false
    context.read()
  }

  // MARK: What the application writes (on the event loop)

  func send(_ message: WebSocketMessage) -> EventLoopFuture<Void> {
    guard let context else { return failed() }
    guard maySend else { return context.eventLoop.makeFailedFuture(WebSocketClosedError()) }
    let opcode = message.isBinary ? WebSocketFrameValue.binary : WebSocketFrameValue.text
    if let deflater {
      return write(
        WebSocketFrameValue(reserved: 0b100, opcode: opcode, payload: deflater.compress(message.bytes)),
        context: context)
    }
    return write(WebSocketFrameValue(opcode: opcode, payload: message.bytes), context: context)
  }

  func ping(_ data: [UInt8]) -> EventLoopFuture<Void> {
    guard let context else { return failed() }
    guard maySend else { return context.eventLoop.makeFailedFuture(WebSocketClosedError()) }
    guard data.count <= 125 else {
      return context.eventLoop.makeFailedFuture(WebSocketUsageError("a ping carries at most 125 bytes"))
    }
    return write(WebSocketFrameValue(opcode: WebSocketFrameValue.ping, payload: data), context: context)
  }

  func close(code: Int?, reason: String?) {
    guard let context else { return }
    run(machine.close(code: code, reason: reason), context: context)
  }

  /// Ends the connection at once (Tornado's `_abort`), as when a handler failed.
  func abort() {
    machine.connectionClosed()
    context?.close(promise: nil)
  }

  private func failed() -> EventLoopFuture<Void> {
    record.eventLoop.makeFailedFuture(WebSocketClosedError())
  }

  // MARK: Actions

  private func run(_ action: WebSocketStateMachine.Action, context: ChannelHandlerContext) {
    switch action {
    case .none:
      return
    case .deliver(let event):
      inbox.push(event)
    case .inflate(let opcode, let bytes):
      let (inflated, tooBig) =
        inflater?.decompress(bytes, limit: options.maxMessageSize) ?? (nil, false)
      run(machine.inflated(opcode: opcode, inflated, tooBig: tooBig), context: context)
    case .pong(let data):
      sendPong(data, context: context)
      inbox.push(.ping(data))
    case .sendClose(let payload, let after):
      let written = write(WebSocketFrameValue(opcode: WebSocketFrameValue.close, payload: payload), context: context)
      switch after {
      case .waitForPeer:
        closeTimer = context.eventLoop.assumeIsolated().scheduleTask(in: options.closeWait) { [weak self] in
          guard let self, let context = self.context else { return }
          self.run(self.machine.closeTimerFired(), context: context)
        }
      case .closeConnection:
        closeAfter(written, context: context)
      case .abort(let violation):
        record.violation(violation)
        closeAfter(written, context: context)
      }
    case .closeConnection:
      context.close(promise: nil)
    case .abort(let violation):
      record.violation(violation)
      context.close(promise: nil)
    }
  }

  private func sendPong(_ data: [UInt8], context: ChannelHandlerContext) {
    guard !pongInFlight else {
      pendingPong = data  // the newest ping supersedes one still waiting
      return
    }
    pongInFlight = true
    let written = write(WebSocketFrameValue(opcode: WebSocketFrameValue.pong, payload: data), context: context)
    written.assumeIsolated().whenComplete { [weak self] result in
      guard let self else { return }
      self.pongInFlight = false
      guard case .success = result, let next = self.pendingPong, let context = self.context, self.machine.canSend else {
        self.pendingPong = nil
        return
      }
      self.pendingPong = nil
      self.sendPong(next, context: context)
    }
  }

  private func closeAfter(_ written: EventLoopFuture<Void>, context: ChannelHandlerContext) {
    let channel = context.channel
    written.whenComplete { _ in channel.close(promise: nil) }
  }

  private func write(_ frame: WebSocketFrameValue, context: ChannelHandlerContext) -> EventLoopFuture<Void> {
    observe(frame, outbound: true, masked: options.masksOutgoing)
    let data = context.channel.allocator.buffer(bytes: frame.payload)
    let opcode = WebSocketOpcode(encodedWebSocketOpcode: frame.opcode) ?? .binary
    let out = WebSocketFrame(
      fin: frame.fin, rsv1: frame.reserved & 0b100 != 0, opcode: opcode,
      maskKey: options.masksOutgoing ? .random() : nil, data: data)
    let promise = context.eventLoop.makePromise(of: Void.self)
    context.writeAndFlush(wrapOutboundOut(out), promise: promise)
    return promise.futureResult
  }

  /// Observers get a frame's first `WebSocketFrameRecord.previewLimit` bytes and its length: a
  /// lagging observer never holds whole 10 MiB messages.
  private func observe(_ frame: WebSocketFrameValue, outbound: Bool, masked: Bool) {
    guard let frameObserver else { return }
    var preview = frame
    if preview.payload.count > WebSocketFrameRecord.previewLimit {
      preview.payload = Array(preview.payload.prefix(WebSocketFrameRecord.previewLimit))
    }
    frameObserver(WebSocketFrameRecord(frame: preview, length: frame.payload.count, outbound: outbound, masked: masked))
  }

  // MARK: Pings (Tornado's `periodic_ping`)

  private func schedulePing(in seconds: Double, context: ChannelHandlerContext) {
    pingTimer = context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(Int64(seconds * 1e9))) {
      [weak self] in
      guard let self, let context = self.context, self.machine.canSend else { return }
      self.machine.pingSent()
      _ = self.write(WebSocketFrameValue(opcode: WebSocketFrameValue.ping), context: context)
      let timeout = self.options.effectivePingTimeout
      if timeout > 0 {
        self.pingTimeoutTimer = context.eventLoop.assumeIsolated().scheduleTask(
          in: .nanoseconds(Int64(timeout * 1e9))
        ) { [weak self] in
          guard let self, let context = self.context else { return }
          self.run(self.machine.pingTimeoutFired(), context: context)
        }
      }
      self.schedulePing(in: self.options.pingInterval ?? seconds, context: context)
    }
  }

  private func cancelTimers() {
    closeTimer?.cancel()
    pingTimer?.cancel()
    pingTimeoutTimer?.cancel()
  }
}

/// A frame as it went by, for the playground's log and `squall ws -v`.
public struct WebSocketFrameRecord: Sendable, Equatable {
  /// The frame, its payload cut to `previewLimit` bytes.
  public var frame: WebSocketFrameValue
  /// The payload's whole length.
  public var length: Int
  public static let previewLimit = 64 * 1024
  /// Sent by this side (true) or received.
  public var outbound: Bool
  /// Whether it was masked on the wire (every frame a client sends is).
  public var masked: Bool
}

/// A WebSocket used wrongly (a ping over 125 bytes).
public struct WebSocketUsageError: Error, Sendable, CustomStringConvertible {
  public var description: String
  init(_ description: String) { self.description = description }
}
