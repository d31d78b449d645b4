import Foundation

/// Files the playground keeps under `$XDG_STATE_HOME/squall` (default `~/.local/state/squall`),
/// written atomically (temporary file, then rename); a file that cannot be read is moved aside
/// as `NAME.corrupt-TIMESTAMP` and reported, never silently lost.
public struct StateStore: Sendable {
  public let directory: URL

  public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
    if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
      directory = URL(fileURLWithPath: state).appendingPathComponent("squall")
    } else {
      let home = environment["HOME"] ?? NSHomeDirectory()
      directory = URL(fileURLWithPath: home).appendingPathComponent(".local/state/squall")
    }
  }

  public init(directory: URL) { self.directory = directory }

  /// Writes `data` to `name` atomically.
  public func write(_ data: Data, to name: String) throws {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let target = directory.appendingPathComponent(name)
    let temporary = directory.appendingPathComponent(".\(name).\(ProcessInfo.processInfo.processIdentifier).tmp")
    try data.write(to: temporary)
    if rename(temporary.path, target.path) != 0 {
      try? FileManager.default.removeItem(at: temporary)
      throw CocoaError(.fileWriteUnknown)
    }
  }

  /// The routes saved by the route editor; a problem comes back as a message, with the bad file set aside.
  public func loadRoutes() -> (routes: [MockRoute], problem: String?) {
    let file = directory.appendingPathComponent("routes.json")
    guard FileManager.default.fileExists(atPath: file.path) else { return ([], nil) }
    do {
      let data = try Data(contentsOf: file)
      return (try JSONDecoder().decode([MockRoute].self, from: data), nil)
    } catch {
      let aside = directory.appendingPathComponent("routes.json.corrupt-\(Int(Date().timeIntervalSince1970))")
      try? FileManager.default.moveItem(at: file, to: aside)
      return ([], "Could not read \(file.path); moved it to \(aside.lastPathComponent) and started with no routes.")
    }
  }

  public func saveRoutes(_ routes: [MockRoute]) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try write(try encoder.encode(routes), to: "routes.json")
  }
}
