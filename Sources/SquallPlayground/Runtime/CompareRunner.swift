import Foundation
import NIOConcurrencyHelpers
import SquallCompare
import SquallPlaygroundCore
import SquallRequests
import SquallTransport
import SquallValues

/// Runs the Tornado reference (one Python process at a time) and the builder's comparisons,
/// off the UI thread; outcomes come back as events.
///
/// Starting and stopping Python blocks (it waits for the twin to say its port, or to exit), so
/// they run on a thread of their own, never on Swift's small pool or the UI thread. Each start
/// has a generation: a start overtaken by a later start or a stop stops its own twin instead of
/// keeping it, so no Python outlives what the Server pane says.
final class CompareRunner: Sendable {
  private struct Running {
    var twin: TornadoTwin?
    var generation = 0
    /// Twins being stopped on their own thread: quitting waits for them too.
    var stopping: [TornadoTwin] = []
  }
  private let running = NIOLockedValueBox(Running())
  private let push: @Sendable (PlaygroundEvent) -> Void

  init(push: @escaping @Sendable (PlaygroundEvent) -> Void) { self.push = push }

  func start(app: ExampleApp) {
    let (running, push) = (self.running, self.push)
    let (generation, previous) = running.withLockedValue { state in
      state.generation += 1
      defer { state.twin = nil }
      return (state.generation, state.twin)
    }
    Thread {
      previous?.stop()
      do {
        let started = try TornadoTwin.start(example: app)
        let current = running.withLockedValue { state in
          guard state.generation == generation else { return false }
          state.twin = started
          return true
        }
        guard current else {
          started.stop()  // overtaken while it started: not wanted any more
          return
        }
        push(.tornadoStarted(app: app, port: started.port, version: started.version))
      } catch {
        let current = running.withLockedValue { $0.generation == generation }
        if current { push(.tornadoFailed("\(error)")) }
      }
    }.start()
  }

  /// Stops the twin, on its own thread (Python may take a moment to exit), and any start in
  /// flight finds itself overtaken.
  func stop() {
    let running = self.running
    let twin = running.withLockedValue { state in
      state.generation += 1
      defer { state.twin = nil }
      if let twin = state.twin { state.stopping.append(twin) }
      return state.twin
    }
    guard let twin else { return }
    Thread {
      twin.stop()
      running.withLockedValue { state in state.stopping.removeAll { $0 === twin } }
    }.start()
  }

  /// Stops the twin, and any still being stopped, and waits for them (quitting: a stop begun
  /// on its thread a moment before would otherwise die with this process, its Python with it
  /// left running).
  /// `grace`: how long each twin has to exit after SIGTERM before SIGKILL (at quit a reference
  /// server has nothing to finish).
  func stopAndWait(grace: TimeInterval = 2) {
    let twins = running.withLockedValue { state in
      state.generation += 1
      defer {
        state.twin = nil
        state.stopping = []
      }
      return (state.twin.map { [$0] } ?? []) + state.stopping
    }
    for twin in twins { twin.stop(grace: grace) }  // idempotent: one already stopped returns at once
  }

  /// Sends the request to both servers, Tornado first, one after the other.
  func compare(id: Int, spec: RequestSpec, variables: Variables, squallPort: Int, tornadoPort: Int) {
    let push = self.push
    let version = running.withLockedValue { $0.twin?.version } ?? "?"
    Task {
      let built: HTTPRequestParts
      do {
        let request = try spec.build(variables)
        built = HTTPRequestParts(
          method: request.method, url: request.url, headers: request.headers.map { ($0.name, $0.value) },
          body: request.body ?? [])
      } catch {
        push(.reported("Compare: \(error)", isError: true))
        return
      }
      let wire = WireRequest(method: built.method, url: built.url, headers: built.headers, body: built.body)
      var outcome = CompareOutcome(request: wire, url: built.url, result: .failed(""))
      do {
        switch try await WireClient.both(wire, tornadoPort: tornadoPort, squallPort: squallPort) {
        case .parsed(let tornado, let squall):
          outcome.result = .compared(tornado: tornado, squall: squall, version: version)
        case .raw(let tornado, let squall):
          outcome.result = .comparedRaw(tornado: tornado, squall: squall, version: version)
        }
      } catch {
        outcome.result = .failed("\(error)")
      }
      push(.compared(id: id, outcome))
    }
  }

  private struct HTTPRequestParts: Sendable {
    var method: String
    var url: String
    var headers: [(String, String)]
    var body: [UInt8]
  }
}
