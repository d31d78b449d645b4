import Foundation
import SquallCompare
import SquallLessons
import SquallValues

/// The Server pane's Tornado reference: the same example app on real Tornado, on a port of its
/// own, for the builder's Compare (`=`).
package enum TornadoReference: Equatable, Sendable {
  case off
  case starting(app: ExampleApp)
  case running(app: ExampleApp, port: Int, version: String)
  /// python3 with Tornado was not found, or it did not start: the message says what to do.
  case unavailable(String)

  package var port: Int? {
    if case .running(_, let port, _) = self { return port }
    return nil
  }

  /// As a lesson's `server tornado=…` check reads it.
  var word: String {
    switch self {
    case .off: "off"
    case .starting: "starting"
    case .running: "running"
    case .unavailable: "unavailable"
    }
  }

  var isOn: Bool {
    switch self {
    case .starting, .running: true
    case .off, .unavailable: false
    }
  }

  /// The Server pane's line, or nil while it is off (the keys bar offers T).
  var line: (String, Style)? {
    switch self {
    case .off: nil
    case .starting(let app): ("◌ starting Tornado's \(app) twin…", .dim)
    case .running(_, let port, let version):
      ("Tornado \(version) reference on :\(port) · T stops", .info)
    case .unavailable(let message): ("Tornado reference: " + TerminalSafe.escape(message), .warning)
    }
  }
}

/// What `=` brought back: the same request answered by both servers, or why not.
package struct CompareOutcome: Sendable, Equatable {
  package var request: WireRequest
  package var url: String
  package var result: Result
  package enum Result: Sendable, Equatable {
    case compared(tornado: WireResponse, squall: WireResponse, version: String)
    /// Answers no HTTP parser reads (the faults app's), compared byte for byte.
    case comparedRaw(tornado: RawAnswer, squall: RawAnswer, version: String)
    case failed(String)
  }

  package init(request: WireRequest, url: String, result: Result) {
    self.request = request
    self.url = url
    self.result = result
  }
}

extension CompareOutcome {
  /// What a lesson's `compared` check sees: Squall's status and the verdict (nil when a server
  /// did not answer). Pure.
  var observation: SquallLessons.Observation? {
    let path = String(request.target.prefix { $0 != "?" })
    switch result {
    case .compared(let tornado, let squall, _):
      let comparison = Comparison.compare(request, tornado: tornado, squall: squall)
      return .compared(
        method: request.method, path: path, status: squall.status, verdict: comparison.verdict.rawValue,
        summary: comparison.summary)
    case .comparedRaw(let tornado, let squall, _):
      let comparison = Comparison.compareRaw(tornado: tornado, squall: squall)
      return .compared(
        method: request.method, path: path, status: WireDump.answer(squall.bytes, closed: true)?.status ?? 0,
        verdict: comparison.verdict.rawValue, summary: comparison.summary)
    case .failed: return nil
    }
  }
}
