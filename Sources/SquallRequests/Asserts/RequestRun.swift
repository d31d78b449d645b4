import SquallChecks

/// One saved request as `squall requests test` ran it: what was sent, what came back, and
/// what its asserts and captures made of it. Pure.
package struct RequestRun: Equatable, Sendable {
  package enum Result: Equatable, Sendable {
    /// It was sent and answered (or failed in a way its asserts expected): the verdicts.
    case answered(ResponseFacts, AssertVerdicts)
    /// No answer, and no assert said that was expected: the client's words.
    case transportFailed(ResponseFacts, String)
    /// It could not be sent: a file that does not read, a variable not known.
    case notSent(String)
  }

  package var name: String
  package var result: Result

  package init(name: String, result: Result) {
    self.name = name
    self.result = result
  }

  /// The run of a request whose response came as `response` (599 with `error` when none
  /// came): its asserts decide; without an assert, a missing answer is a transport failure.
  package static func decide(
    name: String, spec: RequestSpec, response: ResponseFacts, transportError: String?
  ) -> RequestRun {
    let verdicts = AssertVerdicts(asserts: spec.asserts, captures: spec.captures, response: response)
    // No answer passes only when an assert says it expects none (`error == timeout`, `status
    // == 599`); `status != 500` holding on a refused connection is no reason to pass.
    let expectsNone = spec.asserts.contains { text in
      guard case .success(let expression) = CheckParser.parse(text, subject: ResponseFacts.subject) else {
        return false
      }
      return expression.comparisons.contains {
        $0.query.field == "error" || ($0.query.field == "status" && $0.value?.number == 599)
      }
    }
    if let transportError, !expectsNone || !verdicts.passed {
      return RequestRun(name: name, result: .transportFailed(response, transportError))
    }
    return RequestRun(name: name, result: .answered(response, verdicts))
  }

  package var passed: Bool {
    if case .answered(_, let verdicts) = result { return verdicts.passed }
    return false
  }

  /// The failures in words, one per line: each failed comparison, each unreadable assert,
  /// each capture that found nothing, or why it was not sent or not answered.
  package var failures: [String] {
    switch result {
    case .answered(_, let verdicts):
      let asserts = verdicts.verdicts.flatMap { verdict -> [String] in
        switch verdict.outcome {
        case .held: []
        case .failed(let misses): misses
        case .unreadable(let error):
          ["assert \"\(verdict.text)\" does not read: column \(error.column): \(error.message)"]
        }
      }
      return asserts + verdicts.captureProblems.map { "capture \($0)" }
    case .transportFailed(_, let words): return ["no answer: \(words)"]
    case .notSent(let words): return ["not sent: \(words)"]
    }
  }

  /// `squall requests test`'s exit status for these runs: 0 when every request passed, 2 when
  /// one got no answer (or was not sent), else 1 when an assert failed.
  package static func exitStatus(_ runs: [RequestRun]) -> Int32 {
    if runs.allSatisfy(\.passed) { return 0 }
    let transport = runs.contains {
      switch $0.result {
      case .transportFailed, .notSent: true
      case .answered: false
      }
    }
    return transport ? 2 : 1
  }
}
