/// Work `update` asks the runtime to do; results come back as events.
public enum Effect: Equatable, Sendable {
  case startServer(port: Int)
  case stopServer
  case fetch(method: String, url: String)
  case exportHAR
  case saveRoutes
  case quit
}
