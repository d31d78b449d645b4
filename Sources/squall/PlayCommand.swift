import ArgumentParser
import Squall

struct PlayCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "play", abstract: "Open the terminal playground (the default).")

  @Option(help: "Port for the playground's server.") var port = 8888
  @Flag(help: "Start with the server stopped.") var noServer = false

  func run() async throws {
    print("The terminal playground is not built yet; try `squall serve` and `squall fetch`.")
  }
}
