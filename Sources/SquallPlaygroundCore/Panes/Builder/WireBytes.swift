import SquallValues

/// The exact bytes a request would put on the wire (`W` in the builder), or why it has none.
package struct WireBytes: Equatable, Sendable {
  package var bytes: [UInt8]
  /// Why there are no bytes (a file of a multipart body cannot be read, the URL is refused).
  package var problem: String?

  package init(bytes: [UInt8], problem: String? = nil) {
    self.bytes = bytes
    self.problem = problem
  }

  /// The most of a body shown; the rest is counted.
  static let bodyShown = 2048

  /// The bytes as lines a terminal can show: the head's lines (each ends with CRLF on the
  /// wire, said once), the blank line, the body as text (control characters escaped) or, when
  /// it is not text, its size; a body over `bodyShown` bytes is cut there and the rest counted.
  /// Pure.
  package var lines: [String] {
    if let problem { return ["✗ " + problem] }
    let separator: [UInt8] = [13, 10, 13, 10]
    let headEnd = bytes.count >= 4 ? (0...(bytes.count - 4)).first { Array(bytes[$0..<$0 + 4]) == separator } : nil
    guard let headEnd else { return [TerminalSafe.escape(String(decoding: bytes, as: UTF8.self))] }
    let head = String(decoding: bytes[..<headEnd], as: UTF8.self)
    var out = head.split(separator: "\r\n", omittingEmptySubsequences: false).map { TerminalSafe.escape(String($0)) }
    let body = Array(bytes[(headEnd + 4)...])
    out.append("")
    guard !body.isEmpty else { return out + ["(no body)"] }
    var shown = Array(body.prefix(Self.bodyShown))
    // The cut backed off to a character's start: a long UTF-8 body is still text.
    if shown.count < body.count, !shown.isEmpty {
      var start = shown.count - 1
      while start > 0, shown[start] & 0xC0 == 0x80 { start -= 1 }
      let lead = shown[start]
      let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
      if shown.count - start < length { shown.removeLast(shown.count - start) }
    }
    if !shown.contains(0), let text = String(validating: shown, as: UTF8.self) {
      out += text.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalSafe.escape(String($0)) }
    } else {
      out.append("(a body of \(body.count) bytes that is not text)")
      return out
    }
    if body.count > shown.count { out.append("… \(body.count - shown.count) more bytes") }
    return out
  }
}
