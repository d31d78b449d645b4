import Foundation
import SquallPlaygroundCore
import SquallRequests
import SquallStorage

/// Files the playground keeps under `$XDG_STATE_HOME/squall` (default `~/.local/state/squall`),
/// written atomically (temporary file, then rename); a file that cannot be read is moved aside
/// as `NAME.corrupt-TIMESTAMP` and reported, never silently lost.
package struct StateStore: Sendable {
  package let directory: URL

  package init(environment: [String: String] = ProcessInfo.processInfo.environment) {
    if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
      directory = URL(fileURLWithPath: state).appendingPathComponent("squall")
    } else {
      let home = environment["HOME"] ?? NSHomeDirectory()
      directory = URL(fileURLWithPath: home).appendingPathComponent(".local/state/squall")
    }
  }

  package init(directory: URL) { self.directory = directory }

  /// Writes `data` to `name` atomically (`AtomicFile`).
  package func write(_ data: Data, to name: String) throws {
    try AtomicFile.write(data, to: directory.appendingPathComponent(name))
  }

  /// The routes saved by the route editor; a problem comes back as a message, with the bad file set aside.
  package func loadRoutes() -> (routes: [MockRoute], problem: String?) {
    let (routes, problem) = AtomicFile.readJSON([MockRoute].self, from: directory.appendingPathComponent("routes.json"))
    return (routes ?? [], problem.map { $0 + " Started with no routes." })
  }

  package func saveRoutes(_ routes: [MockRoute]) throws {
    try AtomicFile.writeJSON(routes, to: directory.appendingPathComponent("routes.json"))
  }

  /// What to tell the user when saving `what` failed: the reason and what to do about it.
  package func saveProblem(_ what: String, _ error: any Error) -> String {
    "Could not save \(what): \(error is AtomicFile.WriteError ? "\(error)" : AtomicFile.reason(error)). "
      + "Make \(directory.path) a folder you can write, or set XDG_STATE_HOME to one."
  }
}
