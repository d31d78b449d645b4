import NIOConcurrencyHelpers
import NIOCore

/// Cancels tasks whose deadline has passed, for all of a client's fetches with one timer: a
/// repeating check every `tick` while something is watched, instead of a timer armed and
/// cancelled on an event loop per fetch (a cross-thread wake-up each, a tenth of a fetch's cost).
/// Watching and unwatching take a lock and a dictionary update; deadlines are met within `tick`.
final class DeadlineWatch: Sendable {
  private struct Watched {
    var entries: [UInt64: (deadline: NIODeadline, cancel: @Sendable () -> Void)] = [:]
    var nextID: UInt64 = 0
    var ticking = false
  }

  private let state = NIOLockedValueBox(Watched())
  private let loop: any EventLoop
  private let tick: TimeAmount

  init(loop: any EventLoop, tick: TimeAmount = .milliseconds(50)) {
    self.loop = loop
    self.tick = tick
  }

  /// Calls `cancel` once `deadline` has passed, unless `unwatch` comes first. Returns the id for
  /// `unwatch`.
  func watch(until deadline: NIODeadline, cancel: @escaping @Sendable () -> Void) -> UInt64 {
    let (id, start) = state.withLockedValue { state -> (UInt64, Bool) in
      state.nextID += 1
      state.entries[state.nextID] = (deadline, cancel)
      defer { state.ticking = true }
      return (state.nextID, !state.ticking)
    }
    if start { schedule() }
    return id
  }

  /// Stops watching `id`. A `cancel` already due may still run once: make it harmless late.
  func unwatch(_ id: UInt64) {
    state.withLockedValue { _ = $0.entries.removeValue(forKey: id) }
  }

  private func schedule() {
    loop.scheduleTask(in: tick) { [self] in check() }
  }

  private func check() {
    let now = loop.now
    let (due, more) = state.withLockedValue { state -> ([@Sendable () -> Void], Bool) in
      let ids = state.entries.filter { $0.value.deadline <= now }.map(\.key)
      let due = ids.compactMap { state.entries.removeValue(forKey: $0)?.cancel }
      state.ticking = !state.entries.isEmpty
      return (due, state.ticking)
    }
    for cancel in due { cancel() }
    if more { schedule() }
  }
}
