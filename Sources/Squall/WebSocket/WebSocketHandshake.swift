/// The server's side of the opening handshake (RFC 6455 §4.2), in Tornado 6.6.1's order and
/// words (`WebSocketHandler.get`, `_check_cross_origin`, `_handle_websocket_headers`). Pure: no
/// I/O; the accept value's SHA-1 is the caller's (`WebSocketAccept`).
package enum WebSocketHandshake {
  /// What the server answers.
  package enum Verdict: Equatable, Sendable {
    /// Refused: this status, body and extra headers, as Tornado writes them.
    case refuse(status: Int, body: String, headers: [HeaderField])
    /// Accepted: the client's key and the subprotocols it offered, in order.
    case accept(key: String, subprotocols: [String])
  }

  package struct HeaderField: Equatable, Sendable {
    package var name: String
    package var value: String
  }

  /// Judges a `GET`'s headers. `headers` looks a header up by name, case-insensitively (all
  /// values joined with ", ", as Tornado's `HTTPHeaders.get`); `isTrustedOrigin` is the
  /// handler's `checkOrigin`, asked only for a request that looks cross-origin.
  package static func evaluate(
    headers: (String) -> String?, isTrustedOrigin: (String) -> Bool
  ) -> Verdict {
    if headers("Upgrade")?.lowercased() != "websocket" {
      return .refuse(status: 400, body: #"Can "Upgrade" only to "WebSocket"."#, headers: [])
    }
    let connection = (headers("Connection") ?? "").split(separator: ",", omittingEmptySubsequences: false)
      .map { $0.trimmingSpaces.lowercased() }
    if !connection.contains("upgrade") {
      return .refuse(status: 400, body: #""Connection" must be "Upgrade"."#, headers: [])
    }
    if !crossOriginAllowed(headers: headers, isTrustedOrigin: isTrustedOrigin) {
      return .refuse(status: 403, body: "Cross origin websockets not allowed", headers: [])
    }
    guard let version = headers("Sec-WebSocket-Version"), version == "13" else {
      // Tornado 6.6 speaks 13 alone (7 and 8 went), and checks the version before the headers
      // are all there: a missing one is 426 too.
      return .refuse(status: 426, body: "", headers: [HeaderField(name: "Sec-WebSocket-Version", value: "13")])
    }
    guard let key = headers("Sec-WebSocket-Key"), !key.isEmpty, let host = headers("Host"), !host.isEmpty else {
      return .refuse(status: 400, body: "Missing/Invalid WebSocket headers", headers: [])
    }
    let offered = headers("Sec-WebSocket-Protocol").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
    }
    return .accept(key: key, subprotocols: (offered ?? []).filter { !$0.isEmpty })
  }

  /// Tornado 6.6's cross-origin protection: `Sec-Fetch-Site: same-origin` or `none` passes;
  /// without it, no `Origin` (not a browser) or one whose host is the request's `Host` passes;
  /// anything else must be trusted by `checkOrigin`. Pure.
  package static func crossOriginAllowed(
    headers: (String) -> String?, isTrustedOrigin: (String) -> Bool
  ) -> Bool {
    let origin = headers("Origin")
    switch headers("Sec-Fetch-Site") {
    case "same-origin", "none":
      return true
    case nil:
      guard let origin else { return true }
      return netloc(of: origin).lowercased() == (headers("Host") ?? "").lowercased() || isTrustedOrigin(origin)
    default:
      guard let origin, !origin.isEmpty else { return false }
      return isTrustedOrigin(origin)
    }
  }

  /// The `host[:port]` of a URL, as Python's `urlsplit(url).netloc`: what follows `scheme://`
  /// up to the first `/`, `?` or `#`; empty without `//`. Pure.
  package static func netloc(of url: String) -> String {
    var rest = Substring(url)
    if let colon = rest.firstIndex(of: ":"),
      rest[..<colon].first?.isLetter == true,
      rest[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
    {
      rest = rest[rest.index(after: colon)...]
    }
    guard rest.hasPrefix("//") else { return "" }
    rest = rest.dropFirst(2)
    return String(rest.prefix { !"/?#".contains($0) })
  }
}

extension Substring {
  fileprivate var trimmingSpaces: String {
    String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
  }
}
