import Foundation
import SquallPlaygroundCore

/// Carries out the effects that reach the network: the hosted server, the builder's client
/// and the Tornado reference. The playground and the tests' automated learner share it, so a
/// test runs the code the app runs; files and the terminal stay with the playground.
final class NetworkEffects: Sendable {
  let server: PlaygroundServer
  let builder: BuilderRunner
  let compare: CompareRunner
  let webSockets: WebSocketRunner

  init(server: PlaygroundServer, builder: BuilderRunner, compare: CompareRunner, webSockets: WebSocketRunner) {
    self.server = server
    self.builder = builder
    self.compare = compare
    self.webSockets = webSockets
  }

  /// Performs a network effect: every one of them (the switch is exhaustive).
  func perform(_ effect: NetworkEffect) {
    let server = self.server
    switch effect {
    case .startServer(let launch): server.enqueue { await server.start(launch) }
    case .stopServer: server.enqueue { await server.stop() }
    case .stopListening: server.enqueue { await server.stopListening() }
    case .closeConnections: server.enqueue { await server.closeConnections() }
    case .send(let id, let spec, let variables): builder.send(id: id, spec: spec, variables: variables)
    case .sendSlowly(let id, let spec, let variables, let every):
      builder.sendSlowly(id: id, spec: spec, variables: variables, everyMilliseconds: every)
    case .cancelFetch(let id): builder.cancel(id: id)
    case .burst(let id, let spec, let variables, let count, let concurrency):
      builder.burst(id: id, spec: spec, variables: variables, count: count, concurrency: concurrency)
    case .setMaxClients(let limit): builder.setMaxClients(limit)
    case .startTornado(let app): compare.start(app: app)
    case .stopTornado: compare.stop()
    case .previewWire(let spec, let variables): builder.previewWire(spec: spec, variables: variables)
    case .compare(let id, let spec, let variables, let squallPort, let tornadoPort):
      compare.compare(id: id, spec: spec, variables: variables, squallPort: squallPort, tornadoPort: tornadoPort)
    case .webSocketConnect(let id, let url, let headers): webSockets.connect(id: id, url: url, headers: headers)
    case .webSocketSend(let id, let text): webSockets.send(id: id, text: text)
    case .webSocketClose(let id): webSockets.close(id: id)
    case .webSocketPing(let id): webSockets.ping(id: id)
    case .webSocketBurst(let id, let url, let headers, let count):
      webSockets.burst(id: id, url: url, headers: headers, count: count)
    case .webSocketBurstClose(let id): webSockets.closeBurst(id: id)
    }
  }
}
