import NIOConcurrencyHelpers
import NIOCore

/// What a WebSocket received and its reader has not taken yet: filled on the event loop, read
/// by one task at a time. Over `highWater` events the connection stops reading (the peer's
/// bytes wait in the kernel, as Tornado reads the next frame only once `on_message` returned);
/// when the reader has taken half, reading resumes.
///
/// The end of a connection keeps its place in line: what the peer's close (or a violation)
/// makes the connection do waits, as a marker behind the events before it, until the reader
/// comes back for more after the last of them — so a handler's answer to the last message goes
/// out before the close, as Tornado's frame loop awaits `on_message` before the next frame.
final class WebSocketInbox: Sendable {
  private enum Item {
    case event(WebSocketEvent)
    case drained(@Sendable () -> Void)
  }

  private struct State {
    var items = CircularBuffer<Item>()
    var waiter: CheckedContinuation<WebSocketEvent?, Never>?
    var finished = false
    var paused = false
    /// The bytes of the messages waiting.
    var bytes = 0
  }

  private let state = NIOLockedValueBox(State())
  private let highWater: Int
  /// The server's handler handles an event before it asks for the next, so the end waits
  /// until it asks again; a client's reader only takes events off a queue (Tornado's
  /// `read_queue`), so the end waits only for the events queued before it.
  private let awaitsHandling: Bool
  /// Called, from the reader's task, when reading may resume.
  private let resume: @Sendable () -> Void

  /// Waiting messages of this many bytes pause reading too (a slow handler holds about one
  /// `maxMessageSize` of messages, not sixteen).
  private let byteBudget: Int

  init(
    highWater: Int = 16, byteBudget: Int = 10 * 1024 * 1024, awaitsHandling: Bool,
    resume: @escaping @Sendable () -> Void
  ) {
    self.highWater = highWater
    self.byteBudget = max(1, byteBudget)
    self.awaitsHandling = awaitsHandling
    self.resume = resume
  }

  /// The inbox of `channel`'s WebSocket: reading resumes through its `WebSocketConnectionHandler`.
  static func resumingReads(
    of channel: any Channel, byteBudget: Int, awaitsHandling: Bool
  ) -> WebSocketInbox {
    WebSocketInbox(byteBudget: byteBudget, awaitsHandling: awaitsHandling) {
      channel.eventLoop.execute {
        (try? channel.pipeline.syncOperations.handler(type: WebSocketConnectionHandler.self))?.resumeReading()
      }
    }
  }

  /// Adds an event.
  func push(_ event: WebSocketEvent) {
    let waiter = state.withLockedValue { state -> CheckedContinuation<WebSocketEvent?, Never>? in
      guard !state.finished else { return nil }
      if let waiter = state.waiter {
        state.waiter = nil
        return waiter
      }
      state.items.append(.event(event))
      state.bytes += Self.size(event)
      if state.items.count >= highWater || state.bytes >= byteBudget { state.paused = true }
      return nil
    }
    waiter?.resume(returning: event)
  }

  /// Runs `action` once the reader has handled every event pushed before (`awaitsHandling`),
  /// or taken them: now when nothing is left (and, handling, the reader waits), else when it
  /// comes back after the last.
  func afterDrained(_ action: @escaping @Sendable () -> Void) {
    let now = state.withLockedValue { state -> Bool in
      if state.finished || (state.items.isEmpty && (state.waiter != nil || !awaitsHandling)) { return true }
      state.items.append(.drained(action))
      return false
    }
    if now { action() }
  }

  /// Whether reading is paused until the reader catches up.
  var isPaused: Bool { state.withLockedValue { $0.paused } }

  /// No more events: the reader gets what is left, then nil; what waited for it runs now.
  func finish() {
    let (waiter, pending) = state.withLockedValue {
      state -> (CheckedContinuation<WebSocketEvent?, Never>?, [@Sendable () -> Void]) in
      state.finished = true
      let pending = state.items.compactMap { item -> (@Sendable () -> Void)? in
        if case .drained(let action) = item { action } else { nil }
      }
      state.items.removeAll { if case .drained = $0 { true } else { false } }
      defer { state.waiter = nil }
      return (state.waiter, pending)
    }
    for action in pending { action() }
    waiter?.resume(returning: nil)
  }

  /// The next event, waiting for one; nil once the connection is over and all were read, or
  /// when the reading task is cancelled. One reader at a time: a second waiting reader gets nil.
  func next() async -> WebSocketEvent? {
    while true {
      switch take() {
      case .event(let event, let resumes):
        if resumes { resume() }
        return event
      case .drained(let action):
        action()
      case .wait:
        return await wait()
      }
    }
  }

  private static func size(_ event: WebSocketEvent) -> Int {
    switch event {
    case .message(let message): message.isBinary ? message.bytes.count : message.text.utf8.count
    case .ping(let data), .pong(let data): data.count
    }
  }

  private enum Taken {
    case event(WebSocketEvent, resumes: Bool)
    case drained(@Sendable () -> Void)
    case wait
  }

  /// What is first in line, and whether taking it lets reading resume.
  private func take() -> Taken {
    state.withLockedValue { state in
      guard let item = state.items.popFirst() else { return .wait }
      switch item {
      case .drained(let action):
        return .drained(action)
      case .event(let event):
        state.bytes -= Self.size(event)
        if state.paused, state.items.count <= highWater / 2, state.bytes < byteBudget / 2 {
          state.paused = false
          return .event(event, resumes: true)
        }
        return .event(event, resumes: false)
      }
    }
  }

  private func wait() async -> WebSocketEvent? {
    await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<WebSocketEvent?, Never>) in
        enum Now {
          case event(WebSocketEvent)
          case drained(@Sendable () -> Void)
          case end
        }
        let now = state.withLockedValue { state -> Now? in
          if let item = state.items.popFirst() {
            switch item {
            case .event(let event):
              state.bytes -= Self.size(event)
              return .event(event)
            case .drained(let action):
              // The reader is idle: nothing is left before the marker.
              state.waiter = continuation
              return .drained(action)
            }
          }
          if state.finished || state.waiter != nil || Task.isCancelled { return .end }
          state.waiter = continuation
          return nil
        }
        switch now {
        case .event(let event): continuation.resume(returning: event)
        case .drained(let action): action()
        case .end: continuation.resume(returning: nil)
        case nil: break
        }
      }
    } onCancel: {
      let waiter = state.withLockedValue { state -> CheckedContinuation<WebSocketEvent?, Never>? in
        defer { state.waiter = nil }
        return state.waiter
      }
      waiter?.resume(returning: nil)
    }
  }
}
