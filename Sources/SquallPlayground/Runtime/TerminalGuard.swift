import CNcurses
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Restores the terminal when the process is told to stop (SIGTERM, SIGHUP: the loop ends
/// normally) or crashes (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT: `endwin`, then the default
/// action, so the crash report lands on a usable terminal).
enum TerminalGuard {
  nonisolated(unsafe) private static var requested: sig_atomic_t = 0
  private static let stopSignals = [SIGTERM, SIGHUP]
  private static let crashSignals = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

  static var terminationRequested: Bool { requested != 0 }

  static func install(queue: EventQueue) {
    for signalNumber in stopSignals {
      signal(signalNumber) { _ in
        TerminalGuard.requested = 1
      }
    }
    for signalNumber in crashSignals {
      signal(signalNumber) { number in
        endwin()
        signal(number, SIG_DFL)
        raise(number)
      }
    }
  }

  static func uninstall() {
    for signalNumber in stopSignals + crashSignals { signal(signalNumber, SIG_DFL) }
  }
}
