/// Options for `RequestHandler.setCookie`, named as Tornado's `set_cookie` arguments.
public struct CookieOptions: Sendable {
  /// `Domain` attribute.
  public var domain: String?
  /// `Expires` attribute.
  public var expires: HTTPDate?
  /// `Path` attribute, `/` by default.
  public var path: String = "/"
  /// `Max-Age` in seconds.
  public var maxAge: Int?
  /// `HttpOnly` flag.
  public var httpOnly = false
  /// `Secure` flag.
  public var secure = false
  /// `SameSite` attribute (`Lax`, `Strict` or `None`).
  public var sameSite: String?

  /// Options with Tornado's defaults (path `/`).
  public init(
    domain: String? = nil, expires: HTTPDate? = nil, path: String = "/", maxAge: Int? = nil,
    httpOnly: Bool = false, secure: Bool = false, sameSite: String? = nil
  ) {
    self.domain = domain
    self.expires = expires
    self.path = path
    self.maxAge = maxAge
    self.httpOnly = httpOnly
    self.secure = secure
    self.sameSite = sameSite
  }

  func headerValue(name: String, value: String) -> String {
    var parts = ["\(name)=\(value)"]
    if let domain { parts.append("Domain=\(domain)") }
    if let expires { parts.append("expires=\(expires.formatted)") }
    parts.append("Path=\(path)")
    if let maxAge { parts.append("Max-Age=\(maxAge)") }
    if httpOnly { parts.append("HttpOnly") }
    if secure { parts.append("Secure") }
    if let sameSite { parts.append("SameSite=\(sameSite)") }
    return parts.joined(separator: "; ")
  }
}
