import NIOHTTP1

/// The checks a request head must pass before a handler sees it, beyond what the parser
/// enforces: RFC 9112's rules that Tornado applies too. Pure; on the hot path it costs two
/// header lookups when the head is fine.
enum RequestHeadRules {
  /// Why the head is refused with 400, or nil.
  static func problem(
    version: (major: Int, minor: Int), headers: [(name: String, value: String)]
  ) -> (cause: HTTPRefusal.Cause, message: String)? {
    problem(version: version, headers: HTTPHeaders(headers.map { ($0.name, $0.value) }))
  }

  static func problem(version: (major: Int, minor: Int), headers: HTTPHeaders) -> (
    cause: HTTPRefusal.Cause, message: String
  )? {
    let hosts = headers["Host"]
    if version.minor >= 1 && hosts.isEmpty { return (.missingHost, "HTTP/1.1 request without a Host header") }
    if hosts.count > 1 { return (.invalidHost, "\(hosts.count) Host headers; a request has one (RFC 9112 §3.2)") }
    if let host = hosts.first, !isValidHost(host) {
      return (.invalidHost, "Host \"\(host)\" is not host[:port] (RFC 9112 §3.2)")
    }
    let codings = headers["Transfer-Encoding"]
    if !codings.isEmpty {
      let joined = codings.joined(separator: ",").split(separator: ",").map {
        $0.trimmingCharacters(in: [" ", "\t"]).lowercased()
      }
      // Only "chunked" is understood: anything else (empty included) leaves the body's length
      // unknown, and guessing it is how requests get smuggled (RFC 9112 §6.3).
      if joined != ["chunked"] {
        return (
          .unsupportedTransferEncoding,
          "Transfer-Encoding \"\(codings.joined(separator: ", "))\" is not \"chunked\"; the body's length is unknown"
        )
      }
    }
    return nil
  }

  /// `host[:port]`: a reg-name, an IPv4 address or a bracketed IPv6 literal, no userinfo, no spaces.
  static func isValidHost(_ host: String) -> Bool {
    if host.isEmpty { return true }  // RFC 9112 allows an empty Host for some targets
    let bytes = Array(host.utf8)
    var end = bytes.count
    if let colon = bytes.lastIndex(of: UInt8(ascii: ":")),
      !bytes.contains(UInt8(ascii: "]")) || colon > bytes.lastIndex(of: UInt8(ascii: "]"))!
    {
      let port = bytes[(colon + 1)...]
      guard port.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return false }
      end = colon
    }
    let name = bytes[..<end]
    if name.first == UInt8(ascii: "[") {
      return name.last == UInt8(ascii: "]")
        && name.dropFirst().dropLast().allSatisfy { isHex($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }
    }
    return !name.isEmpty
      && name.allSatisfy { byte in
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
          || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
          || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || Array("-._~!$&'()*+,;=%".utf8).contains(byte)
      }
  }

  private static func isHex(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
      || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
  }
}
