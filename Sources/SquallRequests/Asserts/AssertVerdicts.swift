import SquallChecks

/// A saved request's asserts decided against its response, and its captures read from it.
/// Pure: no I/O.
package struct AssertVerdicts: Equatable, Sendable {
  /// One assert: as written, and whether it held, with what was there when not; or why it
  /// does not read (its column in the assert).
  package struct Verdict: Equatable, Sendable {
    package var text: String
    package var outcome: Outcome

    package enum Outcome: Equatable, Sendable {
      case held
      /// The comparisons that failed, each with what was there: `status == 200: got 404`.
      case failed([String])
      case unreadable(CheckSyntaxError)
    }

    package var held: Bool { outcome == .held }
  }

  package var verdicts: [Verdict]
  /// Variables set by the captures, in order.
  package var captured: [(name: String, value: String)]
  /// Captures that found nothing or do not read: `token: $.token is not in the response`.
  package var captureProblems: [String]

  package static func == (left: AssertVerdicts, right: AssertVerdicts) -> Bool {
    left.verdicts == right.verdicts && left.captured.map(\.name) == right.captured.map(\.name)
      && left.captured.map(\.value) == right.captured.map(\.value) && left.captureProblems == right.captureProblems
  }

  /// Whether every assert held and every capture found its value.
  package var passed: Bool { verdicts.allSatisfy(\.held) && captureProblems.isEmpty }

  package init(asserts: [String], captures: [RequestSpec.Capture], response: ResponseFacts) {
    verdicts = asserts.map { text in
      switch CheckParser.parse(text, subject: ResponseFacts.subject) {
      case .failure(let error): return Verdict(text: text, outcome: .unreadable(error))
      case .success(let expression):
        let misses = CheckEvaluator.misses(expression, response.value(of:))
        return Verdict(text: text, outcome: misses.isEmpty ? .held : .failed(misses.map(\.text)))
      }
    }
    captured = []
    captureProblems = []
    for capture in captures {
      switch Self.query(capture.query) {
      case .failure(let error):
        captureProblems.append("\(capture.name): column \(error.column) of \"\(capture.query)\": \(error.message)")
      case .success(let query):
        if let value = response.value(of: query) {
          captured.append((capture.name, value.shown))
        } else {
          captureProblems.append("\(capture.name): \(capture.query) is not in the response")
        }
      }
    }
  }

  /// A capture's query alone (`$.token`, `header.Location`), read by the check grammar.
  static func query(_ text: String) -> Result<Query, CheckSyntaxError> {
    CheckParser.parse("\(text) exists", subject: ResponseFacts.subject).flatMap { expression in
      guard case .comparison(let comparison) = expression, comparison.predicate == .exists else {
        return .failure(CheckSyntaxError(column: 1, "a capture reads one value, as $.token or header.Location"))
      }
      return .success(comparison.query)
    }
  }
}
