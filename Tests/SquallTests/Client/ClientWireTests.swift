import Foundation
import NIOHTTP1
import Squall
import SquallTestSupport
import Testing

@testable import SquallExamples

/// Sends its body a byte every 100 ms, 600 times: a response that drips for a minute.
final class DripHandler: RequestHandler {
  override func get() async throws {
    for _ in 0..<600 {
      write("x")
      try await flush()
      try await Task.sleep(for: .milliseconds(100))
    }
  }
}

/// Redirects to itself: a loop.
final class LoopHandler: RequestHandler {
  override func get() async throws { try await redirect("/loop") }
}

/// `/hop/N` redirects to `/hop/N+1`: a chain longer than maxRedirects.
final class HopHandler: RequestHandler {
  override func get(_ args: [String]) async throws { try await redirect("/hop/\((Int(args[0]) ?? 0) + 1)") }
}

/// A 302 with a body ("Redirecting to …", as many servers send) to the next hop, twice; then
/// the answer, "final".
final class BodyHopHandler: RequestHandler {
  override func get(_ args: [String]) async throws {
    let hop = Int(args[0]) ?? 0
    guard hop < 2 else {
      write("final")
      return
    }
    setStatus(302)
    setHeader("Location", "/bodyhop/\(hop + 1)")
    write("Redirecting to /bodyhop/\(hop + 1)")
  }
}

/// 20 MB of zeros: a few KB once gzipped, a decompression bomb for a client that inflates it.
final class BombHandler: RequestHandler {
  override func get() async throws {
    setHeader("Content-Type", "text/plain")
    write([UInt8](repeating: 0x30, count: 20_000_000))
  }
}

/// What the client really put on the wire, and how it ends fetches the server or the limits cut short.
@Suite struct ClientWireTests {
  static func app() -> Application {
    Application(
      [
        url(#"/"#, MainHandler.self), url("/echo", EchoHandler.self), url("/drip", DripHandler.self),
        url("/loop", LoopHandler.self), url(#"/hop/(\d+)"#, HopHandler.self), url("/bomb", BombHandler.self),
        url(#"/bodyhop/(\d+)"#, BodyHopHandler.self),
      ],
      settings: Settings(compressResponse: true, logFunction: { _ in }))
  }

  /// A followed redirect's head and body reach no callback, as in Tornado's client: only the
  /// final answer is streamed (`squall fetch -L URL > file` once saved the "Redirecting" pages).
  @Test func followedRedirectsReachNoCallback() async throws {
    try await withServer(Self.app()) { port, _ async throws in
      let client = AsyncHTTPClient()
      for sentHead in [false, true] {  // both of the client's receive paths
        let streamed = Collected<[UInt8]>()
        let lines = Collected<String>()
        var request = HTTPRequest(
          "http://127.0.0.1:\(port)/bodyhop/0", headerCallback: { lines.append($0) },
          streamingCallback: { streamed.append($0) })
        if sentHead { request.sentHeadCallback = { _ in } }
        let hops = Collected<HTTPResponse>()
        request.redirectCallback = { hops.append($0) }
        let response = try await client.fetch(request)
        #expect(hops.items.map(\.code) == [302, 302], "each hop, in order, through redirectCallback")
        #expect(hops.items.map(\.text) == ["Redirecting to /bodyhop/1", "Redirecting to /bodyhop/2"])
        #expect(response.code == 200 && response.effectiveURL.hasSuffix("/bodyhop/2"))
        #expect(String(decoding: Array(streamed.items.joined()), as: UTF8.self) == "final", "sentHead: \(sentHead)")
        #expect(lines.items.filter { $0.hasPrefix("HTTP/") } == ["HTTP/1.1 200 OK\r\n"])
      }
      await client.close()
    }
  }

  @Test func theSentHeadIsTheOneOnTheWire() async throws {
    try await withServer(Self.app()) { port, _ async throws in
      let client = AsyncHTTPClient()
      let heads = Collected<SentRequestHead>()
      var request = HTTPRequest("http://127.0.0.1:\(port)/echo?q=1", method: "POST", body: "hi")
      request.headers.add(name: "X-Lesson", value: "8")
      request.sentHeadCallback = { heads.append($0) }
      let response = try await client.fetch(request)
      let sent = try #require(response.sentHead)
      #expect(heads.items == [sent], "the callback saw the same head")
      #expect(sent.requestLine == "POST /echo?q=1 HTTP/1.1", "origin-form, as on the wire")
      let names = sent.headers.map(\.name)
      // As Tornado's client: a POST without a Content-Type says it is a form, and gzip is asked for.
      #expect(names == ["X-Lesson", "User-Agent", "Content-Type", "Accept-Encoding", "host", "Content-Length"])
      #expect(sent.headers.first { $0.name == "Content-Type" }?.value == "application/x-www-form-urlencoded")
      #expect(sent.headers.first { $0.name == "Accept-Encoding" }?.value == "gzip")
      // The server saw exactly these headers.
      let echoed = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
      let seen = try #require(echoed?["headers"] as? [String: String])
      for (name, value) in sent.headers { #expect(seen[name] == value, "\(name) as sent") }
      #expect(seen.count == sent.headers.count)
      await client.close()
    }
  }

  @Test(arguments: [false, true])
  func aServerThatRefusesTheUploadGivesItsAnswerNotA599(recordSentHead: Bool) async throws {
    var options = HTTPServer.Options()
    options.maxBufferSize = 1_000
    try await withServer(Self.app(), options: options) { port, _ async throws in
      let client = AsyncHTTPClient()
      var request = HTTPRequest(
        "http://127.0.0.1:\(port)/echo", method: "POST", body: [UInt8](repeating: 0x61, count: 4_000_000))
      request.recordSentHead = recordSentHead
      let response = try await client.fetch(request, raiseError: false)
      #expect(response.code == 400)
      #expect(response.error?.kind == .http)
      #expect(response.error?.description.hasPrefix("HTTP 400: Bad Request") == true)
      await client.close()
    }
  }

  @Test func onlyARequestThatAsksKeepsTheSentHead() async throws {
    try await withServer(Self.app()) { port, _ async throws in
      let client = AsyncHTTPClient()
      let plain = try await client.fetch("http://127.0.0.1:\(port)/echo")
      #expect(plain.sentHead == nil, "not recorded unless asked (it takes the slower delegate API)")
      var request = HTTPRequest("http://127.0.0.1:\(port)/echo")
      request.recordSentHead = true
      let recorded = try await client.fetch(request)
      let sent = try #require(recorded.sentHead)
      #expect(sent.requestLine == "GET /echo HTTP/1.1")
      #expect(sent.headers.map(\.name) == ["User-Agent", "Accept-Encoding", "host"])
      #expect(plain.body == recorded.body, "both APIs put the same request on the wire")
      await client.close()
    }
  }

  @Test(arguments: [false, true]) func theTimeoutCoversTheBodyToo(recordSentHead: Bool) async throws {
    try await withServer(Self.app()) { port, _ async throws in
      let client = AsyncHTTPClient()
      let started = ContinuousClock.now
      var request = HTTPRequest("http://127.0.0.1:\(port)/drip", requestTimeout: 1.5)
      request.recordSentHead = recordSentHead
      let response = await withCheckedContinuation { continuation in
        client.fetch(request) { continuation.resume(returning: $0) }
      }
      // Far from both: cut at the timeout (1.5 s), not when the drip ends (60 s), however busy the machine.
      #expect(ContinuousClock.now - started < .seconds(30), "a dripping body is cut at the timeout, not after 60 s")
      #expect(response.code == 599 && response.error?.kind == .requestTimeout)
      #expect(response.error?.message.contains("the body was still arriving") == true)
      await client.close()
    }
  }

  @Test(arguments: [false, true]) func aBodyOverMaxBodySizeStopsTheFetch(recordSentHead: Bool) async throws {
    try await withServer(Self.app()) { port, _ async throws in
      let client = AsyncHTTPClient(defaults: HTTPClientDefaults(maxBodySize: 5))
      var request = HTTPRequest("http://127.0.0.1:\(port)/")
      request.recordSentHead = recordSentHead
      let response = await withCheckedContinuation { continuation in
        client.fetch(request) { continuation.resume(returning: $0) }
      }
      #expect(response.code == 599 && response.error?.kind == .responseTooLarge)
      #expect(
        response.error?.message
          == "Response body larger than maxBodySize (5 bytes): stopped reading; raise maxBodySize to accept it")
      await client.close()
    }
  }

  /// As Tornado's client: past maxRedirects the last 3xx is the answer (an HTTPClientError with
  /// its code when raised), not a 599; a loop and a long chain are told apart in the message.
  @Test func pastMaxRedirectsTheLastRedirectIsTheAnswer() async throws {
    try await withServer(Self.app()) { port, _ async throws in
      let client = AsyncHTTPClient()
      let loop = await client.perform(HTTPRequest("http://127.0.0.1:\(port)/loop"))
      #expect(loop.code == 302)
      #expect(loop.error?.kind == .http)
      #expect(
        loop.error?.message
          == "Found (a redirect loop: it leads back to a URL already fetched; not followed: maxRedirects 5 reached; raise it to follow further)"
      )
      let chain = await client.perform(HTTPRequest("http://127.0.0.1:\(port)/hop/0"))
      #expect(chain.code == 302)
      #expect(chain.effectiveURL == "http://127.0.0.1:\(port)/hop/5", "five redirects followed")
      #expect(chain.headers.first(name: "Location") == "/hop/6")
      #expect(chain.error?.message == "Found (not followed: maxRedirects 5 reached; raise it to follow further)")
      #expect(chain.request.url == "http://127.0.0.1:\(port)/hop/0", "the request given, as Tornado's response.request")
      let quiet = try await client.fetch(
        HTTPRequest("http://127.0.0.1:\(port)/hop/0", maxRedirects: 2), raiseError: false)
      #expect(quiet.code == 302 && quiet.effectiveURL == "http://127.0.0.1:\(port)/hop/2")
      await #expect(throws: HTTPClientError.self) { try await client.fetch("http://127.0.0.1:\(port)/hop/0") }
      let followed = try await client.fetch(
        HTTPRequest("http://127.0.0.1:\(port)/hop/3", maxRedirects: 10), raiseError: false)
      #expect(followed.code == 302 && followed.effectiveURL == "http://127.0.0.1:\(port)/hop/13")
      await client.close()
    }
  }

  @Test func aDecompressionBombIsStoppedWithAMessageThatSaysSo() async throws {
    try await withServer(Self.app()) { port, _ async throws in
      let client = AsyncHTTPClient()
      let bomb = await client.perform(
        HTTPRequest("http://127.0.0.1:\(port)/bomb", headers: ["Accept-Encoding": "gzip"]))
      #expect(bomb.code == 599 && bomb.error?.kind == .responseTooLarge)
      #expect(bomb.error?.message.contains("a decompression bomb?") == true, "\(bomb.error?.message ?? "")")
      await client.close()
    }
  }

  @Test func anEscapeSequenceInAResponseHeaderIsAClearErrorAndNeverRaw() async throws {
    let server = try CannedServer(
      answer: Array("HTTP/1.1 200 OK\r\nX-Evil: a\u{1B}[31mred\r\nContent-Length: 2\r\n\r\nok".utf8))
    let client = AsyncHTTPClient()
    let response = await client.perform(HTTPRequest("http://127.0.0.1:\(server.port)/"))
    await client.close()
    #expect(response.code == 599)
    #expect(
      response.error?.message
        == "Malformed response from http://127.0.0.1:\(server.port)/: a response header line is not \"Name: value\" in characters HTTP allows (a line without a colon? a control character?); nothing past it was read"
    )
    #expect(!(response.error?.message.contains("\u{1B}") ?? true))
  }
}

/// A server restarted on its port while the client keeps a connection to the old one: the next
/// POST must not meet a dead connection ("Stream closed", "I/O on closed channel") once the
/// caller has said so with `resetConnections()`, as the playground does when it restarts its
/// server. The server here closes every connection and keeps its port (a restart on the same
/// port could lose it to another test).
@Suite struct StaleConnectionTests {
  @Test func aFetchAfterTheServerClosedItsConnectionsIsAnswered() async throws {
    try await withServer(ClientWireTests.app()) { port, server async throws in
      let client = AsyncHTTPClient()
      for round in 0..<30 {
        let response = await client.perform(HTTPRequest("http://127.0.0.1:\(port)/echo", method: "POST", body: "x"))
        #expect(response.code == 200, "round \(round): \(response.error?.message ?? "")")
        await server.closeAllConnections()
        await client.resetConnections()
      }
      await client.close()
    }
  }
}
