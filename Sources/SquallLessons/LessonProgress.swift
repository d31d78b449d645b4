/// How far a learner got in one lesson: the steps done, the step in view, the hints shown.
/// Saved per lesson file under `$XDG_STATE_HOME/squall/lessons.json`.
public struct LessonProgress: Codable, Equatable, Sendable {
  public var done: Set<Int> = []
  public var current = 0
  /// Hints revealed per step.
  public var hints: [Int: Int] = [:]

  public init() {}

  public func isComplete(_ lesson: Lesson) -> Bool { done.count >= lesson.steps.count }
}
