import Foundation

extension RequestHandler {
  /// The XSRF token for this request, masked afresh (Tornado's `xsrf_token`): put it in forms
  /// (`xsrfFormHTML()`) or send it as `X-Xsrftoken`. Reading it sets the `_xsrf` cookie when
  /// the request had none.
  public var xsrfToken: String {
    var state = xsrfState()
    if let encoded = state.encoded { return encoded }
    var mask = [UInt8](repeating: 0, count: 4)
    var random = SystemRandomNumberGenerator()
    for index in mask.indices { mask[index] = random.next() }
    let encoded = state.raw.encoded(mask: mask)
    state.encoded = encoded
    xsrf = state
    if state.fresh { setCookie("_xsrf", encoded) }
    return encoded
  }

  /// `<input type="hidden" name="_xsrf" value="…"/>` for a form (Tornado's `xsrf_form_html`).
  public func xsrfFormHTML() -> String {
    "<input type=\"hidden\" name=\"_xsrf\" value=\"" + HTMLEscape.xhtml(xsrfToken) + "\"/>"
  }

  /// Refuses the request (403) unless the `_xsrf` argument, or the `X-Xsrftoken` or
  /// `X-Csrftoken` header, carries the token of the `_xsrf` cookie (Tornado's
  /// `check_xsrf_cookie`). Runs by itself before `prepare` with `Settings(xsrfCookies: true)`.
  public func checkXSRFCookie() throws {
    let sent =
      getArguments("_xsrf").last.flatMap { $0.isEmpty ? nil : $0 } ?? request.headers.first(name: "X-Xsrftoken")
      ?? request.headers.first(name: "X-Csrftoken")
    guard let sent, !sent.isEmpty else { throw HTTPError(403, "'_xsrf' argument missing from POST") }
    guard let token = XSRFToken.decode(sent)?.token, !token.isEmpty else {
      throw HTTPError(403, "'_xsrf' argument has invalid format")
    }
    guard SignedValue.constantTimeEqual(token, xsrfState().raw.token) else {
      throw HTTPError(403, "XSRF cookie does not match POST argument")
    }
  }

  /// The token from the `_xsrf` cookie, or a new random one (Tornado's `_get_raw_xsrf_token`).
  private func xsrfState() -> (raw: XSRFToken, fresh: Bool, encoded: String?) {
    if let xsrf { return xsrf }
    let now = Int(Date().timeIntervalSince1970)
    let state: (raw: XSRFToken, fresh: Bool, encoded: String?)
    if let cookie = getCookie("_xsrf"), !cookie.isEmpty, let token = XSRFToken.decode(cookie, now: now),
      !token.token.isEmpty
    {
      state = (token, false, nil)
    } else {
      var random = SystemRandomNumberGenerator()
      let bytes = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &random) }
      state = (XSRFToken(version: nil, token: bytes, timestamp: now), true, nil)
    }
    xsrf = state
    return state
  }
}
