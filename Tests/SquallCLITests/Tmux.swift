import Foundation
import Squall
import SquallTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Drives a program in a detached tmux session: keys in with `send-keys`, screen out with
/// `capture-pane`.
final class TmuxSession: @unchecked Sendable {
  let name: String
  let socket: String

  /// Whether the tests must fail (CI) rather than skip when tmux is missing.
  static var required: Bool { ProcessInfo.processInfo.environment["SQUALL_REQUIRE_TMUX"] == "1" }
  static var available: Bool { path != nil }
  static let path: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  private init() {
    name = "squall-e2e-\(UUID().uuidString.prefix(8))"
    socket = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).sock").path
  }

  /// Starts `bash --norc` in a `width`x`height` window.
  static func start(width: Int, height: Int) async throws -> TmuxSession {
    let session = TmuxSession()
    try await session.tmux([
      "new-session", "-d", "-s", session.name, "-x", String(width), "-y", String(height),
      "env -i PATH=/usr/bin:/bin HOME=/tmp TERM=tmux-256color LANG=C.UTF-8 bash --norc --noprofile",
    ])
    return session
  }

  deinit {
    if let path = Self.path { _ = try? spawnAndWait(path, ["-S", socket, "kill-server"]) }
    unlink(socket)
  }

  /// Runs a tmux command on a thread of its own, so waiting never blocks Swift's task pool.
  @discardableResult
  func tmux(_ arguments: [String]) async throws -> String {
    guard let path = Self.path else { throw TmuxError.missing }
    let socket = self.socket
    return try await blocking { try spawnAndWait(path, ["-S", socket] + arguments) }
  }

  /// Types a shell command and presses Enter.
  func run(_ command: String) async throws {
    try await tmux(["send-keys", "-t", name, "-l", command])
    try await keys("Enter")
  }

  /// Sends tmux key names (`Tab`, `Enter`, `Escape`, `F3`, `q`).
  func keys(_ names: String...) async throws { try await tmux(["send-keys", "-t", name] + names) }

  /// Types text literally.
  func type(_ text: String) async throws { try await tmux(["send-keys", "-t", name, "-l", text]) }

  func capture() async throws -> String { try await tmux(["capture-pane", "-p", "-t", name]) }

  func resize(width: Int, height: Int) async throws {
    try await tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
  }

  /// Waits until the screen satisfies `condition`; returns the last screen.
  @discardableResult
  func waitFor(_ what: String, timeout: Double = 10, _ condition: (String) -> Bool) async throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    var screen = ""
    while Date() < deadline {
      screen = try await capture()
      if condition(screen) { return screen }
      try await Task.sleep(for: .milliseconds(50))
    }
    Issue.record("timed out waiting for \(what); the screen was:\n\(screen)")
    throw TmuxError.timeout(what)
  }

  /// The port the playground's server bound (it was started with `--port 0`), read from the
  /// status bar's "● http://127.0.0.1:PORT".
  func boundPort(timeout: Double = 10) async throws -> Int {
    let marker = "● http://127.0.0.1:"  // the status bar's, always whole (it wraps rather than cuts)
    let screen = try await waitFor("the server running on its port", timeout: timeout) { $0.contains(marker) }
    let rest = screen[screen.range(of: marker)!.upperBound...]
    guard let port = Int(rest.prefix { $0.isNumber }), port > 0 else {
      throw TmuxError.timeout("a port after \(marker)")
    }
    return port
  }

  @discardableResult
  func waitFor(text: String, timeout: Double = 10) async throws -> String {
    try await waitFor("\"\(text)\"", timeout: timeout) { $0.contains(text) }
  }

  /// Waits until one capture holds every text. Assert on one capture only through this: tmux can
  /// capture a frame that curses is still drawing, so a text seen once does not mean its
  /// neighbours are drawn yet. A timeout names the texts that were missing.
  @discardableResult
  func waitFor(all texts: [String], timeout: Double = 10) async throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    var screen = ""
    while Date() < deadline {
      screen = try await capture()
      if texts.allSatisfy(screen.contains) { return screen }
      try await Task.sleep(for: .milliseconds(50))
    }
    let missing = texts.filter { !screen.contains($0) }.map { "\"\($0)\"" }.joined(separator: ", ")
    Issue.record("timed out waiting for \(missing); the screen was:\n\(screen)")
    throw TmuxError.timeout(missing)
  }
}

enum TmuxError: Error {
  case missing
  case timeout(String)
  case spawn(Int32)
}

/// Runs a program and waits for it with `posix_spawn` and `waitpid`, output to a file.
/// Not Foundation's `Process`: it waits for its exit-notification descriptor to close, and the
/// tmux server that `new-session` leaves behind inherits it, so `waitUntilExit` never returns.
func spawnAndWait(_ path: String, _ arguments: [String]) throws -> String {
  let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("spawn-\(UUID().uuidString).out").path
  defer { unlink(outputPath) }
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  posix_spawn_file_actions_adddup2(&actions, 1, 2)
  // The tmux server outlives this call: it must not inherit pipes other tests have open, or
  // their readers would wait for an end-of-file that never comes.
  typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
  if let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") {  // glibc 2.34+
    _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
  }
  // The child starts with no signal blocked and default dispositions, whatever this test
  // process blocks or ignores: a tmux server that inherited a blocked SIGTERM could not be stopped.
  var attributes = posix_spawnattr_t()
  posix_spawnattr_init(&attributes)
  defer { posix_spawnattr_destroy(&attributes) }
  SpawnAttributes.reset(&attributes)
  let argv = ([path] + arguments).map { strdup($0) } + [nil]
  defer { for pointer in argv { free(pointer) } }
  var pid: pid_t = 0
  let result = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
  guard result == 0 else { throw TmuxError.spawn(result) }
  var status: Int32 = 0
  while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
  return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
}
