import Foundation

/// A true/false typed by a user, read one way everywhere (the Server pane's options, the
/// builder's Options, lesson setups): true, yes, on, 1 / false, no, off, 0, in any case. Pure.
package enum BooleanText {
  /// The value `text` names, or nil.
  package static func parse(_ text: String) -> Bool? {
    switch text.trimmingCharacters(in: .whitespaces).lowercased() {
    case "true", "yes", "on", "1": true
    case "false", "no", "off", "0": false
    default: nil
    }
  }
}
