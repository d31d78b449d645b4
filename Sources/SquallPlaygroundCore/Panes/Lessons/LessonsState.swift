import SquallLessons
import SquallRequests

/// The lessons pane: the lessons, the one open, progress per lesson, problems with files.
package struct LessonsState: Sendable {
  package var lessons: [Lesson]
  /// Lesson files that could not be used, as `file:line: message`.
  package var problems: [String]
  /// Where the lessons came from ("built in", or a folder).
  package var origin: String
  package var selection = 0
  /// Whether the selected lesson is open (and its current step is being checked).
  package var reading = false
  package var scroll = 0
  /// Progress by lesson file.
  package var progress: [String: LessonProgress] = [:]
  /// The learner's own request, put aside while a lesson is open (each lesson starts from a
  /// clean builder); it comes back when the lesson is left.
  package var parkedRequest: RequestSpec?
  /// The saved request the parked one was (its answers are kept as its last response).
  package var parkedCollectionName: String?
  /// The learner's own server (app, routes, options), put aside while a lesson that sets up
  /// the server is open; it comes back when the lesson is left.
  package var parkedServer: ServerPaneState.Setup?
  /// Each lesson's server as it was left (by lesson file), so that opening it again finds its
  /// routes and options, a route the learner added in a step among them.
  package var lessonServers: [String: ServerPaneState.Setup] = [:]
  /// The builder's first request id that belongs to the current step: an answer to a request
  /// sent before the lesson opened, or before the step was moved to, passes none of its checks.
  package var firstSendID = 0
  /// `R` was pressed once on a lesson with progress: a second `R` resets it.
  package var resetAsked = false
  /// The prediction being written (`e`), while its field is open.
  package var predicting: TextField?

  package init(lessons: [Lesson] = [], problems: [String] = [], origin: String = "built in") {
    self.lessons = lessons
    self.problems = problems
    self.origin = origin
  }

  package init(_ library: LessonLibrary) {
    self.init(lessons: library.lessons, problems: library.problems.map(\.description), origin: library.origin)
  }

  /// The open lesson, if any.
  package var open: Lesson? { reading && lessons.indices.contains(selection) ? lessons[selection] : nil }

  /// Whether the open lesson's current step asks for a prediction and is not done yet.
  var asksPrediction: Bool {
    guard let lesson = open else { return false }
    let progress = progress(of: lesson)
    return lesson.steps[progress.current].prediction != nil && !progress.done.contains(progress.current)
  }

  /// The saved progress, its step kept within the lesson (a lesson file may have lost steps since).
  package func progress(of lesson: Lesson) -> LessonProgress {
    var saved = progress[lesson.file] ?? LessonProgress()
    saved.current = min(max(0, saved.current), max(0, lesson.steps.count - 1))
    saved.done = saved.done.filter { lesson.steps.indices.contains($0) }
    return saved
  }
}
