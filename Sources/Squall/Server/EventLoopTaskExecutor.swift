import NIOCore

/// Runs tasks on one NIO event loop, so a request's handler runs on its connection's thread:
/// no hop to Swift's global pool to start it, none back to write (Hummingbird and NIO's own
/// `EventLoop.executor` do the same for actors). One per loop, made when the server starts.
///
/// Each job runs *as this task executor*. Handing it to NIO's serial-executor queue instead
/// (which allocates no closure) ran it as the loop's serial executor: Swift then did not see the
/// task on its preferred executor and queued every async call of a handler at the back of the
/// loop again, so a blocking handler's answer waited for the next request's handler, and a plain
/// hello world paid a hop per call (6% of its requests/s, `Benchmarks/ab.sh`).
///
/// Jobs enqueued on the loop's own thread (every request's task: the connection's handler starts
/// it there) wait in this executor's queue, and one `execute` per batch runs them, its closure
/// capturing only the executor: no closure is allocated per job. A job enqueued from another
/// thread goes through `execute` with its own closure, as NIO's queue is the only one safe there.
/// Jobs run in the order they were enqueued on each side; a job enqueued while the queue drains
/// waits for the next turn of the loop, so a task that keeps yielding cannot starve I/O.
final class EventLoopTaskExecutor: TaskExecutor, @unchecked Sendable {
  // @unchecked: `queue` and `drainScheduled` are touched only on `eventLoop`'s thread
  // (`enqueue` checks `inEventLoop` before it touches them; `drain` runs on the loop).
  let eventLoop: any EventLoop
  private var queue = CircularBuffer<UnownedJob>(initialCapacity: 16)
  private var drainScheduled = false

  init(_ eventLoop: any EventLoop) {
    self.eventLoop = eventLoop
  }

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    guard eventLoop.inEventLoop else {
      eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
      return
    }
    queue.append(job)
    if !drainScheduled {
      drainScheduled = true
      eventLoop.execute { self.drain() }
    }
  }

  /// Runs the jobs queued when the drain began.
  private func drain() {
    drainScheduled = false
    let executor = asUnownedTaskExecutor()
    for _ in 0..<queue.count {
      queue.removeFirst().runSynchronously(on: executor)
    }
  }
}
