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
final class EventLoopTaskExecutor: TaskExecutor {
  let eventLoop: any EventLoop

  init(_ eventLoop: any EventLoop) {
    self.eventLoop = eventLoop
  }

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
  }
}
