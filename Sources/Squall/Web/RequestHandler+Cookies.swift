extension RequestHandler {
  /// Cookies the client sent.
  public var cookies: [String: String] { request.cookies }

  /// The value of cookie `name`, or `defaultValue`.
  public func getCookie(_ name: String, default defaultValue: String? = nil) -> String? {
    request.cookies[name] ?? defaultValue
  }

  /// Sets a cookie for the response. Names and values with spaces or control characters are
  /// refused (the request ends in 500), as Tornado's `set_cookie` raises for them.
  public func setCookie(_ name: String, _ value: String, options: CookieOptions = CookieOptions()) {
    if (name + value).utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F || $0 == UInt8(ascii: ";") }) {
      output.unsafeHeader = "Invalid cookie \(name.debugDescription): \(value.debugDescription)"
      return
    }
    // Tornado 6.5.5: an attribute holding `;` (or a control character) would add attributes
    // of its own choosing (`domain=example.com; HttpOnly`).
    for (attribute, text) in [("domain", options.domain), ("path", options.path), ("samesite", options.sameSite)] {
      guard let text, text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: ";") }) else {
        continue
      }
      output.unsafeHeader = "Invalid cookie \(attribute) \(text.debugDescription)"
      return
    }
    output.newCookies.removeAll { $0.hasPrefix("\(name)=") }
    output.newCookies.append(options.headerValue(name: name, value: value))
  }

  /// Deletes cookie `name` by sending it expired.
  public func clearCookie(_ name: String, path: String = "/", domain: String? = nil) {
    setCookie(
      name, "",
      options: CookieOptions(
        domain: domain, expires: HTTPDate(secondsSince1970: 0), path: path, maxAge: 0))
  }

  /// Deletes every cookie the client sent.
  public func clearAllCookies(path: String = "/", domain: String? = nil) {
    for name in request.cookies.keys.sorted() { clearCookie(name, path: path, domain: domain) }
  }
}
