import NIOHTTP1

/// A single HTTP request, as Tornado's `tornado.httputil.HTTPServerRequest`.
///
/// `path` and `query` are split from `uri`; `arguments` merges `queryArguments` and
/// `bodyArguments` (urlencoded or multipart form bodies), as Tornado does.
public struct HTTPServerRequest: Sendable {
  /// The request method, upper case, as sent (`GET`, `POST`, ...).
  public var method: String
  /// The request target as sent, including any query string.
  public var uri: String
  /// The path part of `uri`, still percent-encoded.
  public var path: String
  /// The query string without the `?`.
  public var query: String
  /// The protocol version, `HTTP/1.0` or `HTTP/1.1`.
  public var version: String
  /// The request headers.
  public var headers: HTTPHeaders
  /// The request body bytes.
  public var body: [UInt8]
  /// The address of the client (or of the proxy's client with `xheaders`).
  public var remoteIP: String
  /// `http`, or what the proxy said with `xheaders`.
  public var `protocol`: String
  /// The `Host` header, or `127.0.0.1` when there is none.
  public var host: String
  /// Arguments from the query string, in the order they appeared.
  public var queryArguments: FormArguments
  /// Arguments from a form-encoded or multipart body.
  public var bodyArguments: FormArguments
  /// Files uploaded in a multipart body, by field name.
  public var files: [String: [UploadedFile]]
  /// When the request head arrived.
  public var startTime: ContinuousClock.Instant
  /// Why the query or body could not be parsed (too many arguments or parts, a malformed
  /// multipart body); the request is then answered `400` before any handler runs.
  public var inputProblem: BodyProblem?

  /// Creates a request; the server does this for every request it reads.
  public init(
    method: String, uri: String, version: String = "HTTP/1.1", headers: HTTPHeaders = [:],
    body: [UInt8] = [], remoteIP: String = "127.0.0.1", protocol: String = "http",
    startTime: ContinuousClock.Instant = .now
  ) {
    self.method = method
    self.uri = uri
    let (path, query) = HTTPServerRequest.split(uri: uri)
    self.path = path
    self.query = query
    self.version = version
    self.headers = headers
    self.body = body
    self.remoteIP = remoteIP
    self.protocol = `protocol`
    self.host = headers.first(name: "Host") ?? "127.0.0.1"
    if FormArguments.exceedsLimit(query) {
      self.queryArguments = FormArguments()
      self.inputProblem = BodyProblem("too many query arguments (more than \(FormArguments.maxArguments))")
    } else {
      self.queryArguments = FormArguments(urlEncoded: query)
    }
    self.bodyArguments = FormArguments()
    self.files = [:]
    self.startTime = startTime
    parseBodyArguments()
  }

  /// Query and body arguments together; query values come first.
  public var arguments: FormArguments { queryArguments.merging(bodyArguments) }

  /// The body decoded as UTF-8 (invalid sequences replaced).
  public var bodyText: String { String(decoding: body, as: UTF8.self) }

  /// `host` without the port.
  public var hostName: String {
    if host.hasPrefix("[") { return String(host.prefix { $0 != "]" }.dropFirst()) }
    return String(host.split(separator: ":", maxSplits: 1).first ?? "")
  }

  /// The full URL of this request, as Tornado's `full_url()`.
  public func fullURL() -> String { "\(`protocol`)://\(host)\(uri)" }

  /// Time since the request head arrived, in seconds, as Tornado's `request_time()`.
  public func requestTime() -> Double {
    let elapsed = ContinuousClock.now - startTime
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  }

  /// Cookies sent in the `Cookie` header.
  public var cookies: [String: String] {
    var result: [String: String] = [:]
    for header in headers["Cookie"] {
      for (name, value) in CookieParser.parse(header) { result[name] = value }
    }
    return result
  }

  static func split(uri: String) -> (path: String, query: String) {
    guard let mark = uri.firstIndex(of: "?") else { return (uri, "") }
    return (String(uri[..<mark]), String(uri[uri.index(after: mark)...]))
  }

  private mutating func parseBodyArguments() {
    guard !body.isEmpty, let contentType = headers.first(name: "Content-Type") else { return }
    let lower = contentType.lowercased()
    if lower.hasPrefix("application/x-www-form-urlencoded") {
      let text = String(decoding: body, as: UTF8.self)
      guard !FormArguments.exceedsLimit(text) else {
        inputProblem = BodyProblem("too many form arguments (more than \(FormArguments.maxArguments))")
        return
      }
      bodyArguments = FormArguments(urlEncoded: text)
    } else if lower.hasPrefix("multipart/form-data") {
      guard let boundary = MultipartParser.boundary(from: contentType) else {
        inputProblem = BodyProblem("Invalid multipart/form-data: no boundary")
        return
      }
      switch MultipartParser.parse(body: body, boundary: boundary) {
      case .success(let form):
        bodyArguments = form.arguments
        files = form.files
      case .failure(let problem):
        inputProblem = problem
      }
    }
  }
}
