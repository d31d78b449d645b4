import Testing

@testable import Squall

/// The server's handshake verdicts, in Tornado 6.6.1's order and words, and the client's URL.
@Suite struct WebSocketHandshakeTests {
  static let good: [String: String] = [
    "host": "127.0.0.1:8888", "upgrade": "websocket", "connection": "keep-alive, Upgrade",
    "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==", "sec-websocket-version": "13",
  ]

  static func verdict(_ headers: [String: String], trusted: [String] = []) -> WebSocketHandshake.Verdict {
    WebSocketHandshake.evaluate(headers: { headers[$0.lowercased()] }, isTrustedOrigin: { trusted.contains($0) })
  }

  static func with(_ changes: [String: String?]) -> [String: String] {
    var headers = good
    for (name, value) in changes { headers[name] = value }
    return headers
  }

  @Test func theRFCsExampleKeyGetsTheRFCsAccept() {
    #expect(WebSocketAccept.value(forKey: "dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    #expect(WebSocketAccept.base64([]) == "")
    #expect(WebSocketAccept.base64(Array("ab".utf8)) == "YWI=")
  }

  @Test func aGoodRequestIsAcceptedWithItsSubprotocols() {
    #expect(Self.verdict(Self.good) == .accept(key: "dGhlIHNhbXBsZSBub25jZQ==", subprotocols: []))
    #expect(
      Self.verdict(Self.with(["sec-websocket-protocol": "chat, superchat"]))
        == .accept(key: "dGhlIHNhbXBsZSBub25jZQ==", subprotocols: ["chat", "superchat"]))
  }

  @Test(
    arguments: [
      (["upgrade": nil], 400, #"Can "Upgrade" only to "WebSocket"."#),
      (["upgrade": "h2c"], 400, #"Can "Upgrade" only to "WebSocket"."#),
      (["connection": "keep-alive"], 400, #""Connection" must be "Upgrade"."#),
      (["origin": "http://evil.example"], 403, "Cross origin websockets not allowed"),
      (["sec-websocket-version": "12"], 426, ""),
      (["sec-websocket-version": "8"], 426, ""),
      (["sec-websocket-version": nil], 426, ""),
      (["sec-websocket-key": nil], 400, "Missing/Invalid WebSocket headers"),
      (["host": nil], 400, "Missing/Invalid WebSocket headers"),
    ] as [([String: String?], Int, String)])
  func aBadRequestGetsTornadosAnswer(changes: [String: String?], status: Int, body: String) {
    guard case .refuse(let got, let words, let extra) = Self.verdict(Self.with(changes)) else {
      Issue.record("accepted")
      return
    }
    #expect(got == status)
    #expect(words == body)
    #expect(extra == (status == 426 ? [.init(name: "Sec-WebSocket-Version", value: "13")] : []))
  }

  @Test func tornados66CrossOriginRules() {
    // No Origin: not a browser. The same host: same origin. Sec-Fetch-Site decides first.
    for (changes, allowed) in [
      (["origin": "http://127.0.0.1:8888"], true),
      (["origin": "HTTP://127.0.0.1:8888/page"], true),
      (["origin": "http://127.0.0.1:9999"], false),
      (["origin": "http://evil.example", "sec-fetch-site": "same-origin"], true),
      (["origin": "http://evil.example", "sec-fetch-site": "none"], true),
      (["origin": "http://127.0.0.1:8888", "sec-fetch-site": "cross-site"], false),
      (["sec-fetch-site": "same-site"], false),
    ] as [([String: String?], Bool)] {
      let verdict = Self.verdict(Self.with(changes))
      if case .accept = verdict { #expect(allowed, "\(changes)") } else { #expect(!allowed, "\(changes)") }
    }
    let trusted = Self.verdict(
      Self.with(["origin": "https://app.example", "sec-fetch-site": "cross-site"]), trusted: ["https://app.example"])
    #expect(trusted == .accept(key: "dGhlIHNhbXBsZSBub25jZQ==", subprotocols: []))
  }

  @Test func netlocIsPythonsUrlsplit() {
    #expect(WebSocketHandshake.netloc(of: "http://127.0.0.1:8888/x?y#z") == "127.0.0.1:8888")
    #expect(WebSocketHandshake.netloc(of: "null") == "")
    #expect(WebSocketHandshake.netloc(of: "//host") == "host")
    #expect(WebSocketHandshake.netloc(of: "file:///etc") == "")
  }

  @Test func webSocketURLs() throws {
    let url = try WebSocketURL.parse("ws://127.0.0.1:8888/ws?room=1#top").get()
    #expect(url == WebSocketURL(secure: false, host: "127.0.0.1", port: 8888, target: "/ws?room=1"))
    #expect(url.hostHeader == "127.0.0.1:8888")
    let v6 = try WebSocketURL.parse("http://[::1]").get()
    #expect(v6 == WebSocketURL(secure: false, host: "::1", port: 80, target: "/"))
    #expect(v6.hostHeader == "[::1]")
    #expect(try WebSocketURL.parse("WS://localhost?x=1").get().target == "/?x=1")
    // Found by the websocket fuzz harness (Fuzz/Corpus/websocket/url-host-with-colons): a host
    // with colons outside brackets was taken, and written back as an IPv6 address.
    #expect(throws: WebSocketURLError.self) { try WebSocketURL.parse("https://a:b:2//").get() }
    #expect(throws: WebSocketURLError.self) { try WebSocketURL.parse("ws://a\u{0}b:2/").get() }
    #expect(try WebSocketURL.parse("ws://[fe80::1%25lo]:9/").get().host == "fe80::1%25lo")
    for bad in ["127.0.0.1:8888/ws", "ws://", "ws://h:0/", "ws://h:99999/", "ws://u@h/", "ws://[::1/", "ws://h/a b"] {
      guard case .failure(let error) = WebSocketURL.parse(bad) else {
        Issue.record("\(bad) accepted")
        continue
      }
      #expect(!error.description.isEmpty)
    }
  }
}
