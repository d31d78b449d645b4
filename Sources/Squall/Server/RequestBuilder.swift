import NIOCore
import NIOHTTP1

/// Turns a parsed request head and its body into the `HTTPServerRequest` a responder gets,
/// as Tornado's `HTTP1ServerConnection` with `_HTTPRequestContext`. Pure: no I/O.
enum RequestBuilder {
  static func request(
    head: HTTPRequestHead, body: [UInt8], remote: String, startTime: ContinuousClock.Instant,
    xheaders: Bool, decompressRequest: Bool
  ) -> HTTPServerRequest {
    var headers = head.headers
    var remoteIP = remote
    var scheme = "http"
    if xheaders {
      let proxied = ProxyHeaders(headers)
      remoteIP = proxied.remoteIP ?? remote
      scheme = proxied.scheme ?? scheme
    }
    // The decompressor already inflated the body; the handler sees it as plain.
    if decompressRequest { headers.remove(name: "Content-Encoding") }
    return HTTPServerRequest(
      method: head.method.rawValue, uri: head.uri, version: head.version.minor == 0 ? "HTTP/1.0" : "HTTP/1.1",
      headers: headers, body: body, remoteIP: remoteIP,
      protocol: scheme, startTime: startTime)
  }
}

/// What a trusted proxy says of the client (`xheaders=True` in Tornado). Pure.
struct ProxyHeaders: Equatable {
  /// `X-Real-Ip`, else the last address of `X-Forwarded-For` (the one the proxy added).
  var remoteIP: String?
  /// `X-Scheme`, else `X-Forwarded-Proto`, lower-cased; only `http` or `https`.
  var scheme: String?

  init(_ headers: HTTPHeaders) {
    let forwarded =
      headers.first(name: "X-Real-Ip")
      ?? headers.first(name: "X-Forwarded-For")?.split(separator: ",").last.map { $0.trimmingSpaces() }
    remoteIP = forwarded?.isEmpty == false ? forwarded : nil
    let proto = (headers.first(name: "X-Scheme") ?? headers.first(name: "X-Forwarded-Proto"))?.lowercased()
    scheme = proto == "http" || proto == "https" ? proto : nil
  }
}
