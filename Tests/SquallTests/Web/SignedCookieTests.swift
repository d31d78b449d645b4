import Foundation
import Squall
import SquallTestSupport
import SquallTesting
import Testing

final class LoginHandler: RequestHandler {
  override func post() async throws {
    try setSignedCookie("user", getArgument("name"))
    write("hello")
  }

  override func get() async throws {
    write(["user": try getSignedCookie("user")])
  }
}

final class FormPageHandler: RequestHandler {
  override func get() async throws { write("<form method=post>\(xsrfFormHTML())</form>") }
  override func post() async throws { write("accepted") }
}

final class CookieEchoHandler: RequestHandler {
  override func get() async throws {
    if let value = getArguments("value").last { setCookie("n", value) }
    write(getCookie("n") ?? "-")
  }
}

/// Tornado's signed cookies (version 2) and XSRF tokens, byte for byte: values signed on one
/// side read on the other with the same secret.
@Suite struct SignedCookieTests {
  static let secret = "s3cret"
  static let app = Application(
    [("/login", LoginHandler.self), ("/form", FormPageHandler.self)],
    settings: Settings(cookieSecret: secret, xsrfCookies: true))

  @Test func aSignedValueIsTornados() {
    // tornado.web.create_signed_value("s3cret", "user", "Ada", clock=lambda: 1700000000)
    let tornado = "2|1:0|10:1700000000|4:user|4:QWRh|00495d55e7eb9a5fb8e3ccbafcc69a6aa9ad2fe7993a6605348149f795bc66f3"
    #expect(SignedValue.create(secret: Self.secret, name: "user", value: "Ada", timestamp: 1_700_000_000) == tornado)
    #expect(SignedValue.decode(secret: Self.secret, name: "user", signed: tornado, now: 1_700_000_000) == "Ada")
    #expect(SignedValue.decode(secret: "other", name: "user", signed: tornado, now: 1_700_000_000) == nil, "secret")
    #expect(SignedValue.decode(secret: Self.secret, name: "admin", signed: tornado, now: 1_700_000_000) == nil, "name")
    let tampered = tornado.replacingOccurrences(of: "4:QWRh", with: "4:RXZl")
    #expect(SignedValue.decode(secret: Self.secret, name: "user", signed: tampered, now: 1_700_000_000) == nil)
    #expect(
      SignedValue.decode(secret: Self.secret, name: "user", signed: tornado, now: 1_700_000_000 + 32 * 86_400) == nil,
      "older than 31 days")
    // A documented difference: Tornado's version 1 (create_signed_value(…, version=1)) is not read.
    let version1 = "QWRh|1700000000|db4151991e7f29afa5c42958bee9425517e61199"
    #expect(SignedValue.decode(secret: Self.secret, name: "user", signed: version1, now: 1_700_000_000) == nil)
    for malformed in [
      "2|9223372036854775807:x", "2|1:x|10:1700000000|4:user|4:QWRh|0", "", "2|", "2|1:0|",
      "2|9:0|10:1700000000|4:user|4:QWRh|x", "1|abc", "Ada",
    ] {
      #expect(SignedValue.decode(secret: Self.secret, name: "user", signed: malformed, now: 0) == nil, "\(malformed)")
    }
  }

  @Test func aSignedCookieRoundTripsAndATamperedOneReadsAsNil() async throws {
    try await Self.app.test { client in
      let form = try HeaderPair.xsrf(client)
      let login = try await client.fetch(
        "/login",
        headers: [
          "Cookie": form.cookie, "X-Xsrftoken": form.token, "Content-Type": "application/x-www-form-urlencoded",
        ], body: "name=Grace")
      #expect(login.code == 200)
      let setCookie = try #require(login.headers["Set-Cookie"].first { $0.hasPrefix("user=") })
      #expect(setCookie.hasPrefix("user=\"2|1:0|"), "quoted as Tornado quotes it (base64's =): \(setCookie)")
      #expect(setCookie.contains("|8:R3JhY2U=|"))
      #expect(setCookie.contains("; expires="), "30 days, as Tornado")
      let value = String(setCookie.dropFirst("user=".count).prefix { $0 != ";" })
      let back = try await client.fetch("/login", headers: ["Cookie": "user=\(value)"])
      #expect(back.text == #"{"user": "Grace"}"#)
      let forgedValue = value.replacingOccurrences(of: "R3JhY2U=", with: "RXZlIA==")  // "Eve ", same length
      let forged = try await client.fetch("/login", headers: ["Cookie": "user=\(forgedValue)"])
      #expect(forged.text == #"{"user": null}"#)
    }
  }

  @Test func cookieValuesAreQuotedAsPythonQuotesThemAndReadBack() async throws {
    let app = Application([("/cookie", CookieEchoHandler.self)])
    try await app.test { client in
      let set = try await client.fetch("/cookie?value=caf%C3%A9,ok")
      let header = try #require(set.headers["Set-Cookie"].first)
      #expect(header.hasPrefix(#"n="caf\351\054ok"; Path=/"#), "http.cookies' quoting: \(header)")
      let value = String(header.dropFirst(2).prefix { $0 != ";" })
      let back = try await client.fetch("/cookie", headers: ["Cookie": "n=\(value)"])
      #expect(back.text == "café,ok", "Python's _unquote: an octal escape is a code point")
    }
  }

  @Test func withoutASecretSigningAnswers500SayingWhy() async throws {
    let app = Application([("/login", LoginHandler.self)])
    try await app.test { client in
      let response = try await client.fetch("/login")
      #expect(response.code == 500)
      #expect(client.logs.contains { $0.message.contains("getSignedCookie needs a secret") })
    }
  }

  @Test func xsrfRefusesAFormWithoutItsToken() async throws {
    try await Self.app.test { client in
      let page = try await client.fetch("/form")
      let cookie = try #require(page.headers["Set-Cookie"].first { $0.hasPrefix("_xsrf=2|") }, "the cookie is set")
      let token = try #require(
        page.text.firstRange(of: #"value=""#).map { page.text[$0.upperBound...].prefix { $0 != "\"" } }.map(String.init)
      )
      let cookieValue = String(cookie.dropFirst("_xsrf=".count).prefix { $0 != ";" })
      #expect(XSRFToken.decode(token)?.token == XSRFToken.decode(cookieValue)?.token, "one token")
      let none = try await client.fetch("/form", body: "a=1")
      #expect(none.code == 403)
      #expect(client.logs.contains { $0.message.contains("'_xsrf' argument missing from POST") })
      let wrong = try await client.fetch(
        "/form",
        headers: ["Cookie": "_xsrf=\(cookieValue)", "Content-Type": "application/x-www-form-urlencoded"],
        body: "_xsrf=2|00000000|00|1")
      #expect(wrong.code == 403)
      #expect(client.logs.contains { $0.message.contains("XSRF cookie does not match POST argument") })
      let right = try await client.fetch(
        "/form", headers: ["Cookie": "_xsrf=\(cookieValue)", "Content-Type": "application/x-www-form-urlencoded"],
        body: "_xsrf=\(token)")
      #expect(right.code == 200 && right.text == "accepted")
      let header = try await client.fetch(
        "/form", headers: ["Cookie": "_xsrf=\(cookieValue)", "X-Xsrftoken": token], body: "")
      #expect(header.code == 200)
    }
  }

  /// Tornado 6.6.1 and Squall sign, verify and check XSRF tokens made by the other.
  @Test func tornadoReadsSquallsAndSquallReadsTornados() async throws {
    let python = try #require(python3Path())
    let squallSigned = SignedValue.create(secret: Self.secret, name: "user", value: "Grace", timestamp: 1_700_000_000)
    let squallXSRF = XSRFToken(version: nil, token: Array(0..<16), timestamp: 1_700_000_000)
    let script = """
      import sys, binascii
      from tornado.web import create_signed_value, decode_signed_value, _websocket_mask
      print(decode_signed_value("\(Self.secret)", "user", sys.argv[1], clock=lambda: 1700000000).decode())
      print(create_signed_value("\(Self.secret)", "user", "Ada ✓", clock=lambda: 1700000000).decode())
      # Tornado's check: both copies unmask to the same token
      def token(t):
          _, mask, masked, _ = t.split("|")
          return _websocket_mask(binascii.a2b_hex(mask), binascii.a2b_hex(masked))
      print(token(sys.argv[2]) == token(sys.argv[3]) == bytes(range(16)))
      mask = b"\\x01\\x02\\x03\\x04"
      print("|".join(["2", binascii.b2a_hex(mask).decode(), binascii.b2a_hex(_websocket_mask(mask, bytes(range(16)))).decode(), "1700000000"]))
      """
    let result = try await runProgram(
      python,
      ["-c", script, squallSigned, squallXSRF.encoded(mask: [9, 8, 7, 6]), squallXSRF.encoded(mask: [1, 1, 1, 1])])
    let lines = result.output.split(separator: "\n").map(String.init)
    try #require(lines.count == 4, "\(result.errorOutput)")
    #expect(lines[0] == "Grace", "Tornado reads Squall's signed value")
    #expect(
      SignedValue.decode(secret: Self.secret, name: "user", signed: lines[1], now: 1_700_000_000) == "Ada ✓",
      "Squall reads Tornado's")
    #expect(lines[2] == "True", "Tornado unmasks Squall's XSRF tokens")
    #expect(XSRFToken.decode(lines[3])?.token == Array(0..<16), "Squall unmasks Tornado's")
  }
}

/// A cookie and a token for it, as a browser gets them from a page with a form.
enum HeaderPair {
  static func xsrf(_ client: TestClient) throws -> (cookie: String, token: String) {
    let token = XSRFToken(version: nil, token: Array(repeating: 7, count: 16), timestamp: 1_700_000_000)
    return ("_xsrf=" + token.encoded(mask: [1, 2, 3, 4]), token.encoded(mask: [5, 6, 7, 8]))
  }
}
