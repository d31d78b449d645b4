import Squall

/// Everything that can change the playground's state.
public enum PlaygroundEvent: Sendable {
  case key(Key)
  /// A left click at a cell.
  case click(x: Int, y: Int)
  /// A wheel turn at a cell: negative is up.
  case scroll(x: Int, y: Int, lines: Int)
  case resize(Size)
  /// About once a second: counters and rates are refreshed.
  case tick(ServerCounters)
  /// An exchange the live server finished, as the server published it.
  case servedExchange(HTTPExchange)
  /// A request the live server refused by itself (malformed, over a limit, timed out).
  case refusedRequest(HTTPRefusal)
  /// A fetch the playground's client finished (or failed).
  case fetched(LogEntry, summary: String)
  /// The server is listening (on `port`) or not.
  case serverStarted(port: Int)
  case serverStopped
  case serverFailed(message: String, suggestedPort: Int?)
  /// A message for the status bar, news nobody asked for just now.
  case notice(String)
  /// The outcome of an effect the user asked for (an export, a save): shown as an answer.
  case reported(String, isError: Bool)
}

/// Live numbers from the server, read on each tick.
public struct ServerCounters: Equatable, Sendable {
  public var connectionsOpen = 0
  public var requests = 0
  public var bytesRead = 0
  public var bytesWritten = 0
  /// 1xx ... 5xx.
  public var statusClasses = [0, 0, 0, 0, 0]
  /// Requests the server refused by itself (not in `requests`).
  public var refused = 0
  public init() {}
  public init(
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
