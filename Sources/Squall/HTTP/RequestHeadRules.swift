import NIOHTTP1

/// The checks a request head must pass before a handler sees it, beyond what the parser
/// enforces: RFC 9112's rules that Tornado applies too. Pure; on the hot path it costs one pass
/// over the headers, allocating nothing, when the head is fine.
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
    // One pass, no allocation when the head is fine: the hot path of every request.
    var hostCount = 0
    var host: String?
    var hasCodings = false
    for (name, value) in headers {
      if name.utf8.count == 4 && name.lowercased() == "host" {
        hostCount += 1
        if host == nil { host = value }
      } else if name.utf8.count == 17 && name.lowercased() == "transfer-encoding" {
        hasCodings = true
      }
    }
    if version.minor >= 1 && hostCount == 0 { return (.missingHost, "HTTP/1.1 request without a Host header") }
    if hostCount > 1 { return (.invalidHost, "\(hostCount) Host headers; a request has one (RFC 9112 §3.2)") }
    if let host, !isValidHost(host) {
      return (.invalidHost, "Host \"\(host)\" is not host[:port] (RFC 9112 §3.2)")
    }
    if hasCodings {
      let codings = headers["Transfer-Encoding"]
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
    var host = host
    // Over the contiguous bytes: searching `String.UTF8View` goes through its generic index and
    // cost 1,200 instructions of every request (callgrind, `Benchmarks/callgrind.sh`).
    return host.withUTF8 { isValidHost(bytes: $0) }
  }

  private static func isValidHost(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var end = bytes.endIndex
    let bracket = bytes.lastIndex(of: UInt8(ascii: "]"))
    if let colon = bytes.lastIndex(of: UInt8(ascii: ":")), bracket.map({ colon > $0 }) ?? true {
      guard bytes[bytes.index(after: colon)...].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
      else { return false }
      end = colon
    }
    let name = bytes[..<end]
    if name.first == UInt8(ascii: "[") {
      return name.last == UInt8(ascii: "]")
        && name.dropFirst().dropLast().allSatisfy { isHex($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }
    }
    return !name.isEmpty && name.allSatisfy(isRegNameByte)
  }

  /// A byte of a reg-name (RFC 3986): unreserved, sub-delims, or the `%` of an escape.
  private static func isRegNameByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      true
    case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "!"),
      UInt8(ascii: "$"),
      UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"),
      UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "%"):
      true
    default: false
    }
  }

  private static func isHex(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
      || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
  }
}
