import SquallChecks
import SquallValues

/// A response as asserts and captures read it: the request's method and URL, the answer's
/// status, reason, headers and body, how long it took, and the client's error word when there
/// was no answer (`timeout`, `refused`, `closed`…; status 599 then, as Tornado's client says).
/// Pure.
package struct ResponseFacts: Equatable, Sendable {
  package var method: String
  package var url: String
  package var status: Int
  package var reason: String
  package var headers: [(name: String, value: String)]
  package var body: [UInt8]
  /// Seconds.
  package var duration: Double
  /// Empty when an answer came.
  package var error: String

  package init(
    method: String, url: String, status: Int, reason: String = "", headers: [(name: String, value: String)] = [],
    body: [UInt8] = [], duration: Double = 0, error: String = ""
  ) {
    self.method = method
    self.url = url
    self.status = status
    self.reason = reason
    self.headers = headers
    self.body = body
    self.duration = duration
    self.error = error
  }

  package static func == (left: ResponseFacts, right: ResponseFacts) -> Bool {
    left.method == right.method && left.url == right.url && left.status == right.status
      && left.reason == right.reason && left.headers.map(\.name) == right.headers.map(\.name)
      && left.headers.map(\.value) == right.headers.map(\.value) && left.body == right.body
      && left.duration == right.duration && left.error == right.error
  }

  /// What asserts and captures read: a saved request's response.
  package static let subject = Subject("response", fields: Subject.exchangeFields, readsJSON: true)

  /// A query's value: numbers as numbers, a header's first value by name in any case (nil
  /// when it was not sent), `$.PATH` from a JSON body (nil when it is not JSON or has nothing
  /// there).
  package func value(of query: Query) -> CheckValue? {
    switch query.field {
    case "status": return .number(Double(status))
    case "reason": return .text(reason)
    case "method": return .text(method)
    case "path", "query":
      let withoutScheme = url.range(of: "://").map { url[$0.upperBound...] } ?? Substring(url)
      let pathAndQuery = withoutScheme.drop { $0 != "/" }
      let parts = pathAndQuery.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
      let path = parts.first.map(String.init).flatMap { $0.isEmpty ? nil : $0 } ?? "/"
      let queryText = parts.count > 1 ? String(parts[1].prefix { $0 != "#" }) : ""
      return .text(query.field == "path" ? String(path.prefix { $0 != "#" }) : queryText)
    case "header", "reqheader":
      guard query.field == "header", let name = query.argument?.lowercased() else { return nil }
      return headers.first { $0.name.lowercased() == name }.map { .text($0.value) }
    case "body": return .text(String(decoding: body, as: UTF8.self))
    case "size": return .number(Double(body.count))
    case "duration": return .number(duration)
    case "error": return .text(error.isEmpty ? "none" : error)
    case Query.json:
      return JSONPaths.flatten(body).first { $0.path == (query.argument ?? "") }.map { .text($0.value) }
    default: return nil
    }
  }
}
