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

  nonisolated(unsafe) private static var wakeFD: Int32 = -1
  nonisolated(unsafe) private static var cursesResize = sigaction()

  static var terminationRequested: Bool { requested != 0 }

  static func install(queue: EventQueue) {
    // SIGWINCH may land on any thread; ncurses' own handler records the new size, and ours
    // also wakes the UI loop through the queue's pipe so the resize is drawn at once.
    wakeFD = queue.signalFD
    var ours = sigaction()
    ours.__sigaction_handler.sa_handler = { number in
      var byte: UInt8 = 2
      _ = write(TerminalGuard.wakeFD, &byte, 1)
      let previous = TerminalGuard.cursesResize.__sigaction_handler.sa_handler
      if let previous, unsafeBitCast(previous, to: Int.self) > 1 { previous(number) }
    }
    ours.sa_flags = SA_RESTART
    sigaction(SIGWINCH, &ours, &cursesResize)
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
    sigaction(SIGWINCH, &cursesResize, nil)
  }
}
