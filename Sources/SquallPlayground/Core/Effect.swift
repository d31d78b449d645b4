/// Work `update` asks the runtime to do; results come back as events.
import SquallLessons
import SquallRequests

public enum Effect: Equatable, Sendable {
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
  case startTornado(app: String)
  case stopTornado
  /// Sends the builder's request to both servers.
  case compare(id: Int, spec: RequestSpec, variables: Variables, squallPort: Int, tornadoPort: Int)
  /// Keeps the route editor's routes (`routes.json`).
  case saveRoutes([MockRoute])
  case quit
}

/// What a server start needs: where, which app and routes, with which options. With
/// `anyFreeIfTaken` (the learner asked for any free port: `--port 0`), a port taken meanwhile
/// gives way to another free one.
public struct ServerLaunch: Equatable, Sendable {
  public var host = "127.0.0.1"
  public var port: Int
  public var anyFreeIfTaken = false
  public var app = "hello"
  public var routes: [MockRoute] = []
  public var options = ServerOptions()

  public init(
    host: String = "127.0.0.1", port: Int, anyFreeIfTaken: Bool = false, app: String = "hello",
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

extension Effect {
  /// Entries compare by id: an export is the same when it covers the same exchanges.
  public static func == (lhs: Effect, rhs: Effect) -> Bool {
    switch (lhs, rhs) {
    case (.startServer(let a), .startServer(let b)): a == b
    case (.saveRoutes(let a), .saveRoutes(let b)): a == b
    case (.stopServer, .stopServer), (.quit, .quit), (.stopListening, .stopListening),
      (.closeConnections, .closeConnections):
      true
    case (.send(let i1, let s1, let v1), .send(let i2, let s2, let v2)): i1 == i2 && s1 == s2 && v1 == v2
    case (.cancelFetch(let a), .cancelFetch(let b)), (.setMaxClients(let a), .setMaxClients(let b)): a == b
    case (.burst(let i1, let s1, let v1, let n1, let c1), .burst(let i2, let s2, let v2, let n2, let c2)):
      i1 == i2 && s1 == s2 && v1 == v2 && n1 == n2 && c1 == c2
    case (.saveHistory(let a), .saveHistory(let b)): a == b
    case (.saveVariables(let a), .saveVariables(let b)): a == b
    case (.saveLessonProgress(let a), .saveLessonProgress(let b)): a == b
    case (.saveRequest(let n1, let s1), .saveRequest(let n2, let s2)): n1 == n2 && s1 == s2
    case (.saveNamedResponse(let n1, let r1), .saveNamedResponse(let n2, let r2)): n1 == n2 && r1 == r2
    case (.listCollection, .listCollection): true
    case (.loadRequest(let a), .loadRequest(let b)): a == b
    case (.writeFile(let p1, let c1, let w1), .writeFile(let p2, let c2, let w2)): p1 == p2 && c1 == c2 && w1 == w2
    case (.editInEditor(let a), .editInEditor(let b)), (.copyToClipboard(let a), .copyToClipboard(let b)): a == b
    case (.exportHAR(let a), .exportHAR(let b)): a.map(\.id) == b.map(\.id)
    case (.writeTrace(let a), .writeTrace(let b)): a == b
    case (.startTornado(let a), .startTornado(let b)): a == b
    case (.stopTornado, .stopTornado): true
    case (.compare(let i1, let s1, let v1, let p1, let t1), .compare(let i2, let s2, let v2, let p2, let t2)):
      i1 == i2 && s1 == s2 && v1 == v2 && p1 == p2 && t1 == t2
    default: false
    }
  }
}
