import Foundation
import SquallRequests

extension Solution {
  /// The solution as a learner does it by hand, with the keys: what `h` reveals once the
  /// hints are spent or the step is done. `{{base}}` is left for the caller to fill. Pure.
  package var inWords: String {
    switch self {
    case .request(let spec):
      var parts = ["\(spec.method) \(spec.url)"]
      parts += spec.enabledHeaders.map { "header \($0.name): \($0.value)" }
      if !spec.body.isEmpty { parts.append("body \(Self.clip(spec.body))") }
      return "in the builder (F2) make it " + parts.joined(separator: ", ") + " and send it (Ctrl-R)"
    case .keys(let pane, let keys):
      return "in the \(pane.title) pane (\(pane.key)) press \(keys.joined(separator: " "))"
    case .serverOption(let name, let value):
      return "in the Server pane (F1) set \(name) to \(value) (↑↓ to it, Enter, type, Enter)"
    case .route(let method, let pattern, let status, let headers, let fault, let body):
      var parts = ["\(method) \(pattern) answering \(status)"]
      parts += headers.map { "header \($0)" }
      if let fault { parts.append("fault \(fault)") }
      if !body.isEmpty { parts.append("body \(Self.clip(body))") }
      return "in the Server pane (F1) add a route (a): " + parts.joined(separator: ", ")
    case .burst(let count, let concurrency):
      return "in the builder (F2) burst (B): \(count) requests, \(concurrency) at once"
    case .builderOption(.rawBody, let bytes):
      return "in the builder's Body (F2, 3, e) type or paste a text of \(bytes) bytes"
    case .builderOption(let option, let value):
      return value.isEmpty
        ? "in the builder's Options (F2, 5) set \(option.rawValue) back to its default"
        : "in the builder's Options (F2, 5) set \(option.rawValue) to \(value)"
    }
  }

  /// Several solution lines as one sentence.
  package static func inWords(_ solutions: [Solution]) -> String {
    solutions.map(\.inWords).joined(separator: "; then ")
  }

  private static func clip(_ text: String) -> String {
    let line = text.replacingOccurrences(of: "\n", with: "⏎")
    return "\"" + (line.count > 40 ? line.prefix(39) + "…" : line) + "\""
  }
}

extension Solution.Pane {
  /// Its name in the playground's words.
  package var title: String {
    switch self {
    case .server: "Server"
    case .builder: "Request builder"
    case .log: "Log"
    case .lessons: "Lessons"
    }
  }

  /// The key that focuses it.
  package var key: String {
    switch self {
    case .server: "F1"
    case .builder: "F2"
    case .log: "F3"
    case .lessons: "F4"
    }
  }
}
