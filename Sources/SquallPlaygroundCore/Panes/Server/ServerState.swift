import DequeModule
import Foundation
import SquallLessons
import SquallValues

/// What the server pane shows and edits.
package struct ServerPaneState: Sendable {
  package enum Status: Equatable, Sendable {
    case stopped, starting, running
    case failed(String)

    /// The state in one word, as lesson checks compare it (`server status=stopped`).
    package var word: String {
      switch self {
      case .stopped: "stopped"
      case .starting: "starting"
      case .running: "running"
      case .failed: "failed"
      }
    }

    /// Its mark in summaries and the status bar: ● running, ◌ starting, ○ stopped, ✗ failed.
    package var mark: String {
      switch self {
      case .stopped: "○"
      case .starting: "◌"
      case .running: "●"
      case .failed: "✗"
      }
    }
  }

  /// The example app hosted (A switches).
  package var app = ExampleApp.hello
  /// The same app on real Tornado, for the builder's Compare (`T` starts and stops it).
  package var tornado = TornadoReference.off
  /// The reference restarts because the app changed (a lesson's setup, A), not because the
  /// user pressed T: its news then yields to what the user is reading.
  package var tornadoFollowsApp = false
  /// A new route left with Esc, reopened by `a`: nothing typed is lost.
  package var routeDraft: RouteForm?
  package var appName: String { "\(app.rawValue) (\(app.title))" }
  package var host = "127.0.0.1"
  package var port: Int
  package var status: Status = .stopped
  /// Every app's routes as the runtime described them (`Examples.routeDescriptions`, the
  /// table the apps are built from): the core sees descriptions, never handlers.
  package let appRoutes: [ExampleApp: [RouteDescription]]
  /// Built-in routes of the running app.
  package var builtInRoutes: [RouteDescription] { appRoutes[app] ?? [] }
  package var routes: [MockRoute] = []
  package var options = ServerOptions()
  package var counters = ServerCounters()
  /// Requests per second over the last tick.
  package var requestsPerSecond = 0.0
  /// Requests per tick (about a second) over the last minute, oldest first.
  package var rateHistory: [Int] = []
  package static let rateHistoryLength = 60
  /// The route deleted last, and where it stood, for `u` (undo).
  package var deletedRoute: (route: MockRoute, index: Int)?
  package var suggestedPort: Int?
  /// Which line of the options/routes list is selected.
  package var selection = 0
  /// The option or route being edited, if any.
  package var editor: Editor?

  package enum Editor: Sendable, Equatable {
    case option(index: Int, field: TextField)
    case route(RouteForm)
  }

  /// The learner asked for any free port (`--port 0`): `port` is the one the server got, and
  /// a restart that finds it taken (another program may take a port freed for a moment) takes
  /// another free one. Setting a port by hand ends it.
  package var anyFreePort: Bool

  package init(port: Int, appRoutes: [ExampleApp: [RouteDescription]]) {
    self.port = port
    self.appRoutes = appRoutes
    anyFreePort = port == 0
  }
}

/// The HTTPServer options the pane lets a learner change (applied on restart).
package struct ServerOptions: Equatable, Sendable {
  /// Tornado's max_buffer_size: bytes of a request body buffered at most (100 MB).
  package var maxBufferSize = 104_857_600
  package var maxBodySize: Int? = nil
  package var maxHeaderSize = 65_536
  package var idleConnectionTimeout = 3600.0
  /// None by default, as Tornado's `body_timeout` and the library's `HTTPServer.Options`.
  package var bodyTimeout: Double? = nil
  package var noKeepAlive = false
  package var compressResponse = false
  /// Tornado's `xheaders`: trust a proxy's `X-Real-Ip`, `X-Forwarded-For` and `X-Forwarded-Proto`.
  package var xheaders = false

  package init() {}

  /// The options, in the pane's order (`SquallLessons.ServerOptionName`, which lessons read too).
  package typealias Field = ServerOptionName

  package static let names = Field.allCases.map(\.name)

  /// The value of option `index` when it is a boolean (toggled with Space or Enter), else nil.
  package func flag(at index: Int) -> Bool? {
    switch Field(rawValue: index) {
    case .noKeepAlive: noKeepAlive
    case .compressResponse: compressResponse
    case .xheaders: xheaders
    default: nil
    }
  }

  /// The value as the pane shows it (`3600s`, `(maxBufferSize)`, `true`).
  package func value(at index: Int) -> String {
    guard let field = Field(rawValue: index) else { return "" }
    switch field {
    case .maxBufferSize: return String(maxBufferSize)
    case .maxBodySize: return maxBodySize.map(String.init) ?? "(maxBufferSize)"
    case .maxHeaderSize: return String(maxHeaderSize)
    case .idleConnectionTimeout: return Self.seconds(idleConnectionTimeout)
    case .bodyTimeout: return bodyTimeout.map(Self.seconds) ?? "(none)"
    case .noKeepAlive, .compressResponse, .xheaders: return flag(at: index)! ? "true" : "false"
    }
  }

  /// Every option's value as a lesson's `option` check reads it: numbers without a unit and
  /// without a needless `.0` (`2`, `0.5`), flags as `true`/`false`, an unset limit as empty.
  package var checkValues: [String: String] {
    var values: [String: String] = [:]
    for field in Field.allCases {
      switch field {
      case .maxBodySize: values[field.name] = maxBodySize.map(String.init) ?? ""
      case .idleConnectionTimeout: values[field.name] = Self.number(idleConnectionTimeout)
      case .bodyTimeout: values[field.name] = bodyTimeout.map(Self.number) ?? ""
      default: values[field.name] = value(at: field.rawValue)
      }
    }
    return values
  }

  static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }

  static func seconds(_ value: Double) -> String { number(value) + "s" }

  /// The range each numeric option takes (`NumberOption`'s table), by index; nil for flags.
  package static func range(at index: Int) -> NumberOption? { Field(rawValue: index)?.range }

  /// Sets option `index` from text; returns an error message (with the range) when the text
  /// does not fit, and then leaves the option as it was.
  package mutating func set(_ index: Int, to text: String) -> String? {
    guard let field = Field(rawValue: index) else { return "no option number \(index)" }
    let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
    if field == .maxBodySize, trimmed.isEmpty || trimmed == "(maxbuffersize)" {
      maxBodySize = nil
      return nil
    }
    if field == .bodyTimeout, trimmed.isEmpty || trimmed == "(none)" || trimmed == "none" {
      bodyTimeout = nil
      return nil
    }
    if let range = field.range {
      switch range.parse(trimmed) {
      case .failure(let problem):
        let empty =
          field == .maxBodySize ? " (empty: same as maxBufferSize)" : field == .bodyTimeout ? " (empty: none)" : ""
        return problem.message + empty + "; the old value stays"
      case .success(let value):
        switch field {
        case .maxBufferSize: maxBufferSize = Int(value)
        case .maxBodySize: maxBodySize = Int(value)
        case .maxHeaderSize: maxHeaderSize = Int(value)
        case .idleConnectionTimeout: idleConnectionTimeout = value
        default: bodyTimeout = value
        }
      }
      return nil
    }
    guard let flag = BooleanText.parse(trimmed) else { return "\(field.name) wants true or false" }
    switch field {
    case .noKeepAlive: noKeepAlive = flag
    case .compressResponse: compressResponse = flag
    default: xheaders = flag
    }
    return nil
  }
}

extension ServerOptionName {
  /// The range a numeric option takes (`NumberOption`'s table); nil for flags.
  package var range: NumberOption? {
    switch self {
    case .maxBufferSize: .maxBufferSize
    case .maxBodySize: .maxBodySize
    case .maxHeaderSize: .maxHeaderSize
    case .idleConnectionTimeout: .idleConnectionTimeout
    case .bodyTimeout: .bodyTimeout
    case .noKeepAlive, .compressResponse, .xheaders: nil
    }
  }
}
