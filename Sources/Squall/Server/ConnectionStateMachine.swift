import NIOCore
import NIOHTTP1

/// One HTTP/1.x server connection's life, following Tornado's `HTTP1Connection`: one request
/// at a time, in order (parts of pipelined requests wait while a response is being written,
/// and reading pauses until it ends, as NIO's `HTTPServerPipelineHandler` does), bodies
/// bounded, the keep-alive decision Tornado's, the idle and body timeouts. Pure: no I/O; the
/// clock comes in as arguments; `HTTPConnectionHandler` does what the returned actions say.
struct ConnectionStateMachine {
  enum State: Equatable {
    /// Waiting for a request head.
    case idle
    /// A head arrived; reading its body.
    case readingBody
    /// The request is with the responder; its response is being written.
    case responding
    /// Closed, or closing: nothing more is read or written.
    case closed
  }

  /// The limits that decide refusals.
  struct Limits: Equatable {
    var maxBodySize: Int
    /// The option that set `maxBodySize`, for messages (`maxBufferSize` or `maxBodySize`).
    var maxBodySizeName: String
    var noKeepAlive: Bool
  }

  private(set) var state = State.idle
  /// Body bytes of the current request so far.
  private(set) var bodySize = 0
  /// Whether the connection stays open after the current response.
  private(set) var keepAlive = false
  /// Since when the connection has waited for a request head; nil while a request is in flight.
  private(set) var idleSince: NIODeadline?
  /// Parts and errors that arrived while a response was being written, oldest first.
  private var deferred = CircularBuffer<Deferred>()
  /// Reading stopped because a pipelined request arrived mid-response (the client cannot make
  /// `deferred` grow without bound).
  private(set) var readPaused = false
  /// The channel asked to read while reading was paused: read once it resumes.
  private var readPending = false
  let limits: Limits

  /// A connection accepted at `now` (by its loop's clock): it waits for its first head from then.
  init(limits: Limits, openedAt now: NIODeadline) {
    self.limits = limits
    idleSince = now
  }

  /// Something kept for after the response being written.
  enum Deferred {
    case part(HTTPServerRequestPart)
    case failure(any Error)
  }

  /// What to do with a part (or an error) that arrives now.
  enum Inbound: Equatable {
    case handle
    /// A response is being written: it was kept for later, in order.
    case deferred
    case drop
  }

  /// A part arrived: handle it now, or it was kept and reading pauses, or it is dropped.
  mutating func received(_ part: HTTPServerRequestPart) -> Inbound {
    switch state {
    case .idle, .readingBody: return .handle
    case .closed: return .drop
    case .responding:
      deferred.append(.part(part))
      readPaused = true
      return .deferred
    }
  }

  /// The pipeline reported an error: handle it now, or it was kept for after the response.
  mutating func received(error: any Error) -> Inbound {
    switch state {
    case .idle, .readingBody: return .handle
    case .closed: return .drop
    case .responding:
      deferred.append(.failure(error))
      return .deferred
    }
  }

  /// The channel asks to read: whether to pass the read on (while paused it is remembered).
  mutating func readRequested() -> Bool {
    guard readPaused else { return true }
    readPending = true
    return false
  }

  /// After `responseEnded(at:)` said `.readNext`: the next deferred part or error to handle now,
  /// until a kept request is with the responder again (or the connection closed).
  mutating func nextDeferred() -> Deferred? {
    guard state == .idle || state == .readingBody else { return nil }
    return deferred.popFirst()
  }

  /// The kept parts are handled: whether to read now (reading was paused and a read was asked
  /// for meanwhile). Reading stays paused while a kept request is being answered.
  mutating func resumeReading() -> Bool {
    guard readPaused, state != .responding else { return false }
    readPaused = false
    defer { readPending = false }
    return readPending
  }

  enum HeadAction: Equatable {
    case ignore
    /// Answer `400` and close (Tornado's bare `400 Bad Request`).
    case refuse(HTTPRefusal.Cause, String)
    /// Read the body; send `100 Continue` first when asked.
    case readBody(sendContinue: Bool)
  }

  mutating func receivedHead(_ head: HTTPRequestHead) -> HeadAction {
    guard state == .idle else { return .ignore }
    if let (cause, message) = RequestHeadRules.problem(
      version: (head.version.major, head.version.minor), headers: head.headers)
    {
      state = .closed
      return .refuse(cause, message)
    }
    if let length = head.headers.first(name: "Content-Length").flatMap(Int.init), length > limits.maxBodySize {
      state = .closed
      return .refuse(
        .contentLengthTooLong,
        "Content-Length \(length) is over \(limits.maxBodySizeName) (\(limits.maxBodySize) bytes)")
    }
    bodySize = 0
    keepAlive = ResponseFraming.canKeepAlive(head, noKeepAlive: limits.noKeepAlive)
    state = .readingBody
    idleSince = nil
    let expects =
      head.version == .http1_1 && head.headers["Expect"].contains { $0.lowercased() == "100-continue" }
    return .readBody(sendContinue: expects)
  }

  enum BodyAction: Equatable {
    case ignore
    case append
    case refuse(HTTPRefusal.Cause, String)
  }

  mutating func receivedBody(count: Int) -> BodyAction {
    guard state == .readingBody else { return .ignore }
    bodySize += count
    guard bodySize <= limits.maxBodySize else {
      state = .closed
      return .refuse(.bodyTooLong, "body larger than \(limits.maxBodySizeName) (\(limits.maxBodySize) bytes)")
    }
    return .append
  }

  enum EndAction: Equatable {
    case ignore
    /// The request is complete: it goes to the responder now.
    case respond
  }

  mutating func receivedEnd() -> EndAction {
    guard state == .readingBody else { return .ignore }
    state = .responding
    return .respond
  }

  /// Frames a response head about to be written to `request`.
  mutating func frame(_ head: inout HTTPResponseHead, for request: HTTPRequestHead) {
    keepAlive = ResponseFraming.frame(&head, for: request, keepAlive: keepAlive)
  }

  enum AfterResponse: Equatable {
    case close
    /// Take the next request: the deferred parts first, then read again.
    case readNext
  }

  /// The response ended at `now`: close, or wait for the next head from then.
  mutating func responseEnded(at now: NIODeadline) -> AfterResponse {
    guard state == .responding else { return .close }
    state = keepAlive ? .idle : .closed
    guard keepAlive else { return .close }
    idleSince = now
    return .readNext
  }

  enum InputClosedAction: Equatable {
    /// Nothing in flight: close now.
    case close
    /// Answer what is in flight, then close.
    case finishThenClose
    case ignore
  }

  /// The client half-closed its side.
  mutating func receivedInputClosed() -> InputClosedAction {
    switch state {
    case .idle:
      state = .closed
      return .close
    case .readingBody, .responding:
      keepAlive = false
      return .finishThenClose
    case .closed:
      return .ignore
    }
  }

  enum TimerAction: Equatable {
    case ignore
    /// Refuse (the timeout's cause) and close.
    case close
    /// The idle timer is armed once per connection and looks again when it fires early (as
    /// NIO's `IdleStateHandler`), so a request costs two stores, not a timer rescheduled.
    case checkAgain(in: TimeAmount)
  }

  /// `idleConnectionTimeout`'s timer fired at `now`: close only after `limit` without a
  /// request head, never while a request is read or answered.
  mutating func idleTimerFired(at now: NIODeadline, limit: TimeAmount) -> TimerAction {
    guard state != .closed else { return .ignore }
    guard let since = idleSince else { return .checkAgain(in: limit) }  // busy: a full period later
    let waited = now - since
    if waited + .microseconds(500) < limit { return .checkAgain(in: limit - waited) }
    guard state == .idle else { return .ignore }
    state = .closed
    return .close
  }

  /// `bodyTimeout`'s timer fired: close if the body is still arriving.
  mutating func bodyTimerFired() -> TimerAction {
    guard state == .readingBody else { return .ignore }
    state = .closed
    return .close
  }

  /// The connection failed or closed.
  mutating func closed() { state = .closed }
}
