import ArgumentParser
import Foundation
import SquallPlayground

struct PlayCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "play", abstract: "Open the terminal playground (the default).")

  @Option(help: "Port for the playground's server.") var port = 8888
  @Flag(help: "Start with the server stopped.") var noServer = false
  @Flag(help: "No colours (also when NO_COLOR is set).") var noColor = false

  func validate() throws {
    guard (1...65535).contains(port) else { throw ValidationError("--port must be 1...65535") }
  }

  func run() throws {
    var options = Playground.Options()
    options.port = port
    options.startServer = !noServer
    if noColor { options.colour = false }
    let playground = Playground(options: options)
    do {
      try playground.run()
    } catch {
      // The terminal is already restored here.
      FileHandle.standardError.write(Data("squall: \(error)\n".utf8))
      throw ExitCode(1)
    }
  }
}
