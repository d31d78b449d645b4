import Foundation
import NIOHTTP1

// The request as it goes on the wire, known before anything is sent.

extension AsyncHTTPClient {
  /// The headers this client sends for `request`, in order, before async-http-client adds
  /// `host` and the framing: the request's own, then `User-Agent`, a POST's form
  /// `Content-Type` and `Accept-Encoding: gzip` as Tornado's `simple_httpclient` does, and
  /// basic auth. Pure.
  func outgoingHeaders(_ request: HTTPRequest) -> HTTPHeaders {
    var headers = request.headers
    if !headers.contains(name: "User-Agent"), let agent = request.userAgent {
      headers.add(name: "User-Agent", value: agent)
    }
    // As Tornado's simple_httpclient: a POST says its body is a form unless told otherwise (so a
    // Tornado server reads body arguments from it), and the client asks for gzip only.
    if request.method == "POST", !headers.contains(name: "Content-Type") {
      headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
    }
    if request.decompressResponse ?? defaults.decompressResponse, !headers.contains(name: "Accept-Encoding") {
      headers.add(name: "Accept-Encoding", value: "gzip")
    }
    if let user = request.authUsername {
      let token = Data("\(user):\(request.authPassword ?? "")".utf8).base64EncodedString()
      headers.replaceOrAdd(name: "Authorization", value: "Basic \(token)")
    }
    return headers
  }

  /// The exact bytes a fetch of `request` puts on the wire (HTTPie's `--offline`): the request
  /// line in origin form, the headers in their order and case — this client's, then
  /// async-http-client's `host` (with the port unless it is the scheme's default) and framing
  /// (`Content-Length` for a body, `Content-Length: 0` for a method that defines one without it,
  /// none for GET, HEAD, DELETE, CONNECT and TRACE) — a blank line, the body. Only the first hop:
  /// a redirect's next request depends on the answer. nil for a URL the client would refuse.
  /// Pure: nothing is sent.
  public func wireBytes(of original: HTTPRequest) -> [UInt8]? {
    let request = resolved(original)  // the defaults applied, as a fetch applies them
    guard Self.validate(request) == nil, let url = URL(string: request.url), let host = url.host, !host.isEmpty
    else { return nil }
    var target =
      url.path.isEmpty ? "/" : (URLComponents(url: url, resolvingAgainstBaseURL: true)?.percentEncodedPath ?? url.path)
    if let query = url.query { target += "?" + query }
    var headers = outgoingHeaders(request)
    let scheme = url.scheme?.lowercased() ?? "http"
    if !headers.contains(name: "host") {
      // An IPv6 address in brackets, as async-http-client writes it back ([::1]:8888).
      let bare = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
      let name = bare.contains(":") ? "[\(bare)]" : bare
      let standard = scheme == "https" ? 443 : 80
      headers.add(name: "host", value: url.port.map { $0 == standard ? name : "\(name):\($0)" } ?? name)
    }
    headers.remove(name: "Content-Length")
    headers.remove(name: "Transfer-Encoding")
    let body = request.body ?? []
    if request.method == "TRACE", !body.isEmpty { return nil }  // async-http-client refuses it
    if !body.isEmpty {
      headers.add(name: "Content-Length", value: String(body.count))
    } else if !["GET", "HEAD", "DELETE", "CONNECT", "TRACE"].contains(request.method) {
      headers.add(name: "Content-Length", value: "0")
    }
    var text = "\(request.method) \(target) HTTP/1.1\r\n"
    for (name, value) in headers { text += "\(name): \(value)\r\n" }
    return Array((text + "\r\n").utf8) + body
  }
}
