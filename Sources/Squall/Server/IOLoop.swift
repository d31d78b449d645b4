import Foundation
import NIOCore
import NIOPosix

/// A facade over SwiftNIO's event loops with Tornado's `IOLoop` vocabulary, so examples read
/// like Tornado: `IOLoop.current().start()` blocks until `stop()`.
///
/// The real work runs on NIO's event loops (one per core) whether or not `start()` is called;
/// `start()` only keeps the calling thread (usually the main one) waiting, as a Tornado
/// program's main thread does.
public final class IOLoop: Sendable {
  private static let shared = IOLoop(group: MultiThreadedEventLoopGroup.singleton)

  /// The event loops that run servers and timers.
  public let group: any EventLoopGroup
  private let gate = RunGate()

  init(group: any EventLoopGroup) { self.group = group }

  /// The process-wide loop, as Tornado's `IOLoop.current()`.
  public static func current() -> IOLoop { shared }

  /// Blocks the calling thread until `stop()` is called.
  public func start() { gate.run() }

  /// Makes `start()` return; called before `start()`, the next `start()` returns at once, as in
  /// Tornado, so a callback that finishes early cannot leave the program hanging.
  public func stop() { gate.release() }

  /// Runs `callback` on the loop soon (Tornado's `add_callback`).
  public func addCallback(_ callback: @escaping @Sendable () -> Void) {
    group.next().execute(callback)
  }

  /// Runs `callback` after `delay` seconds (Tornado's `call_later`).
  @discardableResult
  public func callLater(_ delay: Double, _ callback: @escaping @Sendable () -> Void) -> Scheduled<Void> {
    group.next().scheduleTask(in: .saturating(seconds: delay), callback)
  }

  /// Runs `function` to completion and returns its result, blocking the calling thread
  /// (Tornado's `run_sync`). Do not call it from async code.
  public func runSync<Result: Sendable>(
    _ function: @escaping @Sendable () async throws -> Result
  ) throws -> Result {
    let promise = group.next().makePromise(of: Result.self)
    promise.completeWithTask(function)
    return try promise.futureResult.wait()
  }
}

/// Blocks `run()` until `release()`; a `release()` that comes first lets the next `run()` through.
private final class RunGate: @unchecked Sendable {
  private let condition = NSCondition()
  private var released = false  // guarded by `condition`

  func run() {
    condition.lock()
    defer { condition.unlock() }
    while !released { condition.wait() }
    released = false
  }

  func release() {
    condition.lock()
    released = true
    condition.broadcast()
    condition.unlock()
  }
}
