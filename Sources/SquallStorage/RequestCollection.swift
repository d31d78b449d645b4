import Foundation
import SquallRequests

/// Named requests kept as files a team can keep in git: one `NAME.json` per request in a
/// folder (`$XDG_DATA_HOME/squall/requests` by default, `SQUALL_COLLECTION` or `--collection`
/// elsewhere). The playground and `squall requests` read and write the same files.
package struct RequestCollection: Sendable {
  package let folder: URL

  package init(folder: URL) { self.folder = folder }

  /// The folder from `--collection`, else `$SQUALL_COLLECTION`, else `$XDG_DATA_HOME/squall/requests`
  /// (default `~/.local/share/squall/requests`).
  package init(explicit: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
    if let explicit, !explicit.isEmpty {
      folder = URL(fileURLWithPath: explicit)
    } else if let path = environment["SQUALL_COLLECTION"], !path.isEmpty {
      folder = URL(fileURLWithPath: path)
    } else if let data = environment["XDG_DATA_HOME"], !data.isEmpty {
      folder = URL(fileURLWithPath: data).appendingPathComponent("squall/requests")
    } else {
      let home = environment["HOME"] ?? NSHomeDirectory()
      folder = URL(fileURLWithPath: home).appendingPathComponent(".local/share/squall/requests")
    }
  }

  /// Whether `name` can name a saved request (`RequestName.isValid`).
  package static func isValidName(_ name: String) -> Bool { RequestName.isValid(name) }

  func file(_ name: String) -> URL {
    folder.appendingPathComponent(name.trimmingCharacters(in: .whitespaces) + ".json")
  }

  /// The saved names, sorted.
  package func names() -> [String] {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return files.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }
      .sorted { $0.localizedStandardCompare($1) == .orderedAscending }
  }

  package func save(_ spec: RequestSpec, as name: String) throws(RequestProblem) {
    guard Self.isValidName(name) else {
      throw RequestProblem("a request name uses letters, digits, spaces, - _ and . (not starting with .)")
    }
    do { try AtomicFile.writeJSON(spec, to: file(name)) } catch {
      throw RequestProblem("cannot save \(file(name).path): \((error as NSError).localizedDescription)")
    }
  }

  package func load(_ name: String) throws(RequestProblem) -> RequestSpec {
    guard Self.isValidName(name), FileManager.default.fileExists(atPath: file(name).path) else {
      let known = names()
      throw RequestProblem(
        "no request named \"\(name)\" in \(folder.path)"
          + (known.isEmpty ? "; save one first" : "; saved: " + known.joined(separator: ", ")))
    }
    do {
      return try JSONDecoder().decode(RequestSpec.self, from: Data(contentsOf: file(name)))
    } catch {
      // A collection file is the user's own (maybe hand-edited, kept in git): report, never move it.
      throw RequestProblem("\(file(name).path) is not a valid request file: \(AtomicFile.reason(error))")
    }
  }
}
