import SquallValues

/// The Python twins built into `squall`, by example app. Pure: the files are Swift strings
/// (`EmbeddedTwins`); `TornadoTwin` (SquallTransport) writes one out and runs it.
package enum TwinScript {
  /// The Python file of each example app: a switch, so a new `ExampleApp` needs its twin.
  package static func name(of app: ExampleApp) -> String {
    switch app {
    case .hello: "hello_server.py"
    case .echo: "echo_app.py"
    case .faults: "faults_app.py"
    }
  }

  /// The twin's source, as built in.
  package static func text(of app: ExampleApp) -> String? { EmbeddedTwins.files[name(of: app)] }
}
