import Foundation

/// What may name a saved request: a file name everywhere (the collection keeps `NAME.json`).
package enum RequestName {
  /// Whether `name` can be a file name everywhere: letters, digits, `-`, `_`, `.`, spaces,
  /// at most 100 characters, not starting with `.`. Pure.
  package static func isValid(_ name: String) -> Bool {
    let trimmed = name.trimmingCharacters(in: .whitespaces)
    return !trimmed.isEmpty && trimmed.count <= 100 && !trimmed.hasPrefix(".")
      && trimmed.unicodeScalars.allSatisfy {
        CharacterSet.alphanumerics.contains($0) || "-_. ".unicodeScalars.contains($0)
      }
  }
}
