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
    case .failure(var error):
      error.column += typed.prefix { $0 == " " || $0 == "\t" }.count  // in the text as typed
      // One word is the short form; a field and more is a query being written.
      let words = text.split(separator: " ", maxSplits: 1)
      let first = words[0].prefix { $0 != "." }
      let queryLike =
        (Self.subject.field(String(first)) != nil || first.hasPrefix("$") || first == "not" || first.hasPrefix("("))
        && (words.count > 1 || text.contains { "=<>!".contains($0) })
      self = queryLike ? .invalid(error) : .text(text)
    }
  }

  /// Whether `entry` passes.
  package func admits(_ entry: LogEntry) -> Bool {
    switch self {
    case .none: return true
    case .text(let text): return entry.matches(text)
    case .query(let expression):
      // The entry's facts (its details made, where deferred) once, however many terms read them.
      let facts = entry.facts
      return CheckEvaluator.holds(expression, facts.value(of:))
    case .invalid: return false
    }
  }
}

extension LogEntry {
  /// The entry as checks read it: `header` is the response's, `reqheader` the request's;
  /// `error` the client's word, `other` for a failure it did not classify, `refused` for the
  /// server's own refusal. Pure.
  var facts: ExchangeFacts {
    let word = failure?.rawValue ?? (error != nil ? "other" : (refusal != nil ? "refused" : ""))
    let details = self.details  // made once, where the entry deferred them
    return ExchangeFacts(
      method: method, url: requestTarget ?? target, status: status, reason: reason,
      headers: details.responseHeaders.map { ($0.0, $0.1) },
      requestHeaders: details.requestHeaders.map { ($0.0, $0.1) }, body: details.responseBody,
      size: responseBodySize, duration: duration, error: word,
      extra: ["direction": direction == .served ? "served" : "sent"])
  }

}
