import NIOHTTP1

/// One HTTP/1.x server connection's life, following Tornado's `HTTP1Connection`: one request
/// at a time, in order (parts of pipelined requests wait while a response is being written),
/// bodies bounded, the keep-alive decision Tornado's. Pure: no I/O; `HTTPConnectionHandler`
/// does what the returned actions say.
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
  let limits: Limits

  init(limits: Limits) { self.limits = limits }

  /// What to do with a part (or an error) that arrives now.
  enum Inbound: Equatable {
    case handle
    /// A response is being written: keep it for later, in order.
    case queue
    case drop
  }

  var inbound: Inbound {
    switch state {
    case .idle, .readingBody: .handle
    case .responding: .queue
    case .closed: .drop
    }
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

  /// Whether the request is complete and goes to the responder now.
  mutating func receivedEnd() -> Bool {
    guard state == .readingBody else { return false }
    state = .responding
    return true
  }

  /// Frames a response head about to be written to `request`.
  mutating func frame(_ head: inout HTTPResponseHead, for request: HTTPRequestHead) {
    keepAlive = ResponseFraming.frame(&head, for: request, keepAlive: keepAlive)
  }

  enum AfterResponse: Equatable {
    case close
    /// Take the next request: the queued parts first, then read again.
    case readNext
  }

  mutating func responseEnded() -> AfterResponse {
    guard state == .responding else { return .close }
    state = keepAlive ? .idle : .closed
    return keepAlive ? .readNext : .close
  }

  /// The client half-closed its side: whether to close now (nothing in flight); otherwise
  /// what is in flight is answered, then the connection closes.
  mutating func receivedInputClosed() -> Bool {
    switch state {
    case .idle:
      state = .closed
      return true
    case .readingBody, .responding:
      keepAlive = false
      return false
    case .closed:
      return false
    }
  }

  enum Timer: Equatable {
    /// `idleConnectionTimeout`: no complete request head in time.
    case idle
    /// `bodyTimeout`: the body did not arrive in time.
    case body
  }

  /// A timer fired: whether to refuse and close. The idle timer applies only while waiting for
  /// a head, the body timer only while reading a body; never in the middle of a response.
  mutating func timerFired(_ timer: Timer) -> Bool {
    guard state == (timer == .idle ? .idle : .readingBody) else { return false }
    state = .closed
    return true
  }

  /// The connection failed or closed.
  mutating func closed() { state = .closed }
}
