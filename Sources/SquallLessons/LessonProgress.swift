/// How far a learner got in one lesson: the steps done, the step in view, the hints shown.
/// Saved per lesson file under `$XDG_STATE_HOME/squall/lessons.json`.
package struct LessonProgress: Codable, Equatable, Sendable {
  package var done: Set<Int> = []
  package var current = 0
  /// Hints revealed per step.
  package var hints: [Int: Int] = [:]
  /// "What you saw" per step done, with the learner's own numbers (`> saw:` filled in).
  package var saw: [Int: String] = [:]

  package init() {}

  enum CodingKeys: String, CodingKey { case done, current, hints, saw }

  /// Files written before `saw` existed read as having none.
  package init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    done = try container.decodeIfPresent(Set<Int>.self, forKey: .done) ?? []
    current = try container.decodeIfPresent(Int.self, forKey: .current) ?? 0
    hints = try container.decodeIfPresent([Int: Int].self, forKey: .hints) ?? [:]
    saw = try container.decodeIfPresent([Int: String].self, forKey: .saw) ?? [:]
  }

  package func isComplete(_ lesson: Lesson) -> Bool { done.count >= lesson.steps.count }
}
