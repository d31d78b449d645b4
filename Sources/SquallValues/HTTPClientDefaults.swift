import Foundation

/// Options every request of a client gets unless it says otherwise (Tornado's `defaults`).
public struct HTTPClientDefaults: Sendable, Equatable {
  /// Seconds to wait for the connection: 20, as Tornado.
  public var connectTimeout: Double = 20
  /// Seconds for the whole request: 20, as Tornado.
  public var requestTimeout: Double = 20
  /// Follow redirects: yes.
  public var followRedirects = true
  /// At most 5 redirects.
  public var maxRedirects = 5
  /// The `User-Agent` sent.
  public var userAgent = "Squall/\(SquallVersion.number)"
  /// Decode gzip bodies: yes.
  public var decompressResponse = true
  /// Refuse nonstandard methods: yes.
  public var allowNonstandardMethods = false
  /// Check TLS certificates: yes.
  public var validateCert = true
  /// Response bytes accepted at most: 100 MB, as Tornado's `max_body_size`.
  public var maxBodySize = 104_857_600

  /// Tornado's defaults, with any of them changed.
  public init(
    connectTimeout: Double = 20, requestTimeout: Double = 20, followRedirects: Bool = true,
    maxRedirects: Int = 5, userAgent: String? = nil, decompressResponse: Bool = true,
    allowNonstandardMethods: Bool = false, validateCert: Bool = true, maxBodySize: Int = 104_857_600
  ) {
    self.connectTimeout = connectTimeout
    self.requestTimeout = requestTimeout
    self.followRedirects = followRedirects
    self.maxRedirects = maxRedirects
    if let userAgent { self.userAgent = userAgent }
    self.decompressResponse = decompressResponse
    self.allowNonstandardMethods = allowNonstandardMethods
    self.validateCert = validateCert
    self.maxBodySize = max(0, maxBodySize)
  }
}
