import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs blocking work (a socket read, waiting for a process) on a thread of its own. Not on
/// `DispatchQueue.global()` or a task: on Linux those share the few threads of Swift's
/// cooperative pool, and blocking them starves the servers under test.
package func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    Thread { continuation.resume(with: Result { try body() }) }.start()
  }
}

/// Starts processes one at a time: swift-corelibs-foundation's `Process.run()` crashed in a
/// memcpy (clean-clone CI, 2026-12-07) while another thread was starting one too.
private let spawnLock = NSLock()

func spawning<T>(_ body: () throws -> T) rethrows -> T {
  spawnLock.lock()
  defer { spawnLock.unlock() }
  return try body()
}

/// What a finished program printed and its exit status.
package struct ProgramResult: Sendable {
  package var status: Int32
  package var output: String
  package var errorOutput: String
}

/// Runs a program to completion (killed after `timeout` seconds), stdout and stderr apart;
/// `input` is its stdin (none: an empty one).
package func runProgram(
  _ executable: String, _ arguments: [String], environment: [String: String]? = nil, directory: String? = nil,
  input: String? = nil, timeout: Double = 60
) async throws -> ProgramResult {
  try await blocking {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let stdin = input.map { _ in Pipe() }
    process.standardInput = stdin ?? FileHandle.nullDevice
    try spawning { try process.run() }
    if let stdin, let input {
      let handle = stdin.fileHandleForWriting
      Thread {
        handle.write(Data(input.utf8))
        try? handle.close()
      }.start()
    }
    let killer = DispatchWorkItem { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    DispatchQueue(label: "runProgram.timeout").asyncAfter(deadline: .now() + timeout, execute: killer)
    // Read both pipes before waiting, so a chatty program cannot fill a pipe and stall.
    let errorData = LockedBox<Data?>(nil)
    let errorReader = Thread { errorData.set(err.fileHandleForReading.readDataToEndOfFile()) }
    errorReader.start()
    let outputData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    killer.cancel()
    while errorData.get() == nil { usleep(1000) }
    return ProgramResult(
      status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
      errorOutput: String(decoding: errorData.get() ?? Data(), as: UTF8.self))
  }
}

/// A value shared between threads.
final class LockedBox<T: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var value: T
  init(_ value: T) { self.value = value }
  func get() -> T { lock.withLock { value } }
  func set(_ newValue: T) { lock.withLock { value = newValue } }
}

/// The package root, found from this file's location.
package let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

/// The folder holding the built products (`.build/debug`).
package var productsDirectory: URL {
  let bundle = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }
  return bundle.map { URL(fileURLWithPath: $0.bundlePath).deletingLastPathComponent() }
    ?? packageRoot.appendingPathComponent(".build/debug")
}

/// A loopback port that refuses connections for as long as this value lives: a socket is bound
/// to it and never listens, so no other process can take the port in the meantime (unlike a
/// port found free and then released, which another process may take before it is used).
package final class ClosedPort: @unchecked Sendable {
  package let port: Int
  private let fd: Int32

  package init() throws {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    self.fd = fd
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    port = Int(UInt16(bigEndian: address.sin_port))
    guard bound == 0, port != 0 else { throw CocoaError(.featureUnsupported) }
  }

  deinit { close(fd) }
}

/// A TCP connection to `port` on 127.0.0.1: its descriptor, or errno when connecting fails
/// (the descriptor is then closed).
package func connectToLoopback(port: Int) -> Result<Int32, POSIXError> {
  let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  guard fd >= 0 else { return .failure(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)) }
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_port = in_port_t(UInt16(port).bigEndian)
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  let connected = withUnsafePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
  }
  guard connected == 0 else {
    let code = errno
    close(fd)
    return .failure(POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO))
  }
  return .success(fd)
}

/// A connection to a loopback server holding a request it has only begun to send (the head and
/// part of the body): a server has a request in flight for as long as this value lives.
package final class PartialRequest: @unchecked Sendable {
  private let fd: Int32

  package init(port: Int, sending text: String) throws {
    fd = try connectToLoopback(port: port).get()
    let bytes = Array(text.utf8)
    guard send(fd, bytes, bytes.count, 0) == bytes.count else { throw POSIXError(.EIO) }
  }

  deinit { close(fd) }
}

/// A program started for a test, killed when the value goes away (or by `stop()`); what it
/// prints (stdout and stderr) is collected for `line(startingWith:)`.
package final class ChildProcess: @unchecked Sendable {
  package let process = Process()
  package let output = Pipe()
  private let printed = NSLock()
  private var text = ""

  package init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws {
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = output
    process.standardError = output
    if let environment { process.environment = environment }
    try spawning { try process.run() }
    let handle = output.fileHandleForReading
    Thread { [weak self] in
      while case let data = handle.availableData, !data.isEmpty {
        guard let self else { return }
        self.printed.withLock { self.text += String(decoding: data, as: UTF8.self) }
      }
    }.start()
  }

  /// Waits (at most `timeout` seconds) for a printed line, ended by its newline, that starts with
  /// `prefix`; returns the rest of it. Servers started on port 0 say their port this way.
  package func line(startingWith prefix: String, timeout: Double = 20) throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      // Complete lines only: a line read half-way ("ready " before its port) is not the line.
      let found = printed.withLock {
        text[..<(text.lastIndex(of: "\n") ?? text.startIndex)].split(separator: "\n").first { $0.hasPrefix(prefix) }
          .map { String($0.dropFirst(prefix.count)) }
      }
      if let found { return found }
      guard process.isRunning else { break }
      usleep(10_000)
    }
    let sofar = printed.withLock { text }
    throw ChildProcessError(
      message: "no line starting with \(prefix.debugDescription) within \(timeout) s; printed: \(sofar)")
  }

  package func stop() {
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
  }

  /// Everything printed so far.
  package var printedText: String { printed.withLock { text } }

  /// Waits (at most `timeout` seconds) for the program to exit; its exit status, or nil when it
  /// is still running (or was ended by a signal: then `-signal`).
  package func exitStatus(within timeout: Double) -> Int32? {
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { usleep(10_000) }
    guard !process.isRunning else { return nil }
    return process.terminationReason == .exit ? process.terminationStatus : -process.terminationStatus
  }

  deinit { stop() }
}

/// What `ChildProcess` throws when the program never prints what was waited for.
package struct ChildProcessError: Error, CustomStringConvertible {
  package var message: String
  package var description: String { message }
}

/// Whether the tests that compare with real Tornado run: when `python3` can import it, or when
/// `SQUALL_REQUIRE_TORNADO=1` (CI sets it: they then fail, not skip, if it is missing).
package enum TornadoAvailable {
  package static let now: Bool = ProcessInfo.processInfo.environment["SQUALL_REQUIRE_TORNADO"] == "1" || python != nil

  /// The first `python3` on the tests' PATH that imports Tornado. A tmux session starts with a
  /// bare PATH: it is given this one as `SQUALL_PYTHON`.
  package static let python: String? = {
    let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
    for python in paths.map({ "\($0)/python3" }) where FileManager.default.isExecutableFile(atPath: python) {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: python)
      process.arguments = ["-c", "import tornado"]
      process.standardError = FileHandle.nullDevice
      guard (try? spawning({ try process.run() })) != nil else { continue }
      process.waitUntilExit()
      if process.terminationStatus == 0 { return python }
    }
    return nil
  }()

  /// `SQUALL_PYTHON=…` for a command line, or nothing.
  package static var environment: String { python.map { "SQUALL_PYTHON=\($0)" } ?? "" }
}
