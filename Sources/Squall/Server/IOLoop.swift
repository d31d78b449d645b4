import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A facade over SwiftNIO's event loops with Tornado's `IOLoop` vocabulary, so examples read
/// like Tornado: `IOLoop.current().start()` blocks until `stop()`.
///
/// The real work runs on NIO's event loops (one per core) whether or not `start()` is called;
/// `start()` only keeps the calling thread (usually the main one) waiting, as a Tornado
/// program's main thread does.
///
/// **Shutdown.** While `start()` waits, SIGTERM and SIGINT (Ctrl-C) shut the program down
/// gracefully: the hooks given to `onShutdown` run, every server that listened stops accepting,
/// closes its idle connections and lets the requests in flight finish (up to the grace period,
/// 30 s by default), then `start()` returns and the program exits 0. A second signal stops at
/// once. Tornado leaves signals to Python (SIGINT raises `KeyboardInterrupt` in the loop; SIGTERM
/// kills the process); `start(handling: [])` keeps that. The signals are watched on a dispatch
/// queue, never the blocked main thread, and the shutdown runs in a detached task: a task
/// started from `main.swift` inherits the main actor, which `start()` blocks.
public final class IOLoop: Sendable {
  private static let shared = IOLoop(group: MultiThreadedEventLoopGroup.singleton)

  /// The event loops that run servers and timers.
  public let group: any EventLoopGroup
  private let gate = RunGate()
  private let shutdownState = NIOLockedValueBox(ShutdownState())

  init(group: any EventLoopGroup) { self.group = group }

  /// The process-wide loop, as Tornado's `IOLoop.current()`.
  public static func current() -> IOLoop { shared }

  /// Blocks the calling thread until `stop()` is called, or until a shutdown that one of
  /// `signals` started has finished (see "Shutdown" above; `[]` leaves signals alone).
  public func start(handling signals: [Int32] = [SIGINT, SIGTERM], gracePeriod: Double = 30) {
    let watch = signals.isEmpty ? nil : SignalWatch(signals) { [self] number in signalled(number, gracePeriod) }
    gate.run()
    watch?.cancel()
  }

  /// Adds work to do when the program shuts down, before the servers stop accepting (flush a
  /// cache, say goodbye to a peer). Hooks run in the order added.
  public func onShutdown(_ hook: @escaping @Sendable () async -> Void) {
    shutdownState.withLockedValue { $0.hooks.append(hook) }
  }

  /// Shuts down as a signal does: the `onShutdown` hooks, then every server that listened
  /// shuts down gracefully (`HTTPServer.shutdown(gracePeriod:)`) at the same time, then `stop()`.
  public func shutdown(gracePeriod: Double = 30) async {
    let (hooks, servers) = shutdownState.withLockedValue { state in
      (state.hooks, state.servers.compactMap(\.server))
    }
    for hook in hooks { await hook() }
    await withTaskGroup(of: Void.self) { group in
      for server in servers { group.addTask { await server.shutdown(gracePeriod: gracePeriod) } }
    }
    stop()
  }

  /// Remembers a server that listened, for `shutdown` (weakly: a server dropped is forgotten).
  func track(_ server: HTTPServer) {
    shutdownState.withLockedValue { state in
      state.servers.removeAll { $0.server == nil || $0.server === server }
      state.servers.append(WeakServer(server: server))
    }
  }

  private func signalled(_ number: Int32, _ gracePeriod: Double) {
    let first = shutdownState.withLockedValue { state in
      defer { state.signalled = true }
      return !state.signalled
    }
    let name = number == SIGINT ? "SIGINT" : number == SIGTERM ? "SIGTERM" : "signal \(number)"
    guard first else {
      Self.log.warning("\(name) again: stopping now, without waiting for requests in flight")
      stop()
      return
    }
    Self.log.info(
      "\(name): shutting down; requests in flight have \(Self.seconds(gracePeriod)) to finish (\(name) again stops now)"
    )
    Task.detached { await self.shutdown(gracePeriod: gracePeriod) }
  }

  private static let log = Logger(label: "squall.general")

  private static func seconds(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e9 ? "\(Int(value)) s" : "\(value) s"
  }

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

/// What `IOLoop` remembers for a shutdown.
private struct ShutdownState {
  var hooks: [@Sendable () async -> Void] = []
  var servers: [WeakServer] = []
  var signalled = false
}

private struct WeakServer {
  weak var server: HTTPServer?
}
