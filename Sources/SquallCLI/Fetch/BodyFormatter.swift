import Foundation
import Squall
import SquallValues

/// How a response body is shown to a person: JSON indented, text with control characters
/// escaped, binary not at all.
enum BodyFormatter {
  /// The body as text for a terminal; always ends with a newline when not empty.
  static func forTerminal(_ body: [UInt8], contentType: String, raw: Bool) -> String {
    if body.isEmpty { return "" }
    if !raw && looksBinary(body) {
      return "[binary body, \(body.count) bytes, not shown on a terminal: use --output FILE or a pipe]\n"
    }
    var text: String
    if !raw, contentType.contains("json"), let pretty = prettyJSON(body) {
      text = pretty
    } else {
      text = TerminalSafe.escape(body, keepNewlines: true)
    }
    if !text.hasSuffix("\n") { text += "\n" }
    return text
  }

  /// Indented JSON, tokens as received, escaped for the terminal; nil when `body` is not JSON.
  static func prettyJSON(_ body: [UInt8]) -> String? {
    JSONReindent.format(body).map { TerminalSafe.escape(Array($0.utf8), keepNewlines: true) }
  }

  /// NUL bytes or invalid UTF-8 mean binary.
  static func looksBinary(_ body: [UInt8]) -> Bool {
    if body.contains(0) { return true }
    return String(validating: body, as: UTF8.self) == nil
  }
}
