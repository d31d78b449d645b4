import SquallValues

@testable import SquallPlayground
@testable import SquallPlaygroundCore

/// Effects as the tests expect them, spelled out from what the test did (never read from the
/// state under test): the server's launch with its port, app, routes and options.
enum Expected {
  static func start(
    on port: Int, anyFree: Bool = false, app: ExampleApp = .hello, routes: [MockRoute] = [],
    options: ServerOptions = ServerOptions()
  ) -> Effect {
    .startServer(
      ServerLaunch(host: "127.0.0.1", port: port, anyFreeIfTaken: anyFree, app: app, routes: routes, options: options))
  }

  static func options(_ change: (inout ServerOptions) -> Void) -> ServerOptions {
    var options = ServerOptions()
    change(&options)
    return options
  }
}
