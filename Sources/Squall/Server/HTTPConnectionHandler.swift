import Foundation
import NIOCore
import NIOHTTP1

/// One HTTP/1.x server connection, following Tornado's `HTTP1Connection` rules: requests are
/// answered one at a time and in order (pipelined requests wait, and reading pauses meanwhile),
/// bodies are bounded by `maxBodySize`, and the keep-alive decision is Tornado's.
final class HTTPConnectionHandler: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias OutboundIn = HTTPServerResponsePart
  typealias OutboundOut = HTTPServerResponsePart

  private enum State {
    case idle
    case readingBody
    case responding
    case closed
  }

  private enum Queued {
    case part(HTTPServerRequestPart)
    case failure(any Error)
  }

  /// The request being read or answered.
  private struct InFlight {
    var head: HTTPRequestHead
    var body: ByteBuffer
    var bodySize = 0
    var start: ContinuousClock.Instant
    var keepAlive: Bool
    var response: HTTPResponseHead?
    var responsePreview = ByteBuffer()
    var responseSize = 0
  }

  private let connectionID: UInt64
  private let remote: String
  private let application: Application
  private let options: HTTPServer.Options
  private let hub: ServerEventHub
  private let stats: ServerStats
  private let raw: RawIOHandler

  private var state = State.idle
  private var exchange: InFlight?
  private var queue = CircularBuffer<Queued>()
  private var readPaused = false
  private var readRequested = false
  private var idleTimer: Scheduled<Void>?
  private var bodyTimer: Scheduled<Void>?

  init(
    connectionID: UInt64, remote: String, application: Application, options: HTTPServer.Options,
    hub: ServerEventHub, stats: ServerStats, raw: RawIOHandler
  ) {
    self.connectionID = connectionID
    self.remote = remote
    self.application = application
    self.options = options
    self.hub = hub
    self.stats = stats
    self.raw = raw
  }

  // MARK: Connection lifecycle

  func channelActive(context: ChannelHandlerContext) {
    stats.connectionOpened()
    hub.emit(.connectionOpened, .connectionOpened(connectionID: connectionID, remote: remote))
    scheduleIdleTimer(context: context)
    context.fireChannelActive()
  }

  func channelInactive(context: ChannelHandlerContext) {
    state = .closed
    idleTimer?.cancel()
    bodyTimer?.cancel()
    stats.connectionClosed()
    hub.emit(.connectionClosed, .connectionClosed(connectionID: connectionID))
    context.fireChannelInactive()
  }

  func read(context: ChannelHandlerContext) {
    if readPaused {
      readRequested = true
    } else {
      context.read()
    }
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    switch state {
    case .responding:
      queue.append(.failure(error))
    case .closed:
      return
    case .idle, .readingBody:
      fail(context: context, error: error)
    }
  }

  func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
    if let event = event as? ChannelEvent, event == .inputClosed {
      // The client half-closed: answer what is in flight, then close.
      if state == .idle {
        context.close(promise: nil)
      } else {
        exchange?.keepAlive = false
      }
    }
    context.fireUserInboundEventTriggered(event)
  }

  // MARK: Reading requests

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let part = unwrapInboundIn(data)
    switch state {
    case .responding: queue.append(.part(part))
    case .closed: return
    case .idle, .readingBody: handle(part, context: context)
    }
  }

  private func handle(_ part: HTTPServerRequestPart, context: ChannelHandlerContext) {
    switch part {
    case .head(let head):
      guard state == .idle else { return }
      idleTimer?.cancel()
      hub.emit(.requestHead, .requestHead(connectionID: connectionID, head))
      if let (cause, message) = RequestHeadRules.problem(
        version: (head.version.major, head.version.minor), headers: head.headers)
      {
        reject(context: context, cause, message, head: head)
        return
      }
      if let length = head.headers.first(name: "Content-Length").flatMap(Int.init),
        length > options.effectiveMaxBodySize
      {
        reject(
          context: context, .contentLengthTooLong,
          "Content-Length \(length) is over \(options.maxBodySizeName) (\(options.effectiveMaxBodySize) bytes)",
          head: head)
        return
      }
      exchange = InFlight(
        head: head, body: context.channel.allocator.buffer(capacity: 0), start: .now,
        keepAlive: canKeepAlive(head))
      state = .readingBody
      if let timeout = options.bodyTimeout {
        bodyTimer = context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(timeout)) { [weak self] in
          self?.timeout(
            context: context, .bodyTimeout, "the body did not arrive within bodyTimeout (\(Self.seconds(timeout)))")
        }
      }
      if head.version == .http1_1,
        head.headers["Expect"].contains(where: { $0.lowercased() == "100-continue" })
      {
        let interim = HTTPResponseHead(version: .http1_1, status: .continue)
        context.writeAndFlush(wrapOutboundOut(.head(interim)), promise: nil)
      }
    case .body(var buffer):
      guard state == .readingBody, exchange != nil else { return }
      exchange!.bodySize += buffer.readableBytes
      if exchange!.bodySize > options.effectiveMaxBodySize {
        reject(
          context: context, .bodyTooLong,
          "body larger than \(options.maxBodySizeName) (\(options.effectiveMaxBodySize) bytes)",
          head: exchange!.head)
        return
      }
      hub.emit(.requestBody, .requestBody(connectionID: connectionID, buffer))
      exchange!.body.writeBuffer(&buffer)
    case .end:
      guard state == .readingBody, let exchange else { return }
      bodyTimer?.cancel()
      state = .responding
      readPaused = true
      dispatch(exchange, context: context)
    }
  }

  /// Tornado's `_can_keep_alive`.
  private func canKeepAlive(_ head: HTTPRequestHead) -> Bool {
    if options.noKeepAlive { return false }
    let connection = head.headers.first(name: "Connection")?.lowercased() ?? ""
    if head.version.major == 1 && head.version.minor >= 1 {
      return connection != "close"
    }
    if head.headers.contains(name: "Content-Length")
      || head.headers.first(name: "Transfer-Encoding")?.lowercased() == "chunked"
      || head.method == .GET || head.method == .HEAD
    {
      return connection == "keep-alive"
    }
    return false
  }

  private func dispatch(_ exchange: InFlight, context: ChannelHandlerContext) {
    var headers = exchange.head.headers
    var remoteIP = remote
    var scheme = "http"
    if options.xheaders {
      if let forwarded = headers.first(name: "X-Real-Ip")
        ?? headers.first(name: "X-Forwarded-For")?.split(separator: ",").last.map({ $0.trimmingSpaces() }),
        !forwarded.isEmpty
      {
        remoteIP = forwarded
      }
      if let proto = headers.first(name: "X-Scheme") ?? headers.first(name: "X-Forwarded-Proto"),
        ["http", "https"].contains(proto.lowercased())
      {
        scheme = proto.lowercased()
      }
    }
    if options.decompressRequest { headers.remove(name: "Content-Encoding") }
    let version = exchange.head.version.minor == 0 ? "HTTP/1.0" : "HTTP/1.1"
    let request = HTTPServerRequest(
      method: exchange.head.method.rawValue, uri: exchange.head.uri, version: version,
      headers: headers, body: Array(exchange.body.readableBytesView), remoteIP: remoteIP,
      protocol: scheme, startTime: exchange.start)
    let responder = ConnectionResponder(handler: self, context: context)
    let application = self.application
    Task { await application.execute(request, connection: responder) }
  }

  // MARK: Writing responses

  /// Writes part of the response; called on the event loop by `ConnectionResponder`.
  func respond(
    context: ChannelHandlerContext, head: HTTPResponseHead?, body: ByteBuffer, end: Bool
  ) -> EventLoopFuture<Void> {
    guard state == .responding, var current = exchange, context.channel.isActive else {
      return context.eventLoop.makeFailedFuture(StreamClosedError())
    }
    let isHeadRequest = current.head.method == .HEAD
    if var head {
      frame(&head, for: &current)
      current.response = head
      context.write(wrapOutboundOut(.head(head)), promise: nil)
      hub.emit(.responseHead, .responseHead(connectionID: connectionID, head))
    }
    let status = current.response?.status.code ?? 200
    let promise = context.eventLoop.makePromise(of: Void.self)
    if body.readableBytes > 0 && !isHeadRequest && status != 204 && status != 304 {
      current.responseSize += body.readableBytes
      hub.emit(.responseBody, .responseBody(connectionID: connectionID, body))
      if hub.wants(.exchangeCompleted) {
        var slice = body.getSlice(
          at: body.readerIndex,
          length: min(body.readableBytes, bodyPreviewLimit - current.responsePreview.readableBytes))!
        current.responsePreview.writeBuffer(&slice)
      }
      context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: end ? nil : promise)
    } else if !end {
      promise.succeed()
    }
    exchange = current
    if end {
      context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: promise)
      completeExchange(context: context)
    } else {
      context.flush()
    }
    return promise.futureResult
  }

  /// Tornado's framing and connection headers for a response.
  private func frame(_ head: inout HTTPResponseHead, for exchange: inout InFlight) {
    let request = exchange.head
    let isHTTP11 = request.version.major == 1 && request.version.minor >= 1
    let code = head.status.code
    let bodiless = request.method == .HEAD || code == 204 || code == 304 || (100..<200).contains(Int(code))
    let hasLength = head.headers.contains(name: "Content-Length")
    let chunking = isHTTP11 && !bodiless && !hasLength && !head.headers.contains(name: "Transfer-Encoding")
    if chunking {
      head.headers.add(name: "Transfer-Encoding", value: "chunked")
    } else if !bodiless && !hasLength && !head.headers.contains(name: "Transfer-Encoding") {
      exchange.keepAlive = false  // the body ends when the connection closes
    }
    if isHTTP11 && !exchange.keepAlive {
      head.headers.replaceOrAdd(name: "Connection", value: "close")
    } else if !isHTTP11 && exchange.keepAlive {
      head.headers.replaceOrAdd(name: "Connection", value: "Keep-Alive")
    }
    head.version = .http1_1
  }

  private func completeExchange(context: ChannelHandlerContext) {
    guard let finished = exchange else { return }
    exchange = nil
    let status = Int(finished.response?.status.code ?? 200)
    stats.responded(status: status)
    if hub.wants(.exchangeCompleted) {
      let elapsed = ContinuousClock.now - finished.start
      var preview = finished.body
      preview.moveWriterIndex(to: preview.readerIndex + min(preview.readableBytes, bodyPreviewLimit))
      hub.emit(
        .exchangeCompleted,
        .exchangeCompleted(
          HTTPExchange(
            connectionID: connectionID, remote: remote, request: finished.head,
            requestBody: preview, requestBodySize: finished.bodySize,
            response: finished.response ?? HTTPResponseHead(version: .http1_1, status: .ok),
            responseBody: finished.responsePreview, responseBodySize: finished.responseSize,
            duration: elapsed.seconds, rawRequest: raw.claimRawRequest(),
            startedAt: Date().addingTimeInterval(-elapsed.seconds))))
    }
    guard finished.keepAlive else {
      state = .closed
      context.close(promise: nil)
      return
    }
    state = .idle
    scheduleIdleTimer(context: context)
    while state != .responding && state != .closed, let next = queue.popFirst() {
      switch next {
      case .part(let part): handle(part, context: context)
      case .failure(let error): fail(context: context, error: error)
      }
    }
    if state != .responding {
      readPaused = false
      if readRequested {
        readRequested = false
        context.read()
      }
    }
  }

  /// Closes a connection whose handler gave up mid-response.
  func abort(context: ChannelHandlerContext) {
    state = .closed
    context.close(promise: nil)
  }

  // MARK: Errors and timeouts

  private func fail(context: ChannelHandlerContext, error: any Error) {
    if let parserError = error as? HTTPParserError, parserError == .headerOverflow {
      // Tornado closes without a response when the head exceeds max_header_size.
      refuse(
        .headTooLarge, "request line and headers larger than maxHeaderSize (\(options.maxHeaderSize) bytes)",
        status: nil, head: nil)
      state = .closed
      context.close(promise: nil)
      return
    }
    let what = (error as? HTTPParserError).map(Self.describe) ?? "\(error)"
    reject(context: context, .malformedRequest, "malformed request: \(what)", head: nil)
  }

  /// Tornado's answer to bad input: a bare `400 Bad Request`, then close.
  private func reject(
    context: ChannelHandlerContext, _ cause: HTTPRefusal.Cause, _ message: String, head: HTTPRequestHead?
  ) {
    refuse(cause, message, status: 400, head: head)
    state = .closed
    idleTimer?.cancel()
    bodyTimer?.cancel()
    raw.writeRawAndClose("HTTP/1.1 400 Bad Request\r\n\r\n")
  }

  private func timeout(context: ChannelHandlerContext, _ cause: HTTPRefusal.Cause, _ message: String) {
    guard state != .responding && state != .closed else { return }
    refuse(cause, message, status: nil, head: exchange?.head)
    state = .closed
    context.close(promise: nil)
  }

  /// Counts a refusal and, when someone observes, publishes it with the bytes read so far.
  private func refuse(_ cause: HTTPRefusal.Cause, _ message: String, status: Int?, head: HTTPRequestHead?) {
    stats.didRefuse()
    guard hub.wants(.requestRefused) else { return }
    let now = Date()
    let startedAt =
      raw.unclaimedSince ?? exchange.map { now.addingTimeInterval(-(ContinuousClock.now - $0.start).seconds) } ?? now
    hub.emit(
      .requestRefused,
      .requestRefused(
        HTTPRefusal(
          connectionID: connectionID, remote: remote, cause: cause, status: status, message: message,
          request: head, bodyBytesReceived: exchange?.bodySize ?? 0, rawRequest: raw.claimRawRequest(),
          startedAt: startedAt, duration: max(0, now.timeIntervalSince(startedAt)))))
  }

  /// NIOHTTP1's parser errors in words a learner can act on.
  static func describe(_ error: HTTPParserError) -> String {
    switch error {
    case .invalidMethod: "the method is not a valid token"
    case .invalidURL: "the request target is not valid"
    case .invalidVersion: "the HTTP version is not HTTP/1.0 or HTTP/1.1"
    case .invalidHeaderToken: "a header name or value holds a character HTTP does not allow"
    case .invalidContentLength: "Content-Length is not a single non-negative number"
    case .unexpectedContentLength: "Content-Length together with Transfer-Encoding"
    case .invalidChunkSize: "a chunk size is not a hexadecimal number"
    case .lfExpected, .invalidConstant, .strictModeAssertion: "the request's syntax is not HTTP/1.x"
    case .closedConnection, .invalidEOFState: "the connection closed in the middle of the request"
    default: "\(error)"
    }
  }

  static func seconds(_ value: Double) -> String {
    value == value.rounded() ? "\(Int(value))s" : "\(value)s"
  }

  private func scheduleIdleTimer(context: ChannelHandlerContext) {
    idleTimer?.cancel()
    guard let seconds = options.idleConnectionTimeout else { return }
    idleTimer = context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(seconds)) { [weak self] in
      self?.timeout(
        context: context, .idleTimeout,
        "no complete request within idleConnectionTimeout (\(Self.seconds(seconds))): connection closed")
    }
  }
}

extension TimeAmount {
  static func seconds(_ value: Double) -> TimeAmount { .nanoseconds(Int64(value * 1e9)) }
}

extension Duration {
  var seconds: Double {
    Double(components.seconds) + Double(components.attoseconds) / 1e18
  }
}

/// The `HTTPResponseWriter` a handler writes through: hops to the connection's event loop.
final class ConnectionResponder: HTTPResponseWriter {
  private let handler: NIOLoopBound<HTTPConnectionHandler>
  private let context: NIOLoopBound<ChannelHandlerContext>
  private let eventLoop: any EventLoop

  init(handler: HTTPConnectionHandler, context: ChannelHandlerContext) {
    self.eventLoop = context.eventLoop
    self.handler = NIOLoopBound(handler, eventLoop: context.eventLoop)
    self.context = NIOLoopBound(context, eventLoop: context.eventLoop)
  }

  func writeHeaders(_ head: HTTPResponseHead, body: ByteBuffer, finish: Bool) async throws {
    try await eventLoop.flatSubmit { [handler, context] in
      handler.value.respond(context: context.value, head: head, body: body, end: finish)
    }.get()
  }

  func write(_ body: ByteBuffer) async throws {
    try await eventLoop.flatSubmit { [handler, context] in
      handler.value.respond(context: context.value, head: nil, body: body, end: false)
    }.get()
  }

  func finish(head: HTTPResponseHead, body: ByteBuffer) {
    eventLoop.execute { [handler, context] in
      _ = handler.value.respond(context: context.value, head: head, body: body, end: true)
    }
  }

  func finish(_ body: ByteBuffer) {
    eventLoop.execute { [handler, context] in
      _ = handler.value.respond(context: context.value, head: nil, body: body, end: true)
    }
  }

  func abort() {
    eventLoop.execute { [handler, context] in handler.value.abort(context: context.value) }
  }
}
