import ArgumentParser
import Foundation
import Squall
import SquallPlayground

struct LessonsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lessons", abstract: "List, show and check the guided lessons (Tutorials/NN-*.md).",
    subcommands: [List.self, Show.self, Check.self], defaultSubcommand: List.self)

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the lessons.")
    func run() throws {
      let state = LessonLoader.load()
      for (index, lesson) in state.lessons.enumerated() {
        print("\(index + 1). \(TerminalSafe.escape(lesson.title))  (\(lesson.file))")
      }
      if let problem = state.problem {
        FileHandle.standardError.write(Data("squall: \(problem)\n".utf8))
        throw ExitCode(1)
      }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print lesson N.")
    @Argument(help: "The lesson's number, as `squall lessons list` shows it.") var number: Int
    func run() throws {
      let lessons = LessonLoader.load().lessons
      guard (1...max(1, lessons.count)).contains(number), number <= lessons.count else {
        throw ValidationError("there are \(lessons.count) lessons; pick 1...\(lessons.count)")
      }
      print(TerminalSafe.escape(lessons[number - 1].text, keepNewlines: true))
    }
  }

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check that every lesson file can be read.")
    func run() throws {
      let state = LessonLoader.load()
      if let problem = state.problem {
        FileHandle.standardError.write(Data("squall: \(problem)\n".utf8))
        throw ExitCode(1)
      }
      print("\(state.lessons.count) lessons OK")
    }
  }
}
