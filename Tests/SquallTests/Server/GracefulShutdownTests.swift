import Foundation
import NIOConcurrencyHelpers
import Squall
import SquallTestSupport
import Testing

/// A handler that answers only when its test lets it (each test its own gate), and says when
/// it has started.
final class HeldHandler: RequestHandler, TypedInitialize {
  struct Arguments: Sendable { var gate: Gate }
  private var gate: Gate?

  func initialize(_ arguments: Arguments) { gate = arguments.gate }

  override func get() async throws {
    await gate?.enter()
    write("finished")
  }

  /// Each `enter()` waits for `release()`; `entered` counts who is waiting.
  final class Gate: Sendable {
    private let waiting = NIOLockedValueBox<[CheckedContinuation<Void, Never>]>([])
    func enter() async {
      await withCheckedContinuation { continuation in waiting.withLockedValue { $0.append(continuation) } }
    }
    var entered: Int { waiting.withLockedValue { $0.count } }
    func release() {
      let all = waiting.withLockedValue { value in
        defer { value = [] }
        return value
      }
      for continuation in all { continuation.resume() }
    }
  }
}

/// 8 MB at once: more than a socket's buffers hold, so most of it waits in NIO for the reader.
final class BigHandler: RequestHandler {
  override func get() async throws { write([UInt8](repeating: UInt8(ascii: "x"), count: 8 << 20)) }
}

/// `HTTPServer.shutdown(gracePeriod:)` and the signals `IOLoop.start()` handles: stop accepting,
/// close idle connections, let the requests in flight finish, exit 0.
@Suite struct GracefulShutdownTests {
  static func app(_ gate: HeldHandler.Gate) -> Application {
    Application([
      url("/held", HeldHandler.self, .init(gate: gate)), url("/", RootHandler.self), url("/big", BigHandler.self),
    ])
  }

  final class RootHandler: RequestHandler {
    override func get() async throws { write("hi") }
  }

  static func waitUntil(_ what: String, timeout: Double = 5, _ condition: () -> Bool) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while !condition() {
      guard Date() < deadline else { throw SocketError.failed("timed out waiting for \(what)") }
      usleep(5_000)
    }
  }

  /// A connection whose request is in flight: its handler has started and waits on `gate`.
  static func heldRequest(_ port: Int, _ gate: HeldHandler.Gate) async throws -> RawSocket {
    let busy = try RawSocket(port: port)
    try busy.send(request("GET", "/held"))
    try await blocking { try Self.waitUntil("the held handler") { gate.entered == 1 } }
    return busy
  }

  @Test func requestsInFlightFinishIdleConnectionsCloseNewOnesAreRefused() async throws {
    let gate = HeldHandler.Gate()
    defer { gate.release() }
    try await withServer(Self.app(gate)) { port, server async throws in
      let busy = try await Self.heldRequest(port, gate)
      let idle = try RawSocket(port: port)
      try idle.send(request("GET", "/"))
      let first = try await blocking { idle.read(until: { String(decoding: $0, as: UTF8.self).hasSuffix("hi") }) }
      #expect(ParsedResponse.parseAll(first.bytes, closed: false)?.first?.status == 200, "kept alive")

      let shutdown = Task { await server.shutdown(gracePeriod: 30) }
      #expect(try await blocking { idle.isClosed(within: 5) }, "an idle keep-alive connection is closed at once")
      #expect(throws: (any Error).self, "no new connection once shutting down") { _ = try RawSocket(port: port) }
      gate.release()
      let answer = try await blocking { busy.readToEnd(timeout: 5) }
      #expect(answer.end == .closed, "and then the connection closes")
      let response = ParsedResponse.parseAll(answer.bytes, closed: true)?.first
      #expect(response?.status == 200 && response?.bodyText == "finished", "the request in flight finishes")
      #expect(response?.header("Connection") == "close", "saying the connection closes")
      #expect(await shutdown.value == 0, "nothing left to force")
    }
  }

  @Test func whatOutlivesTheGracePeriodIsClosed() async throws {
    let gate = HeldHandler.Gate()
    defer { gate.release() }
    try await withServer(Self.app(gate)) { port, server async throws in
      let busy = try await Self.heldRequest(port, gate)
      #expect(await server.shutdown(gracePeriod: 0.2) == 1, "one connection closed by force")
      let answer = try await blocking { busy.readToEnd(timeout: 5) }
      #expect(answer.end != .timedOut && answer.bytes.isEmpty, "closed without an answer")
      gate.release()
    }
  }

  /// An answer still in NIO's buffers when the shutdown comes (a slow reader, a large body)
  /// goes out whole before the connection closes.
  @Test func anAnswerStillGoingOutIsNotCutShort() async throws {
    let gate = HeldHandler.Gate()
    try await withServer(Self.app(gate)) { port, server async throws in
      let slow = try RawSocket(port: port)
      try slow.send(request("GET", "/big"))
      // The handler has finished (its answer is counted) while the client has read nothing.
      try await blocking { try Self.waitUntil("the big answer written") { server.stats.requests == 1 } }
      let shutdown = Task { await server.shutdown(gracePeriod: 30) }
      let answer = try await blocking { slow.readToEnd(timeout: 20) }
      #expect(answer.end == .closed)
      let response = ParsedResponse.parseAll(answer.bytes, closed: true)?.first
      #expect(response?.body.count == 8 << 20, "all 8 MB, then the close")
      #expect(await shutdown.value == 0)
    }
  }

  /// Linux: whether `process` has taken SIGTERM and SIGINT over yet (`IOLoop.start()` has
  /// installed its watch): ignored or caught, from the `SigIgn` and `SigCgt` masks in /proc.
  static func ignoresStopSignals(_ pid: Int32) -> Bool {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return false }
    func mask(_ name: String) -> UInt64 {
      guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name) }) else { return 0 }
      return UInt64(line.dropFirst(name.count).trimmingCharacters(in: .whitespaces), radix: 16) ?? 0
    }
    let taken = mask("SigIgn:") | mask("SigCgt:")
    return taken & (1 << (UInt64(SIGTERM) - 1)) != 0 && taken & (1 << (UInt64(SIGINT) - 1)) != 0
  }

  /// The seed's server twin, `IOLoop.current().start()` and nothing else: SIGTERM and SIGINT
  /// end it with status 0, the idle keep-alive connection closed.
  @Test(arguments: [SIGTERM, SIGINT]) func aSignalStopsIOLoopStartAndExitsZero(_ signal: Int32) async throws {
    let binary = productsDirectory.appendingPathComponent("hello-server").path
    try #require(FileManager.default.isExecutableFile(atPath: binary), "build hello-server first")
    let child = try ChildProcess(binary, ["0"])
    defer { child.stop() }
    let listening = try await blocking { try child.line(startingWith: "Listening on http://127.0.0.1:") }
    let port = try #require(Int(listening.dropLast()))
    let idle = try RawSocket(port: port)
    try idle.send(request("GET", "/"))
    _ = try await blocking { idle.read(until: { String(decoding: $0, as: UTF8.self).hasSuffix("Hello, world") }) }
    // A signal before `start()` has its watch would end the process the default way.
    let pid = child.process.processIdentifier
    try await blocking { try Self.waitUntil("start() watching signals", timeout: 10) { Self.ignoresStopSignals(pid) } }
    kill(pid, signal)
    let status = try await blocking { child.exitStatus(within: 10) }
    #expect(status == 0, "exits 0 after \(signal == SIGTERM ? "SIGTERM" : "SIGINT"): \(child.printedText)")
    #expect(child.printedText.contains("shutting down"), "and says so: \(child.printedText)")
    #expect(try await blocking { idle.isClosed(within: 1) })
  }
}
