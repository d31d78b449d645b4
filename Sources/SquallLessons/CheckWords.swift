import Foundation

extension Check {
  /// The check in words, as the lesson pane's coach says it: `the server answers a request:
  /// method GET, path /, status 200, body containing "Hello, world"`. Pure.
  package var inWords: String {
    let words = conditions.map { condition -> String in
      // The check's field names in a learner's words, with their units.
      let names = [
        "reqheader": "request header", "header": "response header", "p50": "median time", "code": "status",
        "raw": "the answer's raw bytes", "rawrequest": "the request's raw bytes", "wire": "the wire bytes (W)",
        "tab": "the response tab", "bytes": "request bytes received",
      ]
      let name = names[condition.field] ?? condition.field
      let field = condition.argument.map { "\(name) \($0)" } ?? name
      let seconds = ["duration", "p50", "max", "delay"].contains(condition.field) ? " s" : ""
      switch condition.op {
      case .equals: return "\(field) \(condition.value)\(seconds)"
      case .contains: return "\(field) containing \"\(condition.value)\""
      case .atLeast: return "\(field) ≥ \(condition.value)\(seconds)"
      case .atMost: return "\(field) ≤ \(condition.value)\(seconds)"
      }
    }.joined(separator: ", ")
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
    }
    return words.isEmpty ? subject : "\(subject): \(words)"
  }
}
