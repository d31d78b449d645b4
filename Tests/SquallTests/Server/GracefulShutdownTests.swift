import Foundation
import NIOConcurrencyHelpers
import Squall
import SquallTestSupport
import Testing

/// A handler that answers only when the test lets it, and says when it has started.
final class HeldHandler: RequestHandler {
  static let gate = Gate()

  override func get() async throws {
    await Self.gate.enter()
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

/// `HTTPServer.shutdown(gracePeriod:)` and the signals `IOLoop.start()` handles: stop accepting,
/// close idle connections, let the requests in flight finish, exit 0.
@Suite(.serialized) struct GracefulShutdownTests {
  static let app = Application([("/held", HeldHandler.self), ("/", RootHandler.self)])

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

  @Test func requestsInFlightFinishIdleConnectionsCloseNewOnesAreRefused() async throws {
    try await withServer(Self.app) { port, server async throws in
      let busy = try RawSocket(port: port)
      try busy.send(request("GET", "/held"))
      try await blocking { try Self.waitUntil("the held handler") { HeldHandler.gate.entered == 1 } }
      let idle = try RawSocket(port: port)
      try idle.send(request("GET", "/"))
      let first = try await blocking { idle.read(until: { String(decoding: $0, as: UTF8.self).hasSuffix("hi") }) }
      #expect(ParsedResponse.parseAll(first.bytes, closed: false)?.first?.status == 200, "kept alive")

      let shutdown = Task { await server.shutdown(gracePeriod: 30) }
      #expect(try await blocking { idle.isClosed(within: 5) }, "an idle keep-alive connection is closed at once")
      #expect(throws: (any Error).self, "no new connection once shutting down") { _ = try RawSocket(port: port) }
      HeldHandler.gate.release()
      let answer = try await blocking { busy.readToEnd(timeout: 5) }
      #expect(answer.end == .closed, "and then the connection closes")
      let response = ParsedResponse.parseAll(answer.bytes, closed: true)?.first
      #expect(response?.status == 200 && response?.bodyText == "finished", "the request in flight finishes")
      #expect(response?.header("Connection") == "close", "saying the connection closes")
      #expect(await shutdown.value == 0, "nothing left to force")
    }
  }

  @Test func whatOutlivesTheGracePeriodIsClosed() async throws {
    try await withServer(Self.app) { port, server async throws in
      let busy = try RawSocket(port: port)
      try busy.send(request("GET", "/held"))
      try await blocking { try Self.waitUntil("the held handler") { HeldHandler.gate.entered == 1 } }
      #expect(await server.shutdown(gracePeriod: 0.2) == 1, "one connection closed by force")
      let answer = try await blocking { busy.readToEnd(timeout: 5) }
      #expect(answer.end != .timedOut && answer.bytes.isEmpty, "closed without an answer")
      HeldHandler.gate.release()
    }
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
    kill(child.process.processIdentifier, signal)
    let status = try await blocking { child.exitStatus(within: 10) }
    #expect(status == 0, "exits 0 after \(signal == SIGTERM ? "SIGTERM" : "SIGINT"): \(child.printedText)")
    #expect(child.printedText.contains("shutting down"), "and says so: \(child.printedText)")
    #expect(try await blocking { idle.isClosed(within: 1) })
  }
}
