import SquallValues

/// An HTTP exchange as checks read it: the one lookup behind a lesson's `served`/`sent`
/// checks, a saved request's asserts and captures, and the Log's filter, so a field reads the
/// same everywhere (`Subject.exchangeFields`). Pure.
public struct ExchangeFacts: Sendable {
  public var method: String
  /// The request target as sent or received: `/a?b` or `http://host/a?b`.
  public var url: String
  public var status: Int
  public var reason: String
  public var headers: [(name: String, value: String)]
  public var requestHeaders: [(name: String, value: String)]
  public var body: [UInt8]
  /// The body's size in bytes (the whole of it, when `body` holds only a preview).
  public var size: Int
  /// Seconds.
  public var duration: Double
  /// The client's word for a failure without an answer (`timeout`, `refused`…); empty when an
  /// answer came.
  public var error: String
  /// Fields a subject adds (`raw`, `direction`), by name.
  public var extra: [String: String]

  public init(
    method: String, url: String, status: Int, reason: String = "", headers: [(name: String, value: String)] = [],
    requestHeaders: [(name: String, value: String)] = [], body: [UInt8] = [], size: Int? = nil,
    duration: Double = 0, error: String = "", extra: [String: String] = [:]
  ) {
    self.method = method
    self.url = url
    self.status = status
    self.reason = reason
    self.headers = headers
    self.requestHeaders = requestHeaders
    self.body = body
    self.size = size ?? body.count
    self.duration = duration
    self.error = error
    self.extra = extra
  }

  /// The path and the query of `url` (`/` when an absolute URL has no path). Pure.
  public var pathAndQuery: (path: String, query: String) {
    // After `scheme://host` when there is one (no Foundation here: a plain search).
    let characters = Array(url)
    let scheme = (0..<max(0, characters.count - 2)).first { characters[$0..<($0 + 3)] == [":", "/", "/"] }
    let withoutScheme = scheme.map { url.dropFirst($0 + 3).drop { $0 != "/" } } ?? Substring(url)
    let target = withoutScheme.prefix { $0 != "#" }
    let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
    let path = parts.first.map(String.init) ?? ""
    return (path.isEmpty ? "/" : path, parts.count > 1 ? String(parts[1]) : "")
  }

  /// A query's value: numbers as numbers, a header's first value by name in any case (nil
  /// when it was not sent), `$.PATH` from a JSON body (`$` the whole document; nil when the
  /// body is not JSON or has nothing there).
  public func value(of query: Query) -> CheckValue? {
    switch query.field {
    case "status", "code": return .number(Double(status))
    case "reason": return .text(reason)
    case "method": return .text(method)
    case "path": return .text(pathAndQuery.path)
    case "query": return .text(pathAndQuery.query)
    case "header", "reqheader":
      let name = query.argument?.lowercased()
      return (query.field == "header" ? headers : requestHeaders).first { $0.name.lowercased() == name }
        .map { .text($0.value) }
    case "body": return .text(String(decoding: body, as: UTF8.self))
    case "size": return .number(Double(size))
    case "duration": return .number(duration)
    case "error": return .text(error.isEmpty ? "none" : error)
    case Query.json:
      let path = query.argument ?? ""
      if path.isEmpty { return JSONCheck.isValid(body) ? .text(String(decoding: body, as: UTF8.self)) : nil }
      return JSONPaths.flatten(body).first { $0.path == path }.map { .text($0.value) }
    default:
      return extra[query.field].map(CheckValue.text)
    }
  }
}

extension ExchangeFacts: Equatable {
  public static func == (left: ExchangeFacts, right: ExchangeFacts) -> Bool {
    left.method == right.method && left.url == right.url && left.status == right.status && left.reason == right.reason
      && left.headers.elementsEqual(right.headers, by: { $0.name == $1.name && $0.value == $1.value })
      && left.requestHeaders.elementsEqual(right.requestHeaders, by: { $0.name == $1.name && $0.value == $1.value })
      && left.body == right.body && left.size == right.size && left.duration == right.duration
      && left.error == right.error && left.extra == right.extra
  }
}
