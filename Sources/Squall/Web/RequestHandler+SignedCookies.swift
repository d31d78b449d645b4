import Foundation

extension RequestHandler {
  /// Signs and sets cookie `name` (Tornado's `set_signed_cookie`): readable with
  /// `getSignedCookie` here or in Tornado with the same `Settings.cookieSecret`, expiring after
  /// `expiresDays` (30, as Tornado; nil: a session cookie). Throws (500) without a secret.
  public func setSignedCookie(
    _ name: String, _ value: String, expiresDays: Double? = 30, options: CookieOptions = CookieOptions()
  ) throws {
    var options = options
    if let expiresDays, options.expires == nil {
      options.expires = HTTPDate(secondsSince1970: Int(Date().timeIntervalSince1970 + expiresDays * 86_400))
    }
    setCookie(name, try createSignedValue(name, value), options: options)
  }

  /// The value of signed cookie `name` when its signature holds and it is at most `maxAgeDays`
  /// old; nil when it is missing, tampered with, signed for another name or expired (Tornado's
  /// `get_signed_cookie`). Throws (500) without `Settings.cookieSecret`.
  public func getSignedCookie(_ name: String, maxAgeDays: Double = 31) throws -> String? {
    let secret = try cookieSecret(for: "getSignedCookie")
    guard let cookie = getCookie(name) else { return nil }
    return SignedValue.decode(
      secret: secret, name: name, signed: cookie, maxAgeDays: maxAgeDays, now: Int(Date().timeIntervalSince1970))
  }

  /// `value` signed for `name` now, as a cookie carries it (Tornado's `create_signed_value`).
  public func createSignedValue(_ name: String, _ value: String) throws -> String {
    SignedValue.create(
      secret: try cookieSecret(for: "setSignedCookie"), name: name, value: value,
      timestamp: Int(Date().timeIntervalSince1970))
  }

  private func cookieSecret(for caller: String) throws -> String {
    guard let secret = application.settings.cookieSecret, !secret.isEmpty else {
      throw HTTPError(500, "\(caller) needs a secret: Application(…, settings: Settings(cookieSecret: …))")
    }
    return secret
  }
}
