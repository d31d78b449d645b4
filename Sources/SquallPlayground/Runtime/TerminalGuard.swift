import CNcurses

/// Restores the terminal when the process is told to stop (SIGTERM, SIGHUP, SIGINT: the loop
/// wakes and ends normally) or crashes (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP,
/// SIGQUIT: `endwin`, then the default action, so the crash report lands on a usable terminal),
/// and wakes the UI on SIGWINCH.
/// The handlers are C (`CNcurses/shim.h`): a handler may only touch async-signal-safe state.
enum TerminalGuard {
  static var terminationRequested: Bool { squall_stop_requested() != 0 }

  static func install(queue: EventQueue) { squall_install_signal_handlers(queue.signalFD) }

  static func uninstall() { squall_remove_signal_handlers() }
}
