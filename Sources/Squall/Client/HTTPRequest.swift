import NIOHTTP1

/// One request for `AsyncHTTPClient.fetch`, as Tornado's `tornado.httpclient.HTTPRequest`.
/// Options left `nil` take the client's `defaults`.
public struct HTTPRequest: Sendable {
  /// The URL to fetch (`http://` or `https://`).
  public var url: String
  /// The method, `GET` by default.
  public var method: String
  /// Request headers.
  public var headers: HTTPHeaders
  /// The request body.
  public var body: [UInt8]?
  /// User name for basic authentication.
  public var authUsername: String?
  /// Password for basic authentication.
  public var authPassword: String?
  /// Seconds to wait for the connection.
  public var connectTimeout: Double?
  /// Seconds for the whole request.
  public var requestTimeout: Double?
  /// Whether to follow 3xx redirects.
  public var followRedirects: Bool?
  /// How many redirects to follow at most.
  public var maxRedirects: Int?
  /// The `User-Agent` header.
  public var userAgent: String?
  /// Whether to decode gzip/deflate bodies.
  public var decompressResponse: Bool?
  /// Whether methods other than the standard ones, or odd bodies, are allowed.
  public var allowNonstandardMethods: Bool?
  /// Whether to check the server's TLS certificate.
  public var validateCert: Bool?
  /// Called with the status line and each header line as they arrive.
  public var headerCallback: (@Sendable (String) -> Void)?
  /// Called with each piece of body as it arrives; the response body is then left empty.
  public var streamingCallback: (@Sendable ([UInt8]) -> Void)?
  /// Bytes of response body accepted at most (Tornado's `max_body_size`); a larger body stops
  /// the fetch with a 599. Counted also when a `streamingCallback` takes the bytes.
  public var maxBodySize: Int?
  /// Called with each redirect answer the client follows (its head and body), before the next
  /// request goes (Squall's addition: Tornado's callbacks never see those answers, so
  /// `squall fetch -L -v` and `--all` show each hop through this one).
  public var redirectCallback: (@Sendable (HTTPResponse) -> Void)?
  /// Called with the request head as it went on the wire, `Host` and `Content-Length`
  /// included (Squall's addition, for `curl -v`-style output).
  public var sentHeadCallback: (@Sendable (SentRequestHead) -> Void)?
  /// Keep the request head as it went on the wire in `HTTPResponse.sentHead` (Squall's
  /// addition). Off by default: only async-http-client's delegate API reports that head, and it
  /// costs about a fifth more per fetch than its async API. A `sentHeadCallback` turns it on.
  public var recordSentHead = false

  /// A request with Tornado's keyword arguments.
  public init(
    _ url: String, method: String = "GET", headers: HTTPHeaders = [:], body: [UInt8]? = nil,
    authUsername: String? = nil, authPassword: String? = nil, connectTimeout: Double? = nil,
    requestTimeout: Double? = nil, followRedirects: Bool? = nil, maxRedirects: Int? = nil,
    userAgent: String? = nil, decompressResponse: Bool? = nil,
    allowNonstandardMethods: Bool? = nil, validateCert: Bool? = nil,
    headerCallback: (@Sendable (String) -> Void)? = nil,
    streamingCallback: (@Sendable ([UInt8]) -> Void)? = nil
  ) {
    self.url = url
    self.method = method
    self.headers = headers
    self.body = body
    self.authUsername = authUsername
    self.authPassword = authPassword
    self.connectTimeout = connectTimeout
    self.requestTimeout = requestTimeout
    self.followRedirects = followRedirects
    self.maxRedirects = maxRedirects
    self.userAgent = userAgent
    self.decompressResponse = decompressResponse
    self.allowNonstandardMethods = allowNonstandardMethods
    self.validateCert = validateCert
    self.headerCallback = headerCallback
    self.streamingCallback = streamingCallback
  }

  /// A request whose body is `text` as UTF-8.
  public init(_ url: String, method: String, body text: String, headers: HTTPHeaders = [:]) {
    self.init(url, method: method, headers: headers, body: Array(text.utf8))
  }
}
