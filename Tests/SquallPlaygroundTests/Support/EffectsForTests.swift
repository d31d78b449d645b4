@testable import SquallPlayground
@testable import SquallPlaygroundCore

extension ServerPaneState {
  /// The start this server pane asks for, on `port`: what an expectation compares an update's
  /// effects with (evaluated after the update, so with its routes and options).
  func start(on port: Int, anyFree: Bool = false) -> Effect {
    .startServer(
      ServerLaunch(host: host, port: port, anyFreeIfTaken: anyFree, app: app, routes: routes, options: options))
  }
}
