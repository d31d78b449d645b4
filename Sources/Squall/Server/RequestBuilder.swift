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

/// What a trusted proxy says of the client (`xheaders=True` in Tornado, its
/// `_apply_xheaders`). Pure.
struct ProxyHeaders: Equatable {
  /// `X-Real-Ip`, else the last address of `X-Forwarded-For` (the one the proxy added); nil
  /// when it is not an IP address (Tornado's `netutil.is_valid_ip`): the peer's address stays.
  var remoteIP: String?
  /// The last entry of `X-Scheme`, else of `X-Forwarded-Proto`: only `http` or `https`, as
  /// written (Tornado ignores `HTTPS`).
  var scheme: String?

  init(_ headers: HTTPHeaders) {
    // Tornado's `headers.get` joins the lines of a repeated header with ",".
    func joined(_ name: String) -> String? {
      let values = headers[name]
      return values.isEmpty ? nil : values.joined(separator: ",")
    }
    func lastEntry(_ text: String) -> String {
      text.split(separator: ",", omittingEmptySubsequences: false).last.map { $0.trimmingSpaces() } ?? ""
    }
    let address = joined("X-Real-Ip") ?? joined("X-Forwarded-For").map(lastEntry)
    remoteIP = address.flatMap { NumericHost.isValid($0) ? $0 : nil }
    let proto = (joined("X-Scheme") ?? joined("X-Forwarded-Proto")).map(lastEntry)
    scheme = proto == "http" || proto == "https" ? proto : nil
  }
}
