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
