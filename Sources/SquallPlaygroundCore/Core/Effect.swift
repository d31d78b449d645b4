/// Work `update` asks the runtime to do; results come back as events.
import SquallLessons
import SquallRequests
import SquallValues

/// Effects in groups, so that each runner handles its own group exhaustively (a new effect
/// does not compile until its runner carries it out): the network, files, the terminal.
package enum Effect: Equatable, Sendable {
  case network(NetworkEffect)
  case file(FileEffect)
  case terminal(TerminalEffect)
  /// `update` set `quitting`: the loop ends, then the server stops.
  case quit
}

/// Work on the network: the hosted server, the builder's client, the Tornado reference.
package enum NetworkEffect: Equatable, Sendable {
  /// Starts (or restarts) the server as `ServerLaunch` says: everything it needs travels with
  /// the effect, so the runtime reads no state.
  case startServer(ServerLaunch)
  /// Stops the server and closes every connection (quitting).
  case stopServer
  /// Tornado's `stop()`: no new connections; open ones stay until `closeConnections`.
  case stopListening
  /// Tornado's `close_all_connections()`.
  case closeConnections
  /// Sends the builder's request (files of a multipart body are read by the runtime).
  case send(id: Int, spec: RequestSpec, variables: Variables)
  /// Sends the builder's request as a slow client: its exact bytes, one every
  /// `everyMilliseconds`, on a connection of its own (loopback only).
  case sendSlowly(id: Int, spec: RequestSpec, variables: Variables, everyMilliseconds: Int)
  case cancelFetch(id: Int)
  /// Sends the request `count` times, `concurrency` at once.
  case burst(id: Int, spec: RequestSpec, variables: Variables, count: Int, concurrency: Int)
  /// The builder's client's connections at once (Tornado's `max_clients`) from now on.
  case setMaxClients(Int)
  /// Starts (or restarts, with another app) the same example on real Tornado.
  case startTornado(app: ExampleApp)
  case stopTornado
  /// Sends the builder's request to both servers.
  case compare(id: Int, spec: RequestSpec, variables: Variables, squallPort: Int, tornadoPort: Int)
  /// The exact bytes the request would put on the wire, sent nowhere (`W`; `squall fetch
  /// --offline`): built by the runtime (it reads a multipart body's files), back as `wirePreview`.
  case previewWire(spec: RequestSpec, variables: Variables)
  /// Opens the builder's WebSocket (a `ws://` URL) with these handshake headers ("Name: value").
  case webSocketConnect(id: Int, url: String, headers: [String])
  /// Sends a text message on the builder's WebSocket.
  case webSocketSend(id: Int, text: String)
  /// Closes the builder's WebSocket with 1000 (or stops connecting).
  case webSocketClose(id: Int)
  /// Sends a ping on the builder's WebSocket.
  case webSocketPing(id: Int)
  /// Opens `count` WebSockets at once and keeps them idle (the burst form on a `ws://` URL).
  case webSocketBurst(id: Int, url: String, headers: [String], count: Int)
  /// Closes every WebSocket of that burst.
  case webSocketBurstClose(id: Int)
}

/// Work on files: state, saved requests, exports.
package enum FileEffect: Equatable, Sendable {
  case saveHistory([HistoryItem])
  case saveVariables([String: String])
  case saveLessonProgress([String: LessonProgress])
  case saveRequest(name: String, spec: RequestSpec)
  /// Keeps a saved request's last response beside the collection.
  case saveNamedResponse(name: String, SavedResponse)
  case listCollection
  case loadRequest(name: String)
  /// Writes text to a file the user named (a response body, headers, an export).
  case writeFile(path: String, contents: [UInt8], what: String)
  /// Writes these entries (everything recorded, also while paused) as a HAR file.
  case exportHAR([LogEntry])
  /// Writes the timeline (Chrome trace-event JSON) into the state folder.
  case writeTrace([UInt8])
  /// Keeps the route editor's routes (`routes.json`).
  case saveRoutes([MockRoute])
}

/// Work on the terminal itself.
package enum TerminalEffect: Equatable, Sendable {
  /// Puts text on the terminal's clipboard (OSC 52), where the terminal allows it.
  case copyToClipboard(String)
  /// Opens the body in `$EDITOR`, suspending the screen; the text comes back as an event.
  case editInEditor(String)
}

// Each effect by its own name, as `update` asks for it (`.send(id:spec:variables:)`).
extension Effect {
  package static func startServer(_ launch: ServerLaunch) -> Effect { .network(.startServer(launch)) }
  package static var stopServer: Effect { .network(.stopServer) }
  package static var stopListening: Effect { .network(.stopListening) }
  package static var closeConnections: Effect { .network(.closeConnections) }
  package static func send(id: Int, spec: RequestSpec, variables: Variables) -> Effect {
    .network(.send(id: id, spec: spec, variables: variables))
  }
  package static func sendSlowly(id: Int, spec: RequestSpec, variables: Variables, everyMilliseconds: Int) -> Effect {
    .network(.sendSlowly(id: id, spec: spec, variables: variables, everyMilliseconds: everyMilliseconds))
  }
  package static func cancelFetch(id: Int) -> Effect { .network(.cancelFetch(id: id)) }
  package static func webSocketConnect(id: Int, url: String, headers: [String]) -> Effect {
    .network(.webSocketConnect(id: id, url: url, headers: headers))
  }
  package static func webSocketSend(id: Int, text: String) -> Effect { .network(.webSocketSend(id: id, text: text)) }
  package static func webSocketClose(id: Int) -> Effect { .network(.webSocketClose(id: id)) }
  package static func webSocketPing(id: Int) -> Effect { .network(.webSocketPing(id: id)) }
  package static func webSocketBurst(id: Int, url: String, headers: [String], count: Int) -> Effect {
    .network(.webSocketBurst(id: id, url: url, headers: headers, count: count))
  }
  package static func webSocketBurstClose(id: Int) -> Effect { .network(.webSocketBurstClose(id: id)) }
  package static func burst(id: Int, spec: RequestSpec, variables: Variables, count: Int, concurrency: Int) -> Effect {
    .network(.burst(id: id, spec: spec, variables: variables, count: count, concurrency: concurrency))
  }
  package static func setMaxClients(_ limit: Int) -> Effect { .network(.setMaxClients(limit)) }
  package static func startTornado(app: ExampleApp) -> Effect { .network(.startTornado(app: app)) }
  package static var stopTornado: Effect { .network(.stopTornado) }
  package static func compare(id: Int, spec: RequestSpec, variables: Variables, squallPort: Int, tornadoPort: Int)
    -> Effect
  {
    .network(.compare(id: id, spec: spec, variables: variables, squallPort: squallPort, tornadoPort: tornadoPort))
  }
  package static func previewWire(spec: RequestSpec, variables: Variables) -> Effect {
    .network(.previewWire(spec: spec, variables: variables))
  }
  /// Whether it asks for the wire preview.
  package var isWirePreview: Bool {
    if case .network(.previewWire) = self { true } else { false }
  }
  package static func saveHistory(_ items: [HistoryItem]) -> Effect { .file(.saveHistory(items)) }
  package static func saveVariables(_ values: [String: String]) -> Effect { .file(.saveVariables(values)) }
  package static func saveLessonProgress(_ progress: [String: LessonProgress]) -> Effect {
    .file(.saveLessonProgress(progress))
  }
  package static func saveRequest(name: String, spec: RequestSpec) -> Effect {
    .file(.saveRequest(name: name, spec: spec))
  }
  package static func saveNamedResponse(name: String, _ response: SavedResponse) -> Effect {
    .file(.saveNamedResponse(name: name, response))
  }
  package static var listCollection: Effect { .file(.listCollection) }
  package static func loadRequest(name: String) -> Effect { .file(.loadRequest(name: name)) }
  package static func writeFile(path: String, contents: [UInt8], what: String) -> Effect {
    .file(.writeFile(path: path, contents: contents, what: what))
  }
  package static func exportHAR(_ entries: [LogEntry]) -> Effect { .file(.exportHAR(entries)) }
  package static func writeTrace(_ json: [UInt8]) -> Effect { .file(.writeTrace(json)) }
  package static func saveRoutes(_ routes: [MockRoute]) -> Effect { .file(.saveRoutes(routes)) }
  package static func copyToClipboard(_ text: String) -> Effect { .terminal(.copyToClipboard(text)) }
  package static func editInEditor(_ text: String) -> Effect { .terminal(.editInEditor(text)) }
}

/// What a server start needs: where, which app and routes, with which options. With
/// `anyFreeIfTaken` (the learner asked for any free port: `--port 0`), a port taken meanwhile
/// gives way to another free one.
package struct ServerLaunch: Equatable, Sendable {
  package var host = "127.0.0.1"
  package var port: Int
  package var anyFreeIfTaken = false
  package var app = ExampleApp.hello
  package var routes: [MockRoute] = []
  package var options = ServerOptions()

  package init(
    host: String = "127.0.0.1", port: Int, anyFreeIfTaken: Bool = false, app: ExampleApp = .hello,
    routes: [MockRoute] = [], options: ServerOptions = ServerOptions()
  ) {
    self.host = host
    self.port = port
    self.anyFreeIfTaken = anyFreeIfTaken
    self.app = app
    self.routes = routes
    self.options = options
  }
}
