import NIOConcurrencyHelpers
import NIOCore

/// What a WebSocket received and its reader has not taken yet: filled on the event loop, read
/// by one task at a time. Over `highWater` events the connection stops reading (the peer's
/// bytes wait in the kernel, as Tornado reads the next frame only once `on_message` returned);
/// when the reader has taken half, reading resumes.
final class WebSocketInbox: Sendable {
  private struct State {
    var events = CircularBuffer<WebSocketEvent>()
    var waiter: CheckedContinuation<WebSocketEvent?, Never>?
    var finished = false
    var paused = false
  }

  private let state = NIOLockedValueBox(State())
  private let highWater: Int
  /// Called, from the reader's task, when reading may resume.
  private let resume: @Sendable () -> Void

  init(highWater: Int = 16, resume: @escaping @Sendable () -> Void) {
    self.highWater = highWater
    self.resume = resume
  }

  /// Adds an event; returns whether the connection should keep reading.
  func push(_ event: WebSocketEvent) -> Bool {
    let (waiter, keepReading) = state.withLockedValue { state -> (CheckedContinuation<WebSocketEvent?, Never>?, Bool) in
      guard !state.finished else { return (nil, true) }
      if let waiter = state.waiter {
        state.waiter = nil
        return (waiter, true)
      }
      state.events.append(event)
      if state.events.count >= highWater { state.paused = true }
      return (nil, !state.paused)
    }
    waiter?.resume(returning: event)
    return keepReading
  }

  /// Whether reading is paused until the reader catches up.
  var isPaused: Bool { state.withLockedValue { $0.paused } }

  /// No more events: the reader gets what is left, then nil.
  func finish() {
    let waiter = state.withLockedValue { state -> CheckedContinuation<WebSocketEvent?, Never>? in
      state.finished = true
      defer { state.waiter = nil }
      return state.waiter
    }
    waiter?.resume(returning: nil)
  }

  /// The next event, waiting for one; nil once the connection is over and all were read, or
  /// when the reading task is cancelled. One reader at a time: a second waiting reader gets nil.
  func next() async -> WebSocketEvent? {
    if let (event, resumes) = take() {
      if resumes { resume() }
      return event
    }
    return await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<WebSocketEvent?, Never>) in
        let ready = state.withLockedValue { state -> (WebSocketEvent?, Bool)? in
          if let event = state.events.popFirst() { return (event, false) }
          if state.finished || state.waiter != nil || Task.isCancelled { return (nil, false) }
          state.waiter = continuation
          return nil
        }
        if let (event, _) = ready { continuation.resume(returning: event) }
      }
    } onCancel: {
      let waiter = state.withLockedValue { state -> CheckedContinuation<WebSocketEvent?, Never>? in
        defer { state.waiter = nil }
        return state.waiter
      }
      waiter?.resume(returning: nil)
    }
  }

  /// An event already here, and whether taking it lets reading resume.
  private func take() -> (WebSocketEvent, Bool)? {
    state.withLockedValue { state in
      guard let event = state.events.popFirst() else { return nil }
      if state.paused, state.events.count <= highWater / 2 {
        state.paused = false
        return (event, true)
      }
      return (event, false)
    }
  }
}
