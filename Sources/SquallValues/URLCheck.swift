import Foundation

/// The client's one URL check, made before any I/O: by `AsyncHTTPClient.fetch`, by the
/// playground builder's preview line (as the learner types), by `squall fetch` and by
/// `squall requests`. Tornado's `HTTPRequest` takes any URL and fails later; Squall says what is
/// wrong at once, in words that say what to write instead.
///
/// A port must be 1–65535: async-http-client hands a URL's port to NIO's
/// `SocketAddress(ipAddress:port:)`, which traps on `http://127.0.0.1:99999/` instead of
/// failing, and truncates or refuses a host name's port later ("Connection refused" for
/// `localhost:70000`). So the port is read here as text, before anything can trap on it.
///
/// Pure: no I/O. `PlainHTTPURL` answers for everyday URLs without Foundation's parser.
package enum URLCheck {
  /// The ports a URL may name.
  package static let ports = 1...65535

  /// What is wrong with `url`, or nil when it is an http(s) URL with a host and a valid port.
  /// The words fit after "invalid URL: " and name the fix.
  package static func problem(_ url: String) -> String? {
    if PlainHTTPURL.matches(url) { return nil }
    return slowProblem(url)
  }

  /// The same verdict through Foundation's parser alone (the reference `PlainHTTPURL` is
  /// tested and fuzzed against).
  package static func slowProblem(_ url: String) -> String? {
    // The port first: `http://127.0.0.1:8888nope` is a missing `/`, which Foundation only calls
    // an invalid URL.
    if let port = portText(url), let problem = portProblem(port) {
      let digits = port.prefix { $0.isASCII && $0.isNumber }
      return !digits.isEmpty && digits.count < port.count
        ? problem + "; a / goes between the port and the path (:\(digits)/\(port.dropFirst(digits.count)))"
        : problem
    }
    guard let components = URLComponents(string: url) else {
      return "not a valid URL: spaces and some characters must be percent-encoded (%20)"
    }
    guard let scheme = components.scheme?.lowercased() else {
      return "the URL has no scheme: expected something like http://127.0.0.1:8888/"
    }
    guard scheme == "http" || scheme == "https" else {
      return "unsupported URL scheme \(scheme.debugDescription): use http:// or https://"
    }
    guard let host = components.host, !host.isEmpty else {
      return "the URL has no host: expected something like http://127.0.0.1:8888/"
    }
    return nil
  }

  /// What is wrong with the digits after the host's `:`, or nil (an empty port means the
  /// scheme's default, as in Foundation and async-http-client).
  static func portProblem(_ digits: Substring) -> String? {
    if digits.isEmpty { return nil }
    let text = String(digits.prefix(12)) + (digits.count > 12 ? "…" : "")
    guard digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
      return "the port \(text.debugDescription) is not a number: use a port from 1 to 65535"
    }
    let significant = digits.drop { $0 == "0" }
    guard significant.count <= 5, let value = Int(significant.isEmpty ? "0" : significant), ports.contains(value)
    else {
      return "the port \(text) is out of range: use a port from 1 to 65535"
    }
    return nil
  }

  /// The text between the host and the path that follows the last `:` of the authority
  /// (`8888` in `http://u:p@[::1]:8888/x`), or nil when the authority names no port. Reads
  /// Unicode scalars: a `/` followed by a combining mark still ends the authority (as
  /// `Character`s the two were one, and a port after a later `@` was missed: found by fuzzing).
  static func portText(_ url: String) -> Substring? {
    let scalars = url.unicodeScalars
    guard let colon = scalars.firstIndex(of: ":") else { return nil }
    let rest = scalars[scalars.index(after: colon)...].drop { $0 == "/" }
    let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    let hostPort = authority.lastIndex(of: "@").map { authority[authority.index(after: $0)...] } ?? authority
    let afterHost: Substring.UnicodeScalarView
    if hostPort.first == "[" {
      guard let close = hostPort.firstIndex(of: "]") else { return nil }
      afterHost = Substring(hostPort[hostPort.index(after: close)...]).unicodeScalars
    } else {
      guard let colon = hostPort.firstIndex(of: ":") else { return nil }
      afterHost = Substring(hostPort[colon...]).unicodeScalars
    }
    guard afterHost.first == ":" else { return nil }
    return Substring(afterHost.dropFirst())
  }
}
