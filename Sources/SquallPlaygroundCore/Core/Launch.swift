import Foundation
import SquallLessons
import SquallRequests

/// What the runtime found as the playground started: the terminal, what the state files held,
/// and whether the server starts. It arrives once, as the first event (`.launched`), so the
/// runtime never writes the state itself. Pure value.
package struct Launch: Sendable {
  package var size: Size
  package var colour: Bool
  /// False with `--no-server`.
  package var startServer: Bool
  package var routes: [MockRoute] = []
  package var progress: [String: LessonProgress] = [:]
  package var history: [HistoryItem] = []
  package var variables: [String: String] = [:]
  /// The saved requests' last responses, as `{{NAME.response.…}}` values.
  package var savedResponses: [String: String] = [:]
  /// The first state file that could not be read, and what was done with it.
  package var problem: String?
  /// Where a typed path's `~` and a relative path lead (`UserPath`): `$HOME`, the directory
  /// the playground was started in.
  package var home: String?
  package var currentDirectory = "/"

  package init(size: Size, colour: Bool, startServer: Bool) {
    self.size = size
    self.colour = colour
    self.startServer = startServer
  }
}

extension PlaygroundState {
  /// The playground as it starts. A state file's problem takes the greeting's place on the
  /// status bar (nothing was lost, but the learner is told), before `--no-server`'s hint.
  mutating func launch(_ launch: Launch) -> [Effect] {
    size = launch.size
    colour = launch.colour
    server.routes = launch.routes
    lessons.progress = launch.progress
    builder.history = launch.history
    builder.userVariables = launch.variables
    builder.savedResponseValues = launch.savedResponses
    home = launch.home
    currentDirectory = launch.currentDirectory
    // A first launch (no lesson begun) starts in the Lessons pane, whose first line says
    // "Press Enter to start lesson 1": Enter does that, not open the port's editor.
    if launch.progress.isEmpty {
      focus = .lessons
      message = "New here? Enter starts lesson 1. ? help · Tab next pane · q quits."
    }
    guard launch.startServer else {
      let stopped = "Server stopped (--no-server). Focus the Server pane and press s to start it."
      setMessage(launch.problem.map { $0 + " " + stopped } ?? stopped, error: launch.problem != nil)
      return []
    }
    if let problem = launch.problem { setMessage(problem, error: true) }
    server.status = .starting
    return [server.start]
  }
}
