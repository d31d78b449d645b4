import Foundation
import NIOConcurrencyHelpers
import SquallCompare
import SquallRequests

/// Runs the Tornado reference (one Python process at a time) and the builder's comparisons,
/// off the UI thread; outcomes come back as events.
final class CompareRunner: Sendable {
  private let twin = NIOLockedValueBox<TornadoTwin?>(nil)
  private let push: @Sendable (PlaygroundEvent) -> Void

  init(push: @escaping @Sendable (PlaygroundEvent) -> Void) { self.push = push }

  func start(app: String) {
    let (twin, push) = (self.twin, self.push)
    Task.detached {
      twin.withLockedValue { $0 }?.stop()
      do {
        let started = try TornadoTwin.start(example: app)
        twin.withLockedValue { $0 = started }
        push(.tornadoStarted(app: app, port: started.port, version: started.version))
      } catch {
        twin.withLockedValue { $0 = nil }
        push(.tornadoFailed("\(error)"))
      }
    }
  }

  func stop() {
    let running = twin.withLockedValue { value in
      defer { value = nil }
      return value
    }
    running?.stop()
  }

  /// Sends the request to both servers, Tornado first, one after the other.
  func compare(id: Int, spec: RequestSpec, variables: Variables, squallPort: Int, tornadoPort: Int) {
    let push = self.push
    let version = twin.withLockedValue { $0?.version } ?? "?"
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
      let wire = wireRequest(method: built.method, url: built.url, headers: built.headers, body: built.body)
      var outcome = CompareOutcome(request: wire, url: built.url, result: .failed(""))
      do {
        let tornado = try await WireClient.exchange(wire, port: tornadoPort)
        let squall = try await WireClient.exchange(wire, port: squallPort)
        outcome.result = .compared(tornado: tornado, squall: squall, version: version)
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
