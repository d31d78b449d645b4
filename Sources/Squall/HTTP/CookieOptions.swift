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
    var parts = ["\(name)=\(Self.quoted(value))"]
    if let domain { parts.append("Domain=\(domain)") }
    if let expires { parts.append("expires=\(expires.formatted)") }
    parts.append("Path=\(path)")
    if let maxAge { parts.append("Max-Age=\(maxAge)") }
    if httpOnly { parts.append("HttpOnly") }
    if secure { parts.append("Secure") }
    if let sameSite { parts.append("SameSite=\(sameSite)") }
    return parts.joined(separator: "; ")
  }

  /// Python's `http.cookies._quote`, which Tornado's `set_cookie` applies: a value of legal
  /// characters only (letters, digits, `!#$%&'*+-.^_`|~:`) as it is, any other (or an empty
  /// one: `clearCookie` sends `name=""`, as Tornado) in double quotes
  /// with `"` and `\` escaped and `,`, `;` and U+007F–U+00FF as octal (`é` is `\351`, `,` is
  /// `\054`). A signed value's
  /// base64 `=` makes it quoted, as in Tornado. Pure.
  static func quoted(_ value: String) -> String {
    let legal = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~:".unicodeScalars)
    guard value.isEmpty || !value.unicodeScalars.allSatisfy(legal.contains) else { return value }
    var out = "\""
    for scalar in value.unicodeScalars {
      switch scalar.value {
      case 0x22: out += "\\\""
      case 0x5C: out += "\\\\"
      case 0..<0x20, 0x2C, 0x3B, 0x7F...0xFF:  // Python's _Translator: controls, `,`, `;`, Latin-1
        let octal = String(scalar.value, radix: 8)
        out += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
