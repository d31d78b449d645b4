import ArgumentParser
import Foundation
import SquallPlayground

struct PlayCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "play", abstract: "Open the terminal playground (the default).")

  @Option(help: "Port for the playground's server.") var port = 8888
  @Flag(help: "Start with the server stopped.") var noServer = false
  @Flag(help: "No colours (also when NO_COLOR is set).") var noColor = false
  @Flag(help: .hidden) var stats = false

  func validate() throws {
    guard (1...65535).contains(port) else { throw ValidationError("--port must be 1...65535") }
  }

  func run() throws {
    var options = Playground.Options()
    options.port = port
    options.startServer = !noServer
    if noColor { options.colour = false }
    let started = ContinuousClock.now
    let playground = Playground(options: options)
    do {
      try playground.run()
      if stats {
        let log = playground.logFigures
        let startup = (playground.firstFrameAt.map { $0 - started } ?? .zero).formatted(.units(allowed: [.milliseconds]))
        FileHandle.standardError.write(
          Data("first frame after \(startup); log took in \(log.added) exchanges, kept \(log.kept), skipped \(log.skipped) under load\n".utf8))
      }
    } catch {
      // The terminal is already restored here.
      FileHandle.standardError.write(Data("squall: \(error)\n".utf8))
      throw ExitCode(1)
    }
  }
}
