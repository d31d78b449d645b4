import ArgumentParser

struct LessonsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lessons", abstract: "List, show and check the guided lessons.")
  func run() async throws { print("not built yet") }
}
