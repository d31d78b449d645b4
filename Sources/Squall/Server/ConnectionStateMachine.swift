import NIOCore
import NIOHTTP1

/// One HTTP/1.x server connection's life, following Tornado's `HTTP1Connection`: one request
/// at a time, in order, bodies bounded, the keep-alive decision Tornado's, the idle and body
/// timeouts. Every event goes in as a call and comes back as one `Action`, which
/// `HTTPConnectionHandler` executes and nothing more (the shape of async-http-client's
/// `HTTP1ConnectionStateMachine`). Pure: no I/O; the clock comes in as arguments.
///
/// Pipelining is NIO's `HTTPServerPipelineHandler`'s: parts of a request that arrive while a
/// response is written wait in the `Backlog`, reading pauses, and once the response ends
/// `nextKept()` hands them back one by one before reading resumes.
struct ConnectionStateMachine {
  /// The request being read or answered, and what its response decided so far.
  struct Request: Equatable {
    var head: HTTPRequestHead
    /// Numbers the connection's requests, so a writer of an earlier request can never write
    /// into a later one.
    var number: Int
    /// Body bytes so far.
    var bodySize = 0
    /// Whether the connection stays open after this response.
    var keepAlive: Bool
    /// The response's status once its head went out; nil before.
    var status: UInt?
  }

  enum State: Equatable {
    /// Waiting for a request head, since then (by the loop's clock).
    case idle(since: NIODeadline)
    /// A head arrived; reading its body.
    case readingBody(Request)
    /// The request is with the responder; its response is being written.
    case responding(Request)
    /// The response's connection was handed over (Tornado's `detach()`): HTTP reads and
    /// writes nothing more on it.
    case detached(Request)
    /// Closed, or closing: nothing more is read or written.
    case closed
  }

  /// What the handler does next.
  enum Action: Equatable {
    /// Nothing now.
    case wait
    /// Pass the channel's read on.
    case read
    /// Arm the idle timer to fire after this long. It is armed once per connection and looks
    /// again when it fires early (as NIO's `IdleStateHandler`), so a request costs two stores,
    /// not a timer rescheduled.
    case armIdleTimer(TimeAmount)
    /// A head was accepted: tell observers, start gathering its body, arm `bodyTimeout`, send
    /// `100 Continue` first when asked.
    case readBody(HTTPRequestHead, declaredLength: Int?, sendContinue: Bool)
    /// Body bytes of the request being read: gather them.
    case appendBody(ByteBuffer)
    /// The request is complete: it goes to the responder now.
    case respond(Request)
    /// Write these parts of the response. When it ends: publish the exchange, then close if
    /// the connection does not stay, else take `nextKept()` until it says `.wait`.
    case write(Write)
    /// A write or a hand-over came for a response that is over, or the connection is gone:
    /// fail it.
    case failWrite
    /// Hand the connection over for this request.
    case detach(Request)
    /// Write this `101 Switching Protocols` and hand the connection to a WebSocket.
    case upgrade(Request)
    case refuse(Refusal)
    case close
  }

  private(set) var state: State
  private(set) var backlog = Backlog()
  /// How many requests the connection has read.
  private var requests = 0
  let limits: Limits

  /// A connection accepted at `now` (by its loop's clock): it waits for its first head from then.
  init(limits: Limits, openedAt now: NIODeadline) {
    self.limits = limits
    state = .idle(since: now)
  }

  /// Whether reading is paused until kept parts are handled.
  var readPaused: Bool { backlog.paused }

  // MARK: Events

  /// The connection became active at `now`: it waits for a head from then.
  mutating func activated(at now: NIODeadline) -> Action {
    state = .idle(since: now)
    return limits.idleConnectionTimeout.map { .armIdleTimer(.seconds($0)) } ?? .wait
  }

  /// A part arrived: it is handled now, kept while a response is written (reading pauses), or
  /// dropped once the connection is closing.
  mutating func received(_ part: HTTPServerRequestPart) -> Action {
    switch state {
    case .closed, .detached:
      return .wait
    case .responding:
      backlog.kept.append(.part(part))
      backlog.paused = true
      return .wait
    case .idle:
      guard case .head(let head) = part else { return .wait }
      return accept(head)
    case .readingBody(var request):
      switch part {
      case .head:
        return .wait
      case .body(let buffer):
        request.bodySize += buffer.readableBytes
        guard request.bodySize <= limits.maxBodySize else {
          state = .closed
          return .refuse(
            Refusal(
              cause: .bodyTooLong,
              words: .said("body larger than \(limits.maxBodySizeName) (\(limits.maxBodySize) bytes)"), status: 400,
              head: request.head, bodyBytesReceived: request.bodySize))
        }
        state = .readingBody(request)
        return .appendBody(buffer)
      case .end:
        state = .responding(request)
        return .respond(request)
      }
    }
  }

  private mutating func accept(_ head: HTTPRequestHead) -> Action {
    if let (cause, message) = RequestHeadRules.problem(
      version: (head.version.major, head.version.minor), headers: head.headers)
    {
      state = .closed
      return .refuse(Refusal(cause: cause, words: .said(message), status: 400, head: head, headIsNew: true))
    }
    let declared = head.headers.first(name: "Content-Length").flatMap(Int.init)
    if let length = declared, length > limits.maxBodySize {
      state = .closed
      return .refuse(
        Refusal(
          cause: .contentLengthTooLong,
          words: .said(
            "Content-Length \(length) is over \(limits.maxBodySizeName) (\(limits.maxBodySize) bytes)"),
          status: 400, head: head, headIsNew: true))
    }
    requests &+= 1
    state = .readingBody(
      Request(
        head: head, number: requests,
        keepAlive: ResponseFraming.canKeepAlive(head, noKeepAlive: limits.noKeepAlive)))
    let expects =
      head.version == .http1_1 && head.headers["Expect"].contains { $0.lowercased() == "100-continue" }
    return .readBody(head, declaredLength: declared, sendContinue: expects)
  }

  /// The pipeline reported an error: refused now, or kept for after the response.
  mutating func received(error: any Error) -> Action {
    received(Failure(error))
  }

  private mutating func received(_ failure: Failure) -> Action {
    if case .connectionLost = failure {
      // Not a refusal: no 400 for bytes that were fine, and no peer to send it to.
      switch state {
      case .closed, .detached: return .wait
      case .idle, .readingBody, .responding:
        state = .closed
        return .close
      }
    }
    switch state {
    case .closed, .detached:
      return .wait
    case .responding:
      backlog.kept.append(.failure(failure))
      return .wait
    case .idle:
      state = .closed
      return Self.refusal(failure, bodySize: 0, limits: limits)
    case .readingBody(let request):
      state = .closed
      return Self.refusal(failure, bodySize: request.bodySize, limits: limits)
    }
  }

  /// Tornado's answer to an error of the parser. Pure.
  private static func refusal(_ failure: Failure, bodySize: Int, limits: Limits) -> Action {
    if failure == .parser(.headerOverflow) {
      // Tornado closes without a response when the head exceeds max_header_size.
      return .refuse(
        Refusal(
          cause: .headTooLarge,
          words: .said("request line and headers larger than maxHeaderSize (\(limits.maxHeaderSize) bytes)"),
          status: nil, bodyBytesReceived: bodySize))
    }
    return .refuse(
      Refusal(cause: .malformedRequest, words: .malformed(failure), status: 400, bodyBytesReceived: bodySize))
  }

  /// The channel asks to read: passed on, or remembered while reading is paused.
  mutating func readRequested() -> Action {
    // Handed over (detach, a WebSocket): the connection reads for its new owner, whatever HTTP kept.
    if case .detached = state { return .read }
    guard backlog.paused else { return .read }
    backlog.readPending = true
    return .wait
  }

  /// After a response ended and the connection stays: the next kept part or error, handled
  /// as if it arrived now; once none is left, the read asked for while paused. Called until
  /// it says `.wait` (it does as soon as a kept request is with the responder again).
  mutating func nextKept() -> Action {
    switch state {
    case .responding, .detached, .closed:
      return .wait
    case .idle, .readingBody:
      while let kept = backlog.kept.popFirst() {
        let action =
          switch kept {
          case .part(let part): received(part)
          case .failure(let failure): received(failure)
          }
        if action != .wait { return action }
      }
      guard backlog.paused else { return .wait }
      backlog.paused = false
      defer { backlog.readPending = false }
      return backlog.readPending ? .read : .wait
    }
  }

  /// The server is shutting down (`HTTPServer.shutdown`, NIO's `ChannelShouldQuiesceEvent`): as
  /// when the client half-closes, an idle connection closes now and one with a request in
  /// flight answers it (with `Connection: close` when its head has not gone yet) and closes then.
  mutating func quiesce() -> Action { receivedInputClosed() }

  /// The client half-closed its side: close now when nothing is in flight, else answer what
  /// is and close then.
  mutating func receivedInputClosed() -> Action {
    switch state {
    case .idle:
      state = .closed
      return .close
    case .readingBody(var request):
      request.keepAlive = false
      state = .readingBody(request)
      return .wait
    case .responding(var request):
      request.keepAlive = false
      state = .responding(request)
      return .wait
    case .detached, .closed:
      return .wait
    }
  }

  /// The responder of request `number` writes: `head` (unframed) if the response starts now,
  /// `body`, and whether this ends it. Ending on a connection that stays makes it wait for a
  /// head from `now`, read only then.
  mutating func write(
    request number: Int, head: HTTPResponseHead?, body: ByteBuffer, end: Bool, active: Bool,
    now: @autoclosure () -> NIODeadline
  ) -> Action {
    guard active, case .responding(var request) = state, request.number == number else { return .failWrite }
    var framed = head
    if framed != nil {
      request.keepAlive = ResponseFraming.frame(&framed!, for: request.head, keepAlive: request.keepAlive)
      request.status = framed!.status.code
    }
    let carried =
      body.readableBytes > 0 && ResponseFraming.carriesBody(method: request.head.method, status: request.status ?? 200)
      ? body : nil
    guard end else {
      if framed != nil { state = .responding(request) }
      return .write(Write(head: framed, body: carried))
    }
    state = request.keepAlive ? .idle(since: now()) : .closed
    return .write(Write(head: framed, body: carried, ended: request))
  }

  /// The responder of request `number` wants the connection (Tornado's `detach()`): only
  /// before anything of its response was written.
  mutating func detach(request number: Int, active: Bool) -> Action {
    guard active, case .responding(let request) = state, request.number == number, request.status == nil else {
      return .failWrite
    }
    state = .detached(request)
    return .detach(request)
  }

  /// The responder of request `number` answers `101 Switching Protocols` and hands the
  /// connection to a WebSocket: as `detach`, only before anything of its response was written.
  /// HTTP then reads and writes nothing more on it.
  mutating func upgrade(request number: Int, active: Bool) -> Action {
    guard active, case .responding(var request) = state, request.number == number, request.status == nil else {
      return .failWrite
    }
    request.status = 101
    state = .detached(request)
    return .upgrade(request)
  }

  /// The responder of request `number` returned. A response it never ended gets a bare `500`
  /// when nothing was sent, else the connection closes (the body's end cannot be told any
  /// more); a detached stream ends with its handler.
  mutating func responderReturned(
    request number: Int, active: @autoclosure () -> Bool, now: @autoclosure () -> NIODeadline
  )
    -> Action
  {
    switch state {
    case .detached(let request) where request.number == number:
      state = .closed
      return .close
    case .responding(let request) where request.number == number:
      guard request.status == nil else {
        state = .closed
        return .close
      }
      var response = HTTPResponseHead(version: .http1_1, status: .internalServerError)
      response.headers.add(name: "Content-Length", value: "0")
      return write(request: number, head: response, body: ByteBuffer(), end: true, active: active(), now: now())
    case .idle, .readingBody, .responding, .detached, .closed:
      return .wait
    }
  }

  /// The responder of request `number` gave up mid-response: the connection closes.
  mutating func abort(request number: Int) -> Action {
    switch state {
    case .responding(let request) where request.number == number, .detached(let request) where request.number == number:
      state = .closed
      return .close
    case .idle, .readingBody, .responding, .detached, .closed:
      return .wait
    }
  }

  /// Whether request `number`'s response is being written now.
  func answers(request number: Int) -> Bool {
    if case .responding(let request) = state { request.number == number } else { false }
  }

  /// `idleConnectionTimeout`'s timer fired at `now`: close only after a whole period without a
  /// request head, never while a request is read or answered.
  mutating func idleTimerFired(at now: NIODeadline) -> Action {
    guard let seconds = limits.idleConnectionTimeout else { return .wait }
    let limit = TimeAmount.seconds(seconds)
    switch state {
    case .detached, .closed:
      return .wait
    case .readingBody, .responding:
      return .armIdleTimer(limit)  // busy: a whole period later
    case .idle(let since):
      let waited = now - since
      if waited + .microseconds(500) < limit { return .armIdleTimer(limit - waited) }
      state = .closed
      return .refuse(
        Refusal(
          cause: .idleTimeout,
          words: .said(
            "no complete request within idleConnectionTimeout (\(Self.seconds(seconds))): connection closed"),
          status: nil))
    }
  }

  /// `bodyTimeout`'s timer fired: close if the body is still arriving.
  mutating func bodyTimerFired() -> Action {
    guard case .readingBody(let request) = state, let seconds = limits.bodyTimeout else { return .wait }
    state = .closed
    return .refuse(
      Refusal(
        cause: .bodyTimeout, words: .said("the body did not arrive within bodyTimeout (\(Self.seconds(seconds)))"),
        status: nil, head: request.head, bodyBytesReceived: request.bodySize))
  }

  /// The connection failed or closed.
  mutating func closed() { state = .closed }

  /// `5s`, `0.5s`: a timeout as the options say it. Pure.
  static func seconds(_ value: Double) -> String {
    value == value.rounded() ? "\(Int(value))s" : "\(value)s"
  }
}
