/// Recognises the everyday URL (`http://127.0.0.1:8888/path?q=1`) without Foundation's parser,
/// which costs a tenth of a fetch's own work (and IDNA-encodes the host through ICU).
///
/// True only when the URL is ASCII, its scheme is http or https, its host a non-empty name
/// or IPv4 address of letters, digits, `.` and `-`, its port (if any) 1–65535, and the rest only
/// characters RFC 3986 allows with well-formed `%XX` escapes. Anything else answers false and
/// goes through `URLComponents` as before, so the verdicts never differ (tested against it).
/// Pure: no I/O, no allocation.
package enum PlainHTTPURL {
  package static func matches(_ url: String) -> Bool {
    if let verdict = url.utf8.withContiguousStorageIfAvailable({ matches(bytes: $0) }) { return verdict }
    var copy = url  // a bridged string: make it native once
    copy.makeContiguousUTF8()
    return copy.utf8.withContiguousStorageIfAvailable { matches(bytes: $0) } ?? false
  }

  private static func matches(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    func lowered(_ byte: UInt8) -> UInt8 { byte | 0x20 }
    // The scheme.
    guard bytes.count > 7, lowered(bytes[0]) == UInt8(ascii: "h"), lowered(bytes[1]) == UInt8(ascii: "t"),
      lowered(bytes[2]) == UInt8(ascii: "t"), lowered(bytes[3]) == UInt8(ascii: "p")
    else { return false }
    index = lowered(bytes[4]) == UInt8(ascii: "s") ? 5 : 4
    guard index + 3 < bytes.count, bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == UInt8(ascii: "/"),
      bytes[index + 2] == UInt8(ascii: "/")
    else { return false }
    index += 3
    // The host: a name or IPv4 address; no userinfo, no IPv6 literal here.
    let hostStart = index
    while index < bytes.count, isHostByte(bytes[index]) { index += 1 }
    guard index > hostStart else { return false }
    // The port.
    if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
      index += 1
      let portStart = index
      var port = 0
      while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
        if index - portStart < 5 { port = port * 10 + Int(bytes[index] - UInt8(ascii: "0")) }
        index += 1
      }
      guard index > portStart, index - portStart <= 5, URLCheck.ports.contains(port) else { return false }
    }
    // Path, query and fragment: what RFC 3986 allows there, `#` once.
    guard
      index == bytes.count || bytes[index] == UInt8(ascii: "/") || bytes[index] == UInt8(ascii: "?")
        || bytes[index] == UInt8(ascii: "#")
    else { return false }
    var sawFragment = false
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "%") {
        guard index + 2 < bytes.count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) else { return false }
        index += 3
        continue
      }
      if byte == UInt8(ascii: "#") {
        guard !sawFragment else { return false }
        sawFragment = true
      } else if !isPathByte(byte) {
        return false
      }
      index += 1
    }
    return true
  }

  private static func isHostByte(_ byte: UInt8) -> Bool {
    isAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
  }

  private static func isAlphanumeric(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
      || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
  }

  private static func isHex(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
      || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
  }

  /// Unreserved, sub-delims, `:`, `@`, `/` and `?`: the pchar of RFC 3986 plus the query's.
  private static func isPathByte(_ byte: UInt8) -> Bool {
    if isAlphanumeric(byte) { return true }
    switch byte {
    case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "!"),
      UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
      UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="),
      UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "/"), UInt8(ascii: "?"):
      return true
    default: return false
    }
  }
}
