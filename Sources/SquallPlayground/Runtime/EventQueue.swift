import DequeModule
import Foundation
import SquallPlaygroundCore

#if canImport(Glibc)
  import Glibc
#endif

/// Events from server and client threads to the UI thread. Pushing writes one byte to a pipe
/// the UI loop `poll`s together with the terminal, so the loop sleeps until something happens.
/// Bounded: under a flood the oldest log entries are dropped and counted, never the memory.
final class EventQueue: @unchecked Sendable {
  private let lock = NSLock()
  private var pending: Deque<RuntimeEvent> = []
  private var signalled = false
  private var droppedCount = 0
  /// Log entries dropped because the queue was full.
  var dropped: Int { lock.withLock { droppedCount } }
  let capacity: Int
  /// Read end (polled by the UI loop) and write end of the wake-up pipe.
  let wakeFD: Int32
  /// Write end of the wake-up pipe (a signal handler may write to it).
  let signalFD: Int32

  init(capacity: Int = 20_000) {
    self.capacity = capacity
    var fds: [Int32] = [0, 0]
    if pipe(&fds) != 0 { fds = [-1, -1] }
    wakeFD = fds[0]
    signalFD = fds[1]
    for fd in fds where fd >= 0 { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
  }

  deinit {
    close(wakeFD)
    close(signalFD)
  }

  func push(_ event: PlaygroundEvent) { push(contentsOf: CollectionOfOne(.event(event))) }

  func push<Events: Collection<RuntimeEvent>>(contentsOf events: Events) {
    let wake: Bool = lock.withLock {
      for event in events {
        if pending.count >= capacity,
          let index = pending.firstIndex(where: \.isServedExchange)
        {
          pending.remove(at: index)
          droppedCount += 1
        }
        pending.append(event)
      }
      defer { signalled = true }
      return !signalled
    }
    if wake {
      var byte: UInt8 = 1
      _ = write(signalFD, &byte, 1)
    }
  }

  /// Everything queued so far, oldest first. The queue is swapped out under the lock, never
  /// copied there, so the event loops pushing meanwhile never wait behind thousands of events;
  /// the caller pops them (`popFirst` moves each out: no copy, no retain).
  func drain() -> Deque<RuntimeEvent> {
    var buffer = [UInt8](repeating: 0, count: 64)
    while read(wakeFD, &buffer, buffer.count) > 0 {}
    var taken: Deque<RuntimeEvent> = []
    lock.withLock {
      signalled = false
      swap(&taken, &pending)
    }
    return taken
  }
}
