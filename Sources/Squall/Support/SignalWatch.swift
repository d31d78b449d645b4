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
    lock.withLock {
      for number in signals {
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler { handler(number) }
        source.resume()
        sources.append((number, source))
      }
    }
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
