import ArgumentParser
import Foundation
import SquallPlayground
import SquallPlaygroundCore
import SquallRequests
import SquallStorage
import SquallValues

struct PlayCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "play", abstract: "Open the terminal playground (the default).")

  @Option(help: "Port for the playground's server (0 picks a free one).") var port = 8888
  @Flag(help: "Start with the server stopped.") var noServer = false
  @Option(help: ArgumentHelp("The app the server hosts: \(ExampleApp.helpText).")) var example = ExampleApp.hello
  @Option(help: "The folder of saved requests (default: $SQUALL_COLLECTION, else $XDG_DATA_HOME/squall/requests).")
  var collection: String?
  @Flag(help: "No colours (also when NO_COLOR is set).") var noColor = false
  @Flag(help: .hidden) var stats = false

  func validate() throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port must be 0...65535 (0 picks a free port)") }
  }

  func run() async throws {
    var options = Playground.Options()
    options.port = port
    options.startServer = !noServer
    options.example = example
    options.collection = RequestCollection(explicit: collection)
    if noColor { options.colour = false }
    // The library's log goes to a file while the panes own the terminal.
    FileLogHandler.bootstrap(path: options.store.directory.appendingPathComponent("playground.log").path)
    let started = ContinuousClock.now
    // The UI loop blocks in poll(2) between events: it gets a thread of its own, so that it
    // never holds one of the few threads of Swift's task pool, where request handlers run.
    let outcome: Result<String?, any Error> = await withCheckedContinuation { continuation in
      let thread = Thread { [stats, options] in
        let playground = Playground(options: options)
        do {
          try playground.run()
          var figures: String?
          if stats {
            let log = playground.logFigures
            let startup = (playground.firstFrameAt.map { $0 - started } ?? .zero)
              .formatted(.units(allowed: [.milliseconds]))
            figures =
              "first frame after \(startup); log took in \(log.added) exchanges, kept \(log.kept), skipped \(log.skipped) under load; \(playground.frameSummary)"
          }
          continuation.resume(returning: .success(figures))
        } catch {
          continuation.resume(returning: .failure(error))
        }
      }
      thread.name = "squall-ui"
      thread.start()
    }
    switch outcome {
    case .success(let figures):
      if let figures { FileHandle.standardError.write(Data((figures + "\n").utf8)) }
    case .failure(let error):
      // The terminal is already restored here.
      FileHandle.standardError.write(Data("squall: \(error)\n".utf8))
      throw ExitCode(1)
    }
  }
}
