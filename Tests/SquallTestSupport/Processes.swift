import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs blocking work (a socket read, waiting for a process) on a thread of its own. Not on
/// `DispatchQueue.global()` or a task: on Linux those share the few threads of Swift's
/// cooperative pool, and blocking them starves the servers under test.
public func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    Thread { continuation.resume(with: Result { try body() }) }.start()
  }
}

/// What a finished program printed and its exit status.
public struct ProgramResult: Sendable {
  public var status: Int32
  public var output: String
  public var errorOutput: String
}

/// Runs a program to completion (killed after `timeout` seconds), stdout and stderr apart.
public func runProgram(
  _ executable: String, _ arguments: [String], environment: [String: String]? = nil, directory: String? = nil,
  timeout: Double = 60
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
    process.standardInput = FileHandle.nullDevice
    try process.run()
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
public let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

/// The folder holding the built products (`.build/debug`).
public var productsDirectory: URL {
  let bundle = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }
  return bundle.map { URL(fileURLWithPath: $0.bundlePath).deletingLastPathComponent() }
    ?? packageRoot.appendingPathComponent(".build/debug")
}

/// A TCP port nothing listens on right now.
public func freePort() -> Int {
  let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  defer { close(fd) }
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_port = 0
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  _ = withUnsafePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
  }
  var length = socklen_t(MemoryLayout<sockaddr_in>.size)
  _ = withUnsafeMutablePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
  }
  return Int(UInt16(bigEndian: address.sin_port))
}
