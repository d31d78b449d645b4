import Foundation
import SquallChecks

extension Check {
  /// The check in words, as the lesson pane's coach says it: `the server answers a request:
  /// method = GET, path = /, status = 200, body containing "Hello, world"`. Pure.
  package var inWords: String {
    let words = Self.words(condition)
    let subject: String
    switch kind {
    case .served: subject = "the server answers a request"
    case .sent: subject = "the builder gets an answer"
    case .refused: subject = "the server refuses a request"
    case .burst: subject = "a burst finishes"
    case .option: subject = "the server option"
    case .route: subject = "a route exists"
    case .server: subject = "the server is"
    case .view: subject = "the playground shows"
    case .compared: subject = "a comparison with Tornado gives"
    case .websocket: subject = "the builder's WebSocket has"
    }
    return words.isEmpty ? subject : "\(subject): \(words)"
  }

  /// The check's field names in a learner's words.
  static let names = [
    "reqheader": "request header", "header": "response header", "p50": "median time", "code": "status",
    "raw": "the answer's raw bytes", "rawrequest": "the request's raw bytes", "wire": "the wire bytes (W)",
    "tab": "the response tab", "bytes": "request bytes received", "size": "body size", Query.json: "JSON",
    "last": "last message received", "close": "close code", "received": "messages received",
    "sent": "messages sent", "websockets": "WebSockets open", "memory": "memory in MB", "pongs": "pongs received",
  ]

  static func words(_ expression: CheckExpression) -> String {
    switch expression {
    case .comparison(let comparison):
      let query = comparison.query
      let name = names[query.field] ?? query.field
      let field =
        query.field == Query.json ? "JSON \(query.text)" : (query.argument.map { "\(name) \($0)" } ?? name)
      guard let value = comparison.value else { return "\(field) \(comparison.predicate.words)" }
      let shown = [.contains, .startsWith, .matches].contains(comparison.predicate) ? "\"\(value.text)\"" : value.text
      return comparison.predicate == .equals ? "\(field) \(shown)" : "\(field) \(comparison.predicate.words) \(shown)"
    case .not(let inner): return "not (\(words(inner)))"
    case .all(let parts): return parts.map(words).joined(separator: ", ")
    case .any(let parts): return "either " + parts.map(words).joined(separator: " or ")
    }
  }
}
