/// A WebSocket URL taken apart: `ws://host:port/path?query` (`http://` is read as `ws://`, as
/// Tornado's `websocket_connect` does). Pure: no I/O.
package struct WebSocketURL: Equatable, Sendable {
  package var secure: Bool
  /// The host as written, without IPv6 brackets.
  package var host: String
  package var port: Int
  /// The request target: the path and query, `/` when the URL has none.
  package var target: String

  /// The `Host` header's value: the port only when it is not the scheme's.
  package var hostHeader: String {
    let shown = host.contains(":") ? "[\(host)]" : host
    return port == (secure ? 443 : 80) ? shown : "\(shown):\(port)"
  }

  /// Reads `text`, or says in words what is wrong with it.
  package static func parse(_ text: String) -> Result<WebSocketURL, WebSocketURLError> {
    let lowered = text.lowercased()
    let secure: Bool
    let rest: Substring
    if let scheme = ["ws://", "http://"].first(where: lowered.hasPrefix) {
      secure = false
      rest = text.dropFirst(scheme.count)
    } else if let scheme = ["wss://", "https://"].first(where: lowered.hasPrefix) {
      secure = true
      rest = text.dropFirst(scheme.count)
    } else {
      return .failure(.init("\(text.debugDescription) is not a WebSocket URL: it starts with ws:// (or wss://)"))
    }
    let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    var target = String(rest.dropFirst(authority.count).prefix { $0 != "#" })
    if target.isEmpty || target.hasPrefix("?") { target = "/" + target }
    if authority.contains("@") {
      return .failure(.init("a WebSocket URL takes no user or password (\(text.debugDescription))"))
    }
    var host: Substring
    var portText: Substring?
    if authority.hasPrefix("[") {
      guard let close = authority.firstIndex(of: "]") else {
        return .failure(.init("\(text.debugDescription): an IPv6 address needs its closing ]"))
      }
      host = authority[authority.index(after: authority.startIndex)..<close]
      let after = authority[authority.index(after: close)...]
      if !after.isEmpty {
        guard after.hasPrefix(":") else {
          return .failure(.init("\(text.debugDescription): what follows ] is not a port"))
        }
        portText = after.dropFirst()
      }
    } else if let colon = authority.lastIndex(of: ":") {
      host = authority[..<colon]
      portText = authority[authority.index(after: colon)...]
    } else {
      host = authority
    }
    guard !host.isEmpty else { return .failure(.init("\(text.debugDescription) has no host")) }
    let bracketed = authority.hasPrefix("[")
    let allowed = bracketed ? "0123456789abcdefABCDEF:.%" : "-._~%"
    guard host.unicodeScalars.allSatisfy({ $0.isASCIILetterOrDigit || allowed.unicodeScalars.contains($0) }) else {
      return .failure(
        .init(
          "\(text.debugDescription): the host may hold letters, digits, - and . (an IPv6 address goes in brackets: [::1])"
        ))
    }
    var port = secure ? 443 : 80
    if let portText {
      guard let number = Int(portText), (1...65535).contains(number), portText.allSatisfy(\.isASCII) else {
        return .failure(.init("\(text.debugDescription): the port must be a number from 1 to 65535"))
      }
      port = number
    }
    guard target.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
      return .failure(.init("\(text.debugDescription): the path has spaces or characters to percent-encode"))
    }
    return .success(WebSocketURL(secure: secure, host: String(host), port: port, target: target))
  }
}

extension Unicode.Scalar {
  fileprivate var isASCIILetterOrDigit: Bool {
    ("a"..."z").contains(self) || ("A"..."Z").contains(self) || ("0"..."9").contains(self)
  }
}

/// Why a WebSocket URL cannot be used, in words that say what to write instead.
public struct WebSocketURLError: Error, Equatable, Sendable, CustomStringConvertible {
  public var description: String
  init(_ description: String) { self.description = description }
}
