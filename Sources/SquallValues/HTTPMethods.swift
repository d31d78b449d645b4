/// The methods Tornado knows without being told: its `RequestHandler.SUPPORTED_METHODS` and
/// its client's methods that need no `allow_nonstandard_methods`, in Tornado's order. The one
/// list the server's default `supportedMethods`, the client's check, the builder's method list
/// and the exports read. Pure.
package enum StandardMethod: String, CaseIterable, Sendable {
  case get = "GET"
  case head = "HEAD"
  case post = "POST"
  case delete = "DELETE"
  case patch = "PATCH"
  case put = "PUT"
  case options = "OPTIONS"

  /// Every name, in Tornado's order.
  package static let names = allCases.map(\.rawValue)
  /// The builder's method list: the ones a learner reaches for first.
  package static let byUse: [StandardMethod] = [.get, .post, .put, .patch, .delete, .head, .options]

  /// Whether `method` is one of them (as sent: upper case).
  package static func isStandard(_ method: String) -> Bool { StandardMethod(rawValue: method) != nil }

  /// Whether a request with this method carries a body even when it is empty, as Tornado's
  /// client decides it (`body_expected = method in ("POST", "PATCH", "PUT")`).
  package var expectsBody: Bool { self == .post || self == .patch || self == .put }
}

/// The methods whose requests carry a body even when it is empty (`StandardMethod.expectsBody`):
/// such a request without a body says `Content-Length: 0`. The client, `squall fetch`, the
/// builder, the exports and `squall compare` read it. Pure.
package enum BodyMethods {
  package static let expectingBody: Set<String> = Set(StandardMethod.allCases.filter(\.expectsBody).map(\.rawValue))

  /// Whether a request with `method` carries a body (upper-cased first).
  package static func expectBody(_ method: String) -> Bool { expectingBody.contains(method.uppercased()) }
}

/// The methods NIOHTTP1's parser (llhttp, `llhttp_method_t`: HTTP/1 and WebDAV) reads; any
/// other gets 400 before a handler runs. Pure.
package enum ParserMethods {
  package static let known: Set<String> = [
    "DELETE", "GET", "HEAD", "POST", "PUT", "CONNECT", "OPTIONS", "TRACE", "COPY", "LOCK", "MKCOL", "MOVE",
    "PROPFIND", "PROPPATCH", "SEARCH", "UNLOCK", "BIND", "REBIND", "UNBIND", "ACL", "REPORT", "MKACTIVITY",
    "CHECKOUT", "MERGE", "M-SEARCH", "NOTIFY", "SUBSCRIBE", "UNSUBSCRIBE", "PATCH", "PURGE", "MKCALENDAR", "LINK",
    "UNLINK", "SOURCE", "QUERY",
  ]
}
