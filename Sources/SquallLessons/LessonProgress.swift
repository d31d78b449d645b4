/// How far a learner got in one lesson: the steps done, the step in view, the hints shown.
/// Saved per lesson file under `$XDG_STATE_HOME/squall/lessons.json`.
package struct LessonProgress: Codable, Equatable, Sendable {
  package var done: Set<Int> = []
  package var current = 0
  /// Hints revealed per step.
  package var hints: [Int: Int] = [:]
  /// "What you saw" per step done, with the learner's own numbers (`> saw:` filled in).
  package var saw: [Int: String] = [:]
  /// Steps whose solution the learner asked to see (`h` once the hints are spent).
  package var solutions: Set<Int> = []
  /// `> predict:` per step: what the learner guessed before acting.
  package var predictions: [Int: String] = [:]
  /// `> predict:` per step done: the guess beside what the exchange that passed it showed.
  package var outcomes: [Int: PredictionOutcome] = [:]

  package init() {}

  enum CodingKeys: String, CodingKey { case done, current, hints, saw, solutions, predictions, outcomes }

  /// Files written before `saw`, `solutions` and the predictions existed read as having none.
  package init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    done = try container.decodeIfPresent(Set<Int>.self, forKey: .done) ?? []
    current = try container.decodeIfPresent(Int.self, forKey: .current) ?? 0
    hints = try container.decodeIfPresent([Int: Int].self, forKey: .hints) ?? [:]
    saw = try container.decodeIfPresent([Int: String].self, forKey: .saw) ?? [:]
    solutions = try container.decodeIfPresent(Set<Int>.self, forKey: .solutions) ?? []
    predictions = try container.decodeIfPresent([Int: String].self, forKey: .predictions) ?? [:]
    outcomes = try container.decodeIfPresent([Int: PredictionOutcome].self, forKey: .outcomes) ?? [:]
  }

  package func isComplete(_ lesson: Lesson) -> Bool { done.count >= lesson.steps.count }
}

/// A prediction judged: what the learner guessed (nil: they acted before guessing), what the
/// step's exchange showed (nil: nothing there) and whether they are the same.
package struct PredictionOutcome: Codable, Equatable, Sendable {
  package var guess: String?
  package var seen: String?
  package var right: Bool

  package init(guess: String?, seen: String?, right: Bool) {
    self.guess = guess
    self.seen = seen
    self.right = right
  }
}
