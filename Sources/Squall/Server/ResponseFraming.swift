import NIOHTTP1

/// Tornado's framing of responses and its keep-alive rules (`HTTP1Connection`). Pure: no I/O.
enum ResponseFraming {
  /// Tornado's `_can_keep_alive`: HTTP/1.1 stays open unless `Connection: close`; HTTP/1.0
  /// only with `Connection: keep-alive` and a body whose end is known (or none).
  static func canKeepAlive(_ request: HTTPRequestHead, noKeepAlive: Bool) -> Bool {
    if noKeepAlive { return false }
    let connection = request.headers.first(name: "Connection")?.lowercased() ?? ""
    if request.version.major == 1 && request.version.minor >= 1 {
      return connection != "close"
    }
    if request.headers.contains(name: "Content-Length")
      || request.headers.first(name: "Transfer-Encoding")?.lowercased() == "chunked"
      || request.method == .GET || request.method == .HEAD
    {
      return connection == "keep-alive"
    }
    return false
  }

  /// Whether `request` asks to switch protocols as llhttp reads it (an `Upgrade` header with
  /// `upgrade` among `Connection`'s tokens, or CONNECT): NIO's parser stops after it. Pure.
  static func asksToSwitch(_ request: HTTPRequestHead) -> Bool {
    if request.method == .CONNECT { return true }
    guard request.headers.contains(name: "Upgrade") else { return false }
    return request.headers["Connection"].contains {
      $0.split(separator: ",").contains { token in
        token.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()
          .map { $0.lowercased() }.joined() == "upgrade"
      }
    }
  }

  /// Whether a response with `status` to a `method` request carries a body on the wire
  /// (never to HEAD, never with 1xx, 204 or 304).
  static func carriesBody(method: HTTPMethod, status: UInt) -> Bool {
    !(method == .HEAD || status == 204 || status == 304 || (100..<200).contains(status))
  }

  /// Adds what frames `head` as an answer to `request`, as Tornado's `write_headers` does:
  /// `Transfer-Encoding: chunked` for an HTTP/1.1 body of unknown length, `Connection: close`
  /// (HTTP/1.1) or `Connection: Keep-Alive` (HTTP/1.0) as the decision requires; the status line
  /// always says HTTP/1.1. Returns whether the connection can stay open: not when the body's end
  /// is the connection's end.
  static func frame(_ head: inout HTTPResponseHead, for request: HTTPRequestHead, keepAlive: Bool) -> Bool {
    var keepAlive = keepAlive
    let isHTTP11 = request.version.major == 1 && request.version.minor >= 1
    let bodiless = !carriesBody(method: request.method, status: head.status.code)
    let delimited = head.headers.contains(name: "Content-Length") || head.headers.contains(name: "Transfer-Encoding")
    if !bodiless && !delimited {
      if isHTTP11 {
        head.headers.add(name: "Transfer-Encoding", value: "chunked")
      } else {
        keepAlive = false  // the body ends when the connection closes
      }
    }
    if isHTTP11 && !keepAlive {
      head.headers.replaceOrAdd(name: "Connection", value: "close")
    } else if !isHTTP11 && keepAlive {
      head.headers.replaceOrAdd(name: "Connection", value: "Keep-Alive")
    }
    // Written only when it differs: the head's storage is shared with the handler's copy, and a
    // write would copy it (one allocation per response).
    if head.version != .http1_1 { head.version = .http1_1 }
    return keepAlive
  }
}
