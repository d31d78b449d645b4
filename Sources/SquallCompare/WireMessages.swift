import Foundation
import SquallValues

/// A request as `squall compare` sends it to both servers: the same bytes to each, with
/// `Host: 127.0.0.1` (no port, so that an echoed request reads the same on both).
package struct WireRequest: Sendable, Equatable {
  package var method: String
  /// The origin-form target: path and query (`/echo?a=1`).
  package var target: String
  package var headers: [HeaderLine]
  package var body: [UInt8]

  package init(method: String = "GET", target: String = "/", headers: [HeaderLine] = [], body: [UInt8] = []) {
    self.method = method
    self.target = target
    self.headers = headers
    self.body = body
  }

  /// The request of a URL as `squall compare` sends it: its method, path and query, headers
  /// and body, with `Host: 127.0.0.1` (the client's own headers, User-Agent and the rest, left
  /// out, so both servers get exactly what the playground's builder shows). Pure.
  package init(method: String, url: String, headers: [(String, String)], body: [UInt8]) {
    let components = URLComponents(string: url)
    let path = components.map { $0.percentEncodedPath.isEmpty ? "/" : $0.percentEncodedPath } ?? "/"
    let target = path + (components?.percentEncodedQuery.map { "?" + $0 } ?? "")
    self.init(
      method: method, target: target,
      headers: headers.filter { $0.0.lowercased() != "host" }.map { HeaderLine($0.0, $0.1) }, body: body)
  }

  /// The header lines as they go out: `Host` first unless the request names its own, then the
  /// headers in their order, then `Content-Length` for a body (or a POST, PUT or PATCH without
  /// one). Pure.
  package var lines: [HeaderLine] {
    var lines: [HeaderLine] = []
    let named = { (name: String) in self.headers.contains { $0.name.lowercased() == name } }
    if !named("host") { lines.append(HeaderLine("Host", "127.0.0.1")) }
    lines += headers
    if !named("content-length"), !named("transfer-encoding"), !body.isEmpty || BodyMethods.expectBody(method) {
      lines.append(HeaderLine("Content-Length", String(body.count)))
    }
    return lines
  }
}

/// A header line, its name's case as sent.
package struct HeaderLine: Sendable, Equatable {
  package var name: String
  package var value: String
  package init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }
}

/// One answer as it came off the wire: NIO's HTTP/1 parser read it (names' case and order
/// kept), and how its body was framed.
package struct WireResponse: Sendable, Equatable {
  package var version: String
  package var status: Int
  package var reason: String
  package var headers: [HeaderLine]
  package var body: [UInt8]
  /// `length`, `chunked`, `close` (the body ran to the connection's end) or `none`.
  package var framing: String
  /// Seconds from the request going out to the end of the answer.
  package var duration: Double

  package init(
    version: String = "HTTP/1.1", status: Int, reason: String, headers: [HeaderLine], body: [UInt8],
    framing: String, duration: Double = 0
  ) {
    self.version = version
    self.status = status
    self.reason = reason
    self.headers = headers
    self.body = body
    self.framing = framing
    self.duration = duration
  }

  package func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }
}

/// Why an exchange with one of the servers gave no answer.
package struct WireFailure: Error, Sendable, CustomStringConvertible {
  package var message: String
  package var description: String { message }
  package init(message: String) { self.message = message }
}

/// An answer read as bytes, when it is not HTTP a parser accepts (the faults app): every byte
/// the server sent until the connection ended, and how it ended.
package struct RawAnswer: Sendable, Equatable {
  package enum End: String, Sendable, Equatable {
    case closed = "closed (FIN)"
    case reset = "reset (TCP RST)"
    case timedOut = "still open when the time was up"
  }
  package var bytes: [UInt8]
  package var end: End
  /// Why NIO's HTTP parser could not read it (what the normal comparison met).
  package var parserSaid: String
  package var duration: Double

  package init(bytes: [UInt8], end: End, parserSaid: String = "", duration: Double = 0) {
    self.bytes = bytes
    self.end = end
    self.parserSaid = parserSaid
    self.duration = duration
  }

  /// The request's bytes as `WireClient` sends them: request line, `lines`, the blank line, the body.
  package static func requestBytes(_ request: WireRequest) -> [UInt8] {
    var text = "\(request.method) \(request.target) HTTP/1.1\r\n"
    for line in request.lines { text += "\(line.name): \(line.value)\r\n" }
    return Array((text + "\r\n").utf8) + request.body
  }
}
