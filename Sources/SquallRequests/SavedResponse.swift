import Foundation
import SquallValues

/// The last response of a saved request, kept beside the collection in `.responses/NAME.json`,
/// so another request can read it: `{{login.response.json.token}}`,
/// `{{get item.response.header.Etag}}`. The builder writes it when it sends a saved request,
/// `squall requests send` too, and both read every one of them as variables.
package struct SavedResponse: Codable, Equatable, Sendable {
  package var status: Int
  package var reason: String
  /// Name and value pairs, in the order received.
  package var headers: [[String]]
  /// The body when it is UTF-8 text of at most `bodyLimit` bytes.
  package var body: String?
  package var receivedAt: Date

  /// Bodies kept at most (as `{{response.body}}` reads them).
  package static let bodyLimit = 1_048_576

  /// `body` nil: it was not kept (over the limit); then, as for binary bodies, no
  /// `{{NAME.response.body}}` and no JSON values, rather than an empty text.
  package init(status: Int, reason: String, headers: [(String, String)], body: [UInt8]?, receivedAt: Date) {
    self.status = status
    self.reason = reason
    self.headers = headers.map { [$0.0, $0.1] }
    self.body = body.flatMap { $0.count <= Self.bodyLimit ? String(validating: $0, as: UTF8.self) : nil }
    self.receivedAt = receivedAt
  }

  /// Its variables, each named `NAME.response.…` (as `Variables.response` names them). Pure.
  package func variables(of name: String) -> [String: String] {
    let pairs = headers.compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil }
    var values = Variables.response(status: status, reason: reason, headers: pairs, body: Array((body ?? "").utf8))
    if body == nil { values["response.body"] = nil }
    return Dictionary(uniqueKeysWithValues: values.map { ("\(name).\($0.key)", $0.value) })
  }
}

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
