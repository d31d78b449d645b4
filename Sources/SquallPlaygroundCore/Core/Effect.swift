/// Work `update` asks the runtime to do; results come back as events.
import SquallLessons
import SquallRequests
import SquallValues

package enum Effect: Equatable, Sendable {
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
  /// Puts text on the terminal's clipboard (OSC 52), where the terminal allows it.
  case copyToClipboard(String)
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
  /// Opens the body in `$EDITOR`, suspending the screen; the text comes back as an event.
  case editInEditor(String)
  /// Writes these entries (everything recorded, also while paused) as a HAR file.
  case exportHAR([LogEntry])
  /// Writes the timeline (Chrome trace-event JSON) into the state folder.
  case writeTrace([UInt8])
  /// Starts (or restarts, with another app) the same example on real Tornado.
  case startTornado(app: ExampleApp)
  case stopTornado
  /// Sends the builder's request to both servers.
  case compare(id: Int, spec: RequestSpec, variables: Variables, squallPort: Int, tornadoPort: Int)
  /// The exact bytes the request would put on the wire, sent nowhere (`W`; `squall fetch
  /// --offline`): built by the runtime (it reads a multipart body's files), back as `wirePreview`.
  case previewWire(spec: RequestSpec, variables: Variables)
  /// Keeps the route editor's routes (`routes.json`).
  case saveRoutes([MockRoute])
  case quit
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
