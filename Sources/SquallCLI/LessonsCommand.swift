import ArgumentParser
import Foundation
import Squall
import SquallLessons
import SquallPlayground
import SquallRequests
import SquallStorage
import SquallValues

struct LessonsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lessons",
    abstract: "List, show, check, verify and reset the guided lessons.",
    discussion: """
      The lessons are built into squall; a Tutorials/ folder in the current directory, or \
      SQUALL_TUTORIALS=DIR, is used instead (for lesson authors). Progress is kept in \
      $XDG_STATE_HOME/squall/lessons.json.
      """,
    subcommands: [List.self, Show.self, Check.self, Verify.self, Reset.self], defaultSubcommand: List.self)

  static var progressFile: URL { StateStore().directory.appendingPathComponent("lessons.json") }

  static func fail(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("squall: \(TerminalSafe.escape(message))\n".utf8))
    return ExitCode(1)
  }

  /// Lesson `number` (1-based), or one clear line saying which numbers exist.
  static func lesson(_ number: String, in lessons: [Lesson]) throws -> (Int, Lesson) {
    guard let value = Int(number), lessons.indices.contains(value - 1) else {
      throw fail("there is no lesson \(number); the lessons are 1 to \(lessons.count) (squall lessons list)")
    }
    return (value - 1, lessons[value - 1])
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "List the lessons and your progress.")
    func run() throws {
      let library = LessonLibrary.load()
      let progress = AtomicFile.readJSON([String: LessonProgress].self, from: LessonsCommand.progressFile).value ?? [:]
      for (index, lesson) in library.lessons.enumerated() {
        let done = progress[lesson.file]?.done.count ?? 0
        let mark = done == lesson.steps.count ? "✓" : done > 0 ? "…" : " "
        print("\(mark) \(index + 1). \(TerminalSafe.escape(lesson.title))  \(done)/\(lesson.steps.count) steps")
      }
      if !library.problems.isEmpty {
        for problem in library.problems { FileHandle.standardError.write(Data("squall: \(problem)\n".utf8)) }
        throw ExitCode(1)
      }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show", abstract: "Print lesson N as text, code indentation intact.")
    @Argument(help: "The lesson's number, as `squall lessons list` shows it.") var number: String
    func run() throws {
      let (_, lesson) = try LessonsCommand.lesson(number, in: LessonLibrary.load().lessons)
      print(TerminalSafe.escape(lesson.expanded, keepNewlines: true), terminator: "")
    }
  }

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      abstract: "Check every lesson file: steps with an action, a check and a hint; known check kinds and fields.")
    @Argument(help: "A folder of lesson files (default: the lessons in use).") var directory: String?
    func run() throws {
      let library = directory.map { LessonLibrary.load(directory: $0) } ?? LessonLibrary.load()
      for problem in library.problems { FileHandle.standardError.write(Data("\(problem)\n".utf8)) }
      if !library.problems.isEmpty { throw ExitCode(1) }
      // Old forms still work: named, with the new form to paste, and not an error.
      let old = library.oldForms
      for form in old { FileHandle.standardError.write(Data("\(form)\n".utf8)) }
      let steps = library.lessons.reduce(0) { $0 + $1.steps.count }
      let note = old.isEmpty ? "" : "; \(old.count) check\(old.count == 1 ? "" : "s") in the old form (still read)"
      let lessonsWord = library.lessons.count == 1 ? "lesson" : "lessons"
      print(
        "\(library.lessons.count) \(lessonsWord), \(steps) step\(steps == 1 ? "" : "s"), all valid (\(library.origin))\(note)"
      )
    }
  }

  struct Reset: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "reset", abstract: "Forget the progress of lesson N, or of every lesson.")
    @Argument(help: "The lesson's number; none resets them all.") var number: String?
    func run() throws {
      let file = LessonsCommand.progressFile
      var progress = AtomicFile.readJSON([String: LessonProgress].self, from: file).value ?? [:]
      if let number {
        let (_, lesson) = try LessonsCommand.lesson(number, in: LessonLibrary.load().lessons)
        progress[lesson.file] = nil
        print("Lesson \(number) (\(lesson.title)) starts again from step 1.")
      } else {
        progress = [:]
        print("Every lesson starts again from step 1.")
      }
      do { try AtomicFile.writeJSON(progress, to: file) } catch {
        throw LessonsCommand.fail("cannot write \(file.path): \(error)")
      }
    }
  }
}
