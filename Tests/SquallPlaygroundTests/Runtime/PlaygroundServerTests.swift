import Foundation
import SquallExamples
import SquallTestSupport
import Testing

@testable import SquallPlayground
@testable import SquallPlaygroundCore

/// The hosted server's start: a port taken is reported, or, when the learner asked for any
/// free port, gives way to another one.
@Suite struct PlaygroundServerTests {
  /// Starts a server on `port` and returns the events it delivered once it has started or failed.
  func start(port: Int, anyFreeIfTaken: Bool) async throws -> [PlaygroundEvent] {
    let queue = EventQueue()
    let server = PlaygroundServer(
      deliver: { queue.push($0) }, deliverBatch: { queue.push(contentsOf: $0) }, group: Fixtures.serverLoops)
    await server.start(
      host: "127.0.0.1", port: port, anyFreeIfTaken: anyFreeIfTaken, routes: [], options: ServerOptions())
    let events = queue.drain().events.map(\.playgroundEvent)
    await server.stop(report: false)
    return events
  }

  @Test func aTakenPortFailsUnlessAnyFreePortWasAskedFor() async throws {
    let taken = try ClosedPort()
    let failed = try await start(port: taken.port, anyFreeIfTaken: false)
    guard case .serverFailed(let message, _)? = failed.first else {
      Issue.record("expected serverFailed, got \(failed)")
      return
    }
    #expect(message.contains("\(taken.port)") && message.contains("already in use"))

    let moved = try await start(port: taken.port, anyFreeIfTaken: true)
    guard case .serverStarted(let bound)? = moved.first else {
      Issue.record("expected serverStarted, got \(moved)")
      return
    }
    #expect(bound != taken.port && bound > 0)
    guard case .reported(let text, let isError)? = moved.last else {
      Issue.record("expected a message, got \(moved)")
      return
    }
    #expect(!isError)
    #expect(
      text
        == "Port \(taken.port) was taken meanwhile, so the server took \(bound), another free port (you asked for any)."
    )
    withExtendedLifetime(taken) {}
  }

  @Test func aPortSetByHandEndsAnyFreePort() {
    var state = Fixtures.state()
    state.server = ServerPaneState(port: 0, appRoutes: Examples.routeDescriptions)
    #expect(state.server.start == Expected.start(on: 0, anyFree: true))
    _ = update(&state, .serverStarted(port: 41_234))
    #expect(state.server.start == Expected.start(on: 41_234, anyFree: true), "restarts keep asking for any")
    state.server.suggestedPort = 41_235
    state.focus = .server
    _ = update(&state, .key(.character("n")))
    #expect(state.server.start == Expected.start(on: 41_235, anyFree: false))
  }
}
