import Foundation
import SquallRequests
import SquallValues

/// One request of a burst: its latency in seconds and its status (599 for a failure).
package struct BurstSample: Equatable, Sendable {
  package var seconds: Double
  package var status: Int
  /// When it started, went out (after the client's queue) and got its answer's head: the
  /// timeline's bar for it.
  package var startedAt: Date
  package var requestSent: Double?
  package var firstByte: Double?
  package init(
    seconds: Double, status: Int, startedAt: Date = Date(), requestSent: Double? = nil, firstByte: Double? = nil
  ) {
    self.seconds = seconds
    self.status = status
    self.startedAt = startedAt
    self.requestSent = requestSent
    self.firstByte = firstByte
  }
}

/// Everything that can change the playground's state.
package enum PlaygroundEvent: Sendable {
  case key(Key)
  /// A left click at a cell.
  case click(x: Int, y: Int)
  /// A wheel turn at a cell: negative is up.
  case scroll(x: Int, y: Int, lines: Int)
  case resize(Size)
  /// The first event: the terminal and the state files as the runtime found them.
  case launched(Launch)
  /// The terminal went away, or SIGTERM or SIGHUP arrived: quit as `q` does.
  case hangUp
  /// Exchanges the runtime's queue dropped under a flood so far (the Log's title counts them).
  case queueDropped(Int)
  /// About once a second: counters and rates are refreshed.
  case tick(ServerCounters)
  /// An exchange the live server finished, as the core sees it (the runtime makes it from the
  /// library's `HTTPExchange` when the UI thread takes it from the queue).
  case servedExchange(ServedExchange)
  /// A request the live server refused by itself (malformed, over a limit, timed out).
  case refusedRequest(RefusedRequest)
  /// A connection of the hosted server closed (the timeline ends its lane).
  case connectionClosed(UInt64, at: Date)
  /// The Tornado reference listens (`T`).
  case tornadoStarted(app: ExampleApp, port: Int, version: String)
  /// It could not start: why, and what to do.
  case tornadoFailed(String)
  /// Both servers answered the builder's request (`=`), or one did not.
  case compared(id: Int, CompareOutcome)
  /// A fetch of the builder finished, failed or was cancelled.
  case fetched(id: Int, response: BuilderResponse)
  /// The builder's request could not be built (nothing was sent), and why.
  case sendRefused(id: Int, message: String)
  /// The builder's WebSocket opened, a frame went by, or it ended.
  case webSocket(id: Int, BuilderWebSocketNews)
  /// How many WebSockets of the builder's burst are open, and how many failed (and why).
  case webSocketBurst(id: Int, opened: Int, failed: Int, problem: String?)
  /// The hosted server's WebSockets: opened, a frame, closed (the log files them under the
  /// 101 of their connection).
  case serverWebSocket(ServerWebSocketNews)
  /// The exact bytes the builder's request would put on the wire, or why there are none.
  case wirePreview(WireBytes, of: RequestSpec, Variables)
  /// Results of a burst as they come in: (seconds, status) pairs.
  case burstResults(id: Int, [BurstSample])
  case burstFinished(id: Int, wallTime: Double)
  /// The saved requests of the collection folder, or why they could not be listed.
  case collectionListed([String], problem: String?)
  case requestLoaded(name: String, RequestSpec)
  /// The builder's request was saved as `name`: its answers become that request's last response.
  case requestSaved(name: String, folder: String)
  /// The saved requests' last responses, read again (another process may have written one).
  case savedResponsesLoaded([String: String], problem: String?)
  /// `$EDITOR` closed: the new text, or nil when it failed (with a message).
  case editorClosed(String?, message: String?)
  /// The time now, for elapsed times on screen (the runtime sends it while something runs).
  case clock(Date)
  /// The server is listening (on `port`) or not.
  case serverStarted(port: Int)
  case serverStopped
  /// How many connections are open, right after `stop()` or `closeAllConnections()` (the
  /// once-a-second tick would say so late).
  case connectionsOpen(Int)
  case serverFailed(message: String, suggestedPort: Int?)
  /// The outcome of an effect the user asked for (an export, a save): shown as an answer.
  case reported(String, isError: Bool)
}

/// Live numbers from the server, read on each tick.
package struct ServerCounters: Equatable, Sendable {
  package var connectionsOpen = 0
  package var requests = 0
  package var bytesRead = 0
  package var bytesWritten = 0
  /// 1xx ... 5xx.
  package var statusClasses = [0, 0, 0, 0, 0]
  /// Requests the server refused by itself (not in `requests`).
  package var refused = 0
  /// WebSockets open now (each also one of `connectionsOpen`), and ever opened.
  package var webSocketsOpen = 0
  package var webSocketsTotal = 0
  /// The playground's memory (resident, KB): the hosted server's connections among it.
  package var memoryKB = 0
  package init() {}
  package init(
    connectionsOpen: Int, requests: Int, bytesRead: Int, bytesWritten: Int, statusClasses: [Int], refused: Int = 0
  ) {
    self.connectionsOpen = connectionsOpen
    self.requests = requests
    self.bytesRead = bytesRead
    self.bytesWritten = bytesWritten
    self.statusClasses = statusClasses
    self.refused = refused
  }
}
