import Dispatch
import Foundation

/// Calls `handler` with the signal's number each time one of `signals` arrives, on a dispatch
/// queue (never the thread that gets the signal): the signals' default actions are off while
/// it watches and back on after `cancel()`. Used by `IOLoop.start()` and `squall serve`.
package final class SignalWatch: @unchecked Sendable {
  // @unchecked: `sources` is written in `init` and `cancel`, under `lock`.
  private let lock = NSLock()
  private var sources: [(Int32, any DispatchSourceSignal)] = []

  package init(_ signals: [Int32], handler: @escaping @Sendable (Int32) -> Void) {
    let registered = DispatchGroup()
    lock.withLock {
      for number in signals {
        #if canImport(Darwin)
          // kqueue reports a signal but does not stop its default action: that is turned off.
          signal(number, SIG_IGN)
        #endif
        // On Linux, libdispatch installs its own handler when it registers the source, a moment
        // after `resume()`. Ignoring the signal first (as on Darwin) lost one sent in that moment
        // and the program never stopped (`Benchmarks/startup.py` sends SIGTERM as soon as the
        // first 200 arrives); without it, such a signal still ends the program by its default
        // action. Nothing is lost either way.
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        registered.enter()
        source.setRegistrationHandler { registered.leave() }
        source.setEventHandler { handler(number) }
        source.resume()
        sources.append((number, source))
      }
    }
    // Watching once `init` returns; bounded, so a manager that never answers cannot hang a start.
    _ = registered.wait(timeout: .now() + 1)
  }

  /// Stops watching; the signals' default actions are back.
  package func cancel() {
    let watched = lock.withLock {
      defer { sources = [] }
      return sources
    }
    for (number, source) in watched {
      source.cancel()
      signal(number, SIG_DFL)
    }
  }

}
