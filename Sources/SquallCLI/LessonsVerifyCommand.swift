import ArgumentParser
import Foundation
import NIOCore
import NIOPosix
import SquallLessons
import SquallPlayground
import SquallStorage
import SquallValues

extension LessonsCommand {
  /// `squall lessons verify`: every step of every lesson passed by its `> solution:` lines, in
  /// a playground without a screen, as rustlings checks its exercises' solutions, and more: each
  /// step must not be done before its solution.
  struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "verify",
      abstract: "Run every lesson's solutions headless: each step not done before them, done after.",
      discussion: """
        Starts the playground without a screen (the real hosted server and client on 127.0.0.1), \
        opens each lesson in order and runs each step's "> solution:" lines. A step that is done \
        before its solution, not done within 20 s after it, or has no solution is reported with \
        its file and line, and that lesson stops there. Lessons that compare with Tornado are \
        skipped, and said so, when python3 cannot import tornado. Exit status 0 when every step \
        passed, 1 otherwise.
        """)
    @Argument(help: "A folder of lesson files (default: the lessons in use).") var directory: String?
    @Option(help: "Only lesson N (its number in the folder).") var only: Int?

    func run() async throws {
      let library = directory.map { LessonLibrary.load(directory: $0) } ?? LessonLibrary.load()
      for problem in library.problems { FileHandle.standardError.write(Data("\(problem)\n".utf8)) }
      if !library.problems.isEmpty { throw ExitCode(1) }
      var lessons = library.lessons
      if let only {
        guard lessons.indices.contains(only - 1) else {
          throw ValidationError("--only takes 1 to \(lessons.count)")
        }
        lessons = [lessons[only - 1]]
      }
      // The lessons' handlers log as they would in the playground's Log pane; not here.
      FileLogHandler.bootstrap(path: "/dev/null")
      let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
      let verifier = LessonVerifier(lessons: lessons, group: group)
      let outcome = await verifier.verify(tornado: Self.tornadoInstalled())
      await verifier.close()
      try? await group.shutdownGracefully()
      for skipped in outcome.skipped { print("skipped \(skipped)") }
      for failure in outcome.failures {
        FileHandle.standardError.write(Data("\(TerminalSafe.escape(failure.description))\n".utf8))
      }
      print(
        "\(lessons.count) lesson\(lessons.count == 1 ? "" : "s"), \(outcome.steps) step\(outcome.steps == 1 ? "" : "s") run: \(outcome.passed) passed, "
          + "\(outcome.failures.count) failed (\(library.origin))")
      if !outcome.failures.isEmpty { throw ExitCode(1) }
    }

    /// Whether `python3 -c "import tornado"` succeeds.
    static func tornadoInstalled() -> Bool {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["python3", "-c", "import tornado"]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      do {
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
      } catch {
        return false
      }
    }
  }
}
