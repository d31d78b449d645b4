import HTTPTypes

/// The one check of header names, values and methods that the server, the client, `squall
/// fetch` and the playground share, by swift-http-types' reading of RFC 9110 §5.
///
/// Tornado checks less (`set_header` refuses only `\x00-\x1f` in values; its client only CR and
/// LF): Squall also refuses DEL and names that are not tokens, which could not be sent intact.
package enum HeaderField {
  /// Whether `name` is a token (`Content-Type`, `X-Trace`): no spaces, colons or control characters.
  package static func isValidName(_ name: String) -> Bool { HTTPField.Name(name) != nil }

  /// Whether `value` can be sent as is: visible characters, spaces and tabs inside, UTF-8
  /// beyond ASCII (obs-text); never CR, LF, NUL or another control character. Spaces around
  /// it are allowed (they are not part of the value on the wire).
  package static func isValidValue(_ value: String) -> Bool {
    let utf8 = value.utf8
    let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
    guard let first = utf8.firstIndex(where: { !isSpace($0) }), let last = utf8.lastIndex(where: { !isSpace($0) })
    else { return true }  // empty, or only spaces
    return HTTPField.isValidValue(utf8[first...last])
  }

  /// Whether `method` is a token (`GET`, `PURGE`).
  package static func isValidMethod(_ method: String) -> Bool { HTTPField.Name(method) != nil }

  /// Whether `byte` may appear in a token (RFC 9110 §5.6.2: tchar).
  package static func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      true
    default: Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
    }
  }

  /// What is wrong with one header, in words that say what to do, or nil when it can be sent.
  /// Untrusted text in the message is escaped for a terminal.
  package static func problem(name: String, value: String) -> String? {
    guard !name.isEmpty else { return "a header has a value but no name" }
    guard isValidName(name) else {
      return "\"\(TerminalSafe.escape(name))\" is not a valid header name: "
        + "letters, digits and !#$%&'*+-.^_`|~ only, no spaces or colons"
    }
    guard isValidValue(value) else {
      return "the value of header \(name) contains control characters (CR, LF, NUL, ESC…), which HTTP does not "
        + "allow: \"\(TerminalSafe.escape(value))\""
    }
    return nil
  }
}
