import Foundation
import SquallChecks

/// `> predict: status: What will the server answer to a POST?` — a step asks the learner to
/// guess a value before acting; once its check passes, the guess is shown beside what the
/// check saw (and `> saw:` explains the difference). The query is any field of the step's
/// check (`status`, `header.Allow`, `count`, `$.items[0]`), read from the same exchange that
/// passed the step. Pure.
package struct Prediction: Equatable, Sendable {
  package var query: Query
  /// What the learner is asked, as written.
  package var question: String

  package init(query: Query, question: String) {
    self.query = query
    self.question = question
  }

  /// Reads `QUERY: QUESTION` for a step checked by `kind`; the problem in words otherwise.
  package static func parse(_ text: String, kind: Check.Kind) -> Parsed<Prediction> {
    guard !kind.isState else {
      return .failure(
        "\"> predict:\" needs a check that watches an event (served, sent, refused, burst, compared); "
          + "a \(kind.rawValue) check reads the pane's state, with nothing to predict")
    }
    guard let colon = text.firstIndex(of: ":") else {
      return .failure("\"> predict:\" is QUERY: QUESTION (> predict: status: What will the server answer?)")
    }
    let field = text[..<colon].trimmingCharacters(in: .whitespaces)
    let question = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    guard !question.isEmpty else { return .failure("\"> predict:\" asks a question after the query and its colon") }
    // The query is read by the check grammar, so its fields and messages are the check's.
    switch CheckParser.parse("\(field) exists", subject: kind.subject) {
    case .success(.comparison(let comparison)):
      return .success(Prediction(query: comparison.query, question: question))
    case .success:
      return .failure("\"> predict:\" names one field of the check (status, header.Allow, $.id), not a condition")
    case .failure(let error):
      return .failure("\"> predict:\" \(field): \(error.message)")
    }
  }

  /// Whether `guess` is what was seen: numbers as numbers (`405`, `100ms`), text without
  /// regard to case or the spaces around it; nothing seen matches `none`. Pure.
  package static func judge(_ guess: String, _ actual: CheckValue?) -> Bool {
    let guess = guess.trimmingCharacters(in: .whitespaces)
    guard let actual else { return ["none", "nothing", "-"].contains(guess.lowercased()) }
    if CheckEvaluator.holds(Comparison(Query("x"), .equals, Literal(guess)), actual) { return true }
    return actual.shown.trimmingCharacters(in: .whitespaces).lowercased() == guess.lowercased()
  }
}

extension Step {
  /// The step's prediction judged against the observation that passed it: nil when the step
  /// asks for none. Pure.
  package func judge(_ guess: String?, _ observation: Observation) -> PredictionOutcome? {
    guard let prediction, let lookup = observation.lookup(for: check.kind) else { return nil }
    let seen = lookup(prediction.query)
    return PredictionOutcome(
      guess: guess, seen: seen?.shown, right: guess.map { Prediction.judge($0, seen) } ?? false)
  }
}

extension PredictionOutcome {
  /// `You predicted 404; it was 405.` — the coach's line and the step's message.
  package var inWords: String {
    let seen = self.seen.map { "it was \($0)" } ?? "nothing was there"
    guard let guess else { return "You made no prediction; \(seen)." }
    return right ? "You predicted \(guess): right, \(seen)." : "You predicted \(guess); \(seen)."
  }
}
