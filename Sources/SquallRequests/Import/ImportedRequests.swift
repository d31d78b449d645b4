/// Requests read from another tool's file (Hurl, a `.http` file), with what could not be
/// taken: an entry that cannot be imported whole is refused with its line and why, never
/// imported half; a detail that has no meaning in Squall is named with its line. Pure.
package struct ImportedRequests: Equatable, Sendable {
  package struct Entry: Equatable, Sendable {
    package var name: String
    package var spec: RequestSpec
    /// The line its request starts on.
    package var line: Int
  }

  /// Something left out, with the line it is on: `refused` when its whole entry was.
  package struct Note: Equatable, Sendable, CustomStringConvertible {
    package var line: Int
    package var message: String
    package var refused: Bool

    package var description: String { "line \(line): \(message)" }
  }

  package var entries: [Entry] = []
  package var notes: [Note] = []

  /// A name for the `index`th entry (from 1): its own when it is a valid request name, else
  /// `STEM-index`.
  static func name(_ own: String?, stem: String, index: Int) -> String {
    if let own, RequestName.isValid(own) { return own.trimmingCharacters(in: .whitespaces) }
    return "\(stem)-\(index)"
  }
}
