import Foundation
import SquallRequests
import SquallValues

extension BuilderResponse {
  /// The answer as asserts read it. Pure.
  var facts: ResponseFacts {
    ResponseFacts(
      method: entry.method, url: effectiveURL, status: entry.status, reason: entry.reason,
      headers: entry.responseHeaders.map { ($0.0, $0.1) }, requestHeaders: entry.requestHeaders.map { ($0.0, $0.1) },
      body: body.isEmpty ? entry.responseBody : body,
      duration: entry.duration, error: entry.error == nil ? "" : (entry.failure?.rawValue ?? "other"))
  }
}

extension BuilderState {
  /// The request's asserts and captures decided on the last answer; nil when it has none or
  /// nothing came back. Made from the request as it is now, so an assert edited in its file
  /// and reopened is decided at once on the answer in view. Pure.
  package var assertVerdicts: AssertVerdicts? {
    guard let response, burst == nil, !spec.asserts.isEmpty || !spec.captures.isEmpty else { return nil }
    return AssertVerdicts(asserts: spec.asserts, captures: spec.captures, response: response.facts)
  }
}

extension BuilderResponseView {
  /// `✓ 3 asserts` or `✗ 1 of 3 asserts`: the status line's word on them.
  static func assertSummary(_ verdicts: AssertVerdicts) -> String {
    let failed = verdicts.verdicts.filter { !$0.held }.count + verdicts.captureProblems.count
    let total = verdicts.verdicts.count + verdicts.captured.count + verdicts.captureProblems.count
    let noun = verdicts.verdicts.isEmpty ? "capture" : "assert"
    return failed == 0 ? "✓ \(total) \(noun)\(total == 1 ? "" : "s")" : "✗ \(failed) of \(total) failed"
  }

  /// The Asserts tab: each assert with its verdict and, when it failed, what was there; each
  /// capture with the value it took; or how to add them.
  static func assertLines(_ builder: BuilderState, width: Int) -> [Line] {
    guard let verdicts = builder.assertVerdicts else {
      return wrap(
        "No asserts: a saved request's file can hold \"asserts\" (\"status == 200\", \"$.id exists\") and "
          + "\"captures\" ({\"name\": \"token\", \"query\": \"$.token\"}); they are decided here after each send, "
          + "and by squall requests test.", width, .dim)
    }
    var out: [Line] = []
    for verdict in verdicts.verdicts {
      switch verdict.outcome {
      case .held:
        out += wrap("✓ \(TerminalSafe.escape(verdict.text))", width, .success)
      case .failed(let misses):
        out += wrap("✗ \(TerminalSafe.escape(verdict.text))", width, .error)
        for miss in misses { out += wrap("    " + TerminalSafe.escape(miss), width, .error) }
      case .unreadable(let error):
        out += wrap(
          TerminalSafe.escape("✗ \(verdict.text): does not read: column \(error.column): \(error.message)"), width,
          .error)
      }
    }
    for (name, value) in verdicts.captured {
      out += wrap("captured {{\(TerminalSafe.escape(name))}} = \(TerminalSafe.escape(value))", width, .normal)
    }
    for problem in verdicts.captureProblems { out += wrap("✗ capture " + TerminalSafe.escape(problem), width, .error) }
    return out
  }
}
