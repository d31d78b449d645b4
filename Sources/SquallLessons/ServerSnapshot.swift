import Foundation

/// The server pane's state, as the checks see it.
package struct ServerSnapshot: Equatable, Sendable {
  package struct Route: Equatable, Sendable {
    package var method: String
    package var pattern: String
    package var status: Int
    package var body: String
    package var delay: Double
    /// The fault it sends instead of an answer (`reset`), or empty.
    package var fault: String
    package init(method: String, pattern: String, status: Int, body: String, delay: Double, fault: String = "") {
      self.method = method
      self.pattern = pattern
      self.status = status
      self.body = body
      self.delay = delay
      self.fault = fault
    }
  }

  package var app: String
  /// `running`, `stopped`, `starting` or `failed`.
  package var status: String
  package var options: [String: String]
  package var routes: [Route]
  /// Connections open now (kept alive after `stop()`, until `closeAllConnections()`).
  package var connections: Int
  /// WebSockets open now (each also one of `connections`).
  package var webSockets = 0
  /// The playground's resident memory, in MB (the hosted server's connections among it).
  package var memoryMB = 0
  /// The Log pane shows its timeline (`view` checks).
  package var timelineShown: Bool
  /// The Tornado reference: `off`, `starting`, `running` or `unavailable`.
  package var tornado: String
  /// The builder shows the request's exact bytes (`W`).
  package var wireShown = false
  /// The builder's response tab in view, in lower case (`body`, `raw`…).
  package var responseTab = "body"

  package init(
    app: String, status: String, options: [String: String], routes: [Route], connections: Int = 0,
    webSockets: Int = 0, memoryMB: Int = 0, timelineShown: Bool = false, tornado: String = "off",
    wireShown: Bool = false, responseTab: String = "body"
  ) {
    self.wireShown = wireShown
    self.responseTab = responseTab
    self.app = app
    self.status = status
    self.options = options
    self.routes = routes
    self.connections = connections
    self.webSockets = webSockets
    self.memoryMB = memoryMB
    self.timelineShown = timelineShown
    self.tornado = tornado
  }
}
