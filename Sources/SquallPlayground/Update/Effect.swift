/// Work `update` asks the runtime to do; results come back as events.
public enum Effect: Equatable, Sendable {
  case startServer(port: Int)
  case stopServer
  case fetch(method: String, url: String)
  /// Writes these entries (everything recorded, also while paused) as a HAR file.
  case exportHAR([LogEntry])
  case saveRoutes
  case quit
}

extension Effect {
  /// Entries compare by id: an export is the same when it covers the same exchanges.
  public static func == (lhs: Effect, rhs: Effect) -> Bool {
    switch (lhs, rhs) {
    case (.startServer(let a), .startServer(let b)): a == b
    case (.stopServer, .stopServer), (.saveRoutes, .saveRoutes), (.quit, .quit): true
    case (.fetch(let m1, let u1), .fetch(let m2, let u2)): m1 == m2 && u1 == u2
    case (.exportHAR(let a), .exportHAR(let b)): a.map(\.id) == b.map(\.id)
    default: false
    }
  }
}
