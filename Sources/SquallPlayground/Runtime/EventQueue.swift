import DequeModule
import Foundation
import SquallPlaygroundCore

#if canImport(Glibc)
  import Glibc
#endif

/// Events from server and client threads to the UI thread. Pushing writes one byte to a pipe
/// the UI loop `poll`s together with the terminal, so the loop sleeps until something happens.
/// Bounded: under a flood the oldest log entries are dropped and counted, never the memory.
///
/// Served exchanges wait apart from the other events (numbered, so a drain hands everything
/// over in the order pushed): at most `servedLimit` of them, the oldest dropped on the pushing
/// thread, where they were made. With the limit at the log's capacity, what is dropped here is
/// what the log would have dropped; a UI that drains less often under a flood (`ServedIntake`)
/// then never builds entries for them.
final class EventQueue: @unchecked Sendable {
  private let lock = NSLock()
  private var served: Deque<(number: UInt64, event: RuntimeEvent)> = []
  private var others: Deque<(number: UInt64, event: RuntimeEvent)> = []
  private var pushed: UInt64 = 0
  private var signalled = false
  private var droppedCount = 0
  private var servedBound: Int
  /// Log entries dropped because the queue was full.
  var dropped: Int { lock.withLock { droppedCount } }
  /// The most events waiting before served exchanges are dropped.
  let capacity: Int
  /// The most served exchanges waiting (at most `capacity`); the oldest go first.
  var servedLimit: Int {
    get { lock.withLock { servedBound } }
    set { lock.withLock { servedBound = max(1, min(newValue, capacity)) } }
  }
  /// Read end (polled by the UI loop) and write end of the wake-up pipe.
  let wakeFD: Int32
  /// Write end of the wake-up pipe (a signal handler may write to it).
  let signalFD: Int32

  init(capacity: Int = 20_000) {
    self.capacity = capacity
    servedBound = capacity
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
    // Dropped exchanges are freed after the lock is let go (the other loop may be waiting for it).
    var evicted: [RuntimeEvent] = []
    let wake: Bool = lock.withLock {
      var wake = false
      for event in events {
        pushed += 1
        wake = wake || !signalled
        signalled = true
        if event.isServedExchange {
          if served.count >= servedBound || (served.count + others.count >= capacity && !served.isEmpty) {
            evicted.append(served.removeFirst().event)
            droppedCount += 1
          }
          served.append((pushed, event))
        } else {
          if served.count + others.count >= capacity && !served.isEmpty {
            evicted.append(served.removeFirst().event)
            droppedCount += 1
          }
          others.append((pushed, event))
        }
      }
      return wake
    }
    if wake {
      var byte: UInt8 = 1
      _ = write(signalFD, &byte, 1)
    }
  }

  /// Everything queued so far, oldest first, and how many of them are served exchanges. The
  /// queues are swapped out under the lock, never copied there, so the event loops pushing
  /// meanwhile never wait behind thousands of events; the caller pops them (`popFirst` moves
  /// each out: no copy, no retain).
  func drain() -> (events: Deque<RuntimeEvent>, served: Int) {
    var buffer = [UInt8](repeating: 0, count: 64)
    while read(wakeFD, &buffer, buffer.count) > 0 {}
    var takenOthers: Deque<(number: UInt64, event: RuntimeEvent)> = []
    var takenServed: Deque<(number: UInt64, event: RuntimeEvent)> = []
    lock.withLock {
      signalled = false
      swap(&takenOthers, &others)
      swap(&takenServed, &served)
    }
    let servedCount = takenServed.count
    // The two queues merged back into the order they were pushed in.
    var merged = Deque<RuntimeEvent>(minimumCapacity: takenOthers.count + takenServed.count)
    while !takenOthers.isEmpty || !takenServed.isEmpty {
      let otherFirst =
        takenServed.isEmpty || (!takenOthers.isEmpty && takenOthers[0].number < takenServed[0].number)
      merged.append(otherFirst ? takenOthers.removeFirst().event : takenServed.removeFirst().event)
    }
    return (merged, servedCount)
  }
}
