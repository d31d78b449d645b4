#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `posix_spawn` attributes for a child that must start clean: no signal blocked and the usual
/// signals at their default dispositions, whatever its parent blocks or ignores (a tmux server
/// that inherited a blocked SIGTERM could never be stopped). Used for `$EDITOR` in the
/// playground and for the programs the tests start.
package enum SpawnAttributes {
  /// Fills `attributes` (already `posix_spawnattr_init`-ed).
  package static func reset(_ attributes: inout posix_spawnattr_t) {
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE, SIGWINCH] { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
  }
}
