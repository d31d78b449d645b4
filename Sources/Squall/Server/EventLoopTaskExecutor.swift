import NIOCore

/// Runs tasks on one NIO event loop, so a request's handler runs on its connection's thread:
/// no hop to Swift's global pool to start it, none back to write (Hummingbird and NIO's own
/// `EventLoop.executor` do the same for actors). One per loop, made when the server starts.
final class EventLoopTaskExecutor: TaskExecutor {
  let eventLoop: any EventLoop
  /// The loop as NIO's own executor, when it is one (NIOPosix's loops are): it queues a job as
  /// it is, where `execute` would allocate a closure around it.
  private let serial: (any NIOSerialEventLoopExecutor)?

  init(_ eventLoop: any EventLoop) {
    self.eventLoop = eventLoop
    serial = eventLoop as? any NIOSerialEventLoopExecutor
  }

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
  }
}
