import Foundation

/// The lessons a run uses: `$SQUALL_TUTORIALS`, else a `Tutorials/` folder in the current
/// directory (for lesson authors), else the lessons built into the binary — so `squall` copied
/// anywhere still has them. Files with problems are reported with file and line and left out;
/// the others load.
package struct LessonLibrary: Sendable {
  package var lessons: [Lesson]
  package var problems: [LessonParser.Problem]
  /// Where they came from: a folder, or "built in".
  package var origin: String

  /// Each check still written in the old `field=value` form, with its file and line and the
  /// same check in the grammar (`squall lessons check` prints them; they still work). Pure.
  package var oldForms: [LessonParser.Problem] {
    lessons.flatMap { lesson in
      lesson.steps.filter(\.check.legacy).map { step in
        LessonParser.Problem(
          file: lesson.file, line: step.checkLine, message: "old check form; write: > check: \(step.check.text)")
      }
    }
  }

  /// The lessons built into the binary (a `squall` copied anywhere has them). Pure.
  package static var builtIn: LessonLibrary {
    parse(EmbeddedLessons.files.map { ($0.name, $0.text) }, origin: "built in")
  }

  package static func parse(
    _ files: [(String, String)], origin: String, snippets: SnippetSource = .builtIn
  ) -> LessonLibrary {
    var lessons: [Lesson] = []
    var problems: [LessonParser.Problem] = []
    for (name, text) in files {
      switch LessonParser.parse(text, file: name, snippets: snippets) {
      case .success(let lesson): lessons.append(lesson)
      case .failure(let found): problems += found
      }
    }
    return LessonLibrary(lessons: lessons, problems: problems, origin: origin)
  }
}
