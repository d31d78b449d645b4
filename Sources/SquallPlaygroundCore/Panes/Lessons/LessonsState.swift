import SquallLessons
import SquallRequests

/// The lessons pane: the lessons, the one open, progress per lesson, problems with files.
public struct LessonsState: Sendable {
  public var lessons: [Lesson]
  /// Lesson files that could not be used, as `file:line: message`.
  public var problems: [String]
  /// Where the lessons came from ("built in", or a folder).
  public var origin: String
  public var selection = 0
  /// Whether the selected lesson is open (and its current step is being checked).
  public var reading = false
  public var scroll = 0
  /// Progress by lesson file.
  public var progress: [String: LessonProgress] = [:]
  /// The learner's own request, put aside while a lesson is open (each lesson starts from a
  /// clean builder); it comes back when the lesson is left.
  public var parkedRequest: RequestSpec?
  /// The saved request the parked one was (its answers are kept as its last response).
  public var parkedCollectionName: String?
  /// The builder's first request id that belongs to the current step: an answer to a request
  /// sent before the lesson opened, or before the step was moved to, passes none of its checks.
  public var firstSendID = 0
  /// `R` was pressed once on a lesson with progress: a second `R` resets it.
  public var resetAsked = false

  public init(lessons: [Lesson] = [], problems: [String] = [], origin: String = "built in") {
    self.lessons = lessons
    self.problems = problems
    self.origin = origin
  }

  public init(_ library: LessonLibrary) {
    self.init(lessons: library.lessons, problems: library.problems.map(\.description), origin: library.origin)
  }

  /// The open lesson, if any.
  public var open: Lesson? { reading && lessons.indices.contains(selection) ? lessons[selection] : nil }

  /// The saved progress, its step kept within the lesson (a lesson file may have lost steps since).
  public func progress(of lesson: Lesson) -> LessonProgress {
    var saved = progress[lesson.file] ?? LessonProgress()
    saved.current = min(max(0, saved.current), max(0, lesson.steps.count - 1))
    saved.done = saved.done.filter { lesson.steps.indices.contains($0) }
    return saved
  }
}
