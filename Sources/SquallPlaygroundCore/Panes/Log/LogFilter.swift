import Foundation
import SquallChecks
import SquallValues

/// What the Log's filter line means: a query in the check grammar (`status >= 400 and method
/// == POST`, `header.Content-Type contains json`, `duration > 100ms`), or the short form, a word
/// (`404`, `4xx`, `POST`, `refused`, text in the target or the error). Text that starts like a
/// query (a field, then more) but does not read is `invalid`, with the grammar's words, and
/// matches nothing. Read once per frame, not once per entry. Pure.
package enum LogFilter: Equatable, Sendable {
  case none
  case text(String)
  case query(CheckExpression)
  case invalid(CheckSyntaxError)

  /// What a query reads from an entry: an exchange's fields, and its direction.
  package static let subject = Subject(
    "the log", fields: Subject.exchangeFields + [.init("direction", .text, "`served` (←) or `sent` (→)")],
    readsJSON: true)

  package init(_ typed: String) {
    let text = typed.trimmingCharacters(in: .whitespaces)
    guard !text.isEmpty else {
      self = .none
      return
    }
    switch CheckParser.parse(text, subject: Self.subject) {
    case .success(let expression): self = .query(expression)
    case .failure(let error):
      // One word is the short form; a field and more is a query being written.
      let words = text.split(separator: " ", maxSplits: 1)
      let first = words[0].split(separator: ".", maxSplits: 1)[0]
      let queryLike =
        (Self.subject.field(String(first)) != nil || first.hasPrefix("$") || first == "not" || first.hasPrefix("("))
        && (words.count > 1 || text.contains { "=<>!".contains($0) })
      self = queryLike ? .invalid(error) : .text(text)
    }
  }

  /// Whether `entry` passes.
  package func admits(_ entry: LogEntry) -> Bool {
    switch self {
    case .none: true
    case .text(let text): entry.matches(text)
    case .query(let expression): CheckEvaluator.holds(expression, entry.value(of:))
    case .invalid: false
    }
  }
}

extension LogEntry {
  /// A query's value: the exchange as the grammar reads it (`header` is the response's,
  /// `reqheader` the request's; `body` and `$.PATH` the response body). Pure.
  func value(of query: Query) -> CheckValue? {
    switch query.field {
    case "status": return .number(Double(status))
    case "reason": return .text(reason)
    case "method": return .text(method)
    case "direction": return .text(direction == .served ? "served" : "sent")
    case "path", "query":
      let origin = requestTarget ?? target
      let withoutScheme =
        origin.range(of: "://").map { origin[$0.upperBound...].drop { $0 != "/" } } ?? Substring(origin)
      let parts = withoutScheme.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
      if query.field == "path" { return .text(parts.first.map(String.init) ?? "") }
      return .text(parts.count > 1 ? String(parts[1]) : "")
    case "header", "reqheader":
      let name = query.argument?.lowercased()
      return (query.field == "header" ? responseHeaders : requestHeaders).first { $0.0.lowercased() == name }
        .map { .text($0.1) }
    case "body": return .text(String(decoding: responseBody, as: UTF8.self))
    case "size": return .number(Double(responseBodySize))
    case "duration": return .number(duration)
    case "error":
      // The client's word (`timeout`…), `other` for a failure it did not classify, `refused`
      // for the server's own refusal, `none` for an answer.
      return .text(failure?.rawValue ?? (error != nil ? "other" : (refusal != nil ? "refused" : "none")))
    case Query.json:
      return JSONPaths.flatten(responseBody).first { $0.path == (query.argument ?? "") }.map { .text($0.value) }
    default: return nil
    }
  }
}
