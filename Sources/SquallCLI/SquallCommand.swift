import ArgumentParser
import Squall
import SquallValues

@main
struct SquallCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "squall",
    abstract: "Learn how an asynchronous HTTP server and client work, Tornado-style, in Swift.",
    version: SquallVersion.number,
    subcommands: [
      PlayCommand.self, ServeCommand.self, FetchCommand.self, RequestsCommand.self, LessonsCommand.self,
      CompareCommand.self, WebSocketCommand.self,
    ],
    defaultSubcommand: PlayCommand.self
  )
}
