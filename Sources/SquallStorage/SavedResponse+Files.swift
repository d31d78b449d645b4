import Foundation
import SquallRequests

/// The last responses of saved requests, on disk beside the collection.
extension RequestCollection {
  /// Where the last responses live: a hidden folder of the collection (add it to `.gitignore`
  /// to keep responses out of git).
  package var responsesFolder: URL { folder.appendingPathComponent(".responses") }

  /// Keeps `response` as the last response of the request `name` (written atomically).
  package func saveResponse(_ response: SavedResponse, for name: String) throws(RequestProblem) {
    guard Self.isValidName(name) else { throw RequestProblem("no request named \"\(name)\"") }
    let file = responsesFolder.appendingPathComponent(name.trimmingCharacters(in: .whitespaces) + ".json")
    do { try AtomicFile.writeJSON(response, to: file) } catch {
      throw RequestProblem("cannot save \(file.path): \(AtomicFile.reason(error))")
    }
  }

  /// The variables of every saved request's last response, and a problem when a file could not
  /// be read (it is moved aside, so the next send writes a good one).
  package func savedResponseVariables() -> (values: [String: String], problem: String?) {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: responsesFolder.path)) ?? []
    var values: [String: String] = [:]
    var problems: [String] = []
    for file in files.sorted() where file.hasSuffix(".json") && !file.hasPrefix(".") {
      let (response, problem) = AtomicFile.readJSON(
        SavedResponse.self, from: responsesFolder.appendingPathComponent(file))
      if let problem { problems.append(problem) }
      if let response { values.merge(response.variables(of: String(file.dropLast(5)))) { _, new in new } }
    }
    return (values, problems.first)
  }
}
