import Foundation
import NIOHTTP1
import Squall
import SquallExamples
import SquallTestSupport
import Testing

/// Squall's `AsyncHTTPClient` against Squall's own server on loopback.
@Suite struct ClientTests {
  static func echoApp(compress: Bool = false) -> Application {
    Examples.named("echo")!.makeApp(Settings(compressResponse: compress))
  }

  struct Echo: Decodable {
    var method: String
    var path: String
    var arguments: [String: [String]]
    var headers: [String: String]
    var body: String
  }

  /// The callback form, which always hands over a response (599 ones too), as Tornado's does.
  func respond(_ client: AsyncHTTPClient, _ request: HTTPRequest) async -> HTTPResponse {
    await withCheckedContinuation { continuation in client.fetch(request) { continuation.resume(returning: $0) } }
  }

  @Test func fetchReturns200WithBodyInBothForms() async throws {
    try await withServer(Self.echoApp()) { port, _ async throws in
      let client = AsyncHTTPClient()
      let response = try await client.fetch("http://127.0.0.1:\(port)/")
      #expect(response.code == 200)
      #expect(response.reason == "OK")
      #expect(response.text == "Hello, world")
      #expect(response.headers.first(name: "Content-Type") == "text/html; charset=UTF-8")
      #expect(response.error == nil)
      #expect(response.effectiveURL == "http://127.0.0.1:\(port)/")
      #expect(response.requestTime > 0)
      #expect((response.timeInfo.firstByte ?? -1) >= 0)
      #expect(response.timeInfo.total >= (response.timeInfo.firstByte ?? 0))

      let viaCallback = await withCheckedContinuation { continuation in
        client.fetch("http://127.0.0.1:\(port)/") { continuation.resume(returning: $0) }
      }
      #expect(viaCallback.code == 200 && viaCallback.text == "Hello, world")
      await client.close()
    }
  }

  @Test func non2xxRaisesUnlessRaiseErrorIsFalse() async throws {
    try await withServer(Self.echoApp()) { port, _ async throws in
      let client = AsyncHTTPClient()
      let url = "http://127.0.0.1:\(port)/missing"
      do {
        _ = try await client.fetch(url)
        Issue.record("a 404 must raise")
      } catch let error as HTTPClientError {
        #expect(error.code == 404)
        #expect(error.kind == .http)
        #expect(error.description == "HTTP 404: Not Found")
        #expect(error.response?.text.contains("404: Not Found") == true)
      }
      let response = try await client.fetch(url, raiseError: false)
      #expect(response.code == 404)
      #expect(response.error?.code == 404)
      #expect(throws: HTTPClientError.self) { try response.rethrow() }

      let callback = await withCheckedContinuation { continuation in
        client.fetch(url) { continuation.resume(returning: $0) }
      }
      #expect(callback.code == 404 && callback.error?.kind == .http)
      await client.close()
    }
  }

  @Test func redirectsAreFollowedOrNot() async throws {
    try await withServer(Self.echoApp()) { port, _ async throws in
      let client = AsyncHTTPClient()
      let url = "http://127.0.0.1:\(port)/redirect"
      let followed = try await client.fetch(url)
      #expect(followed.code == 200)
      #expect(followed.text == "Hello, world")
      #expect(followed.effectiveURL == "http://127.0.0.1:\(port)/")

      let kept = try await client.fetch(HTTPRequest(url, followRedirects: false), raiseError: false)
      #expect(kept.code == 302)
      #expect(kept.headers.first(name: "Location") == "/")
      #expect(kept.effectiveURL == url)
      await client.close()
    }
  }

  @Test func requestTimeoutGives599WithinTheBound() async throws {
    try await withServer(Self.echoApp()) { port, _ async throws in
      let client = AsyncHTTPClient()
      let start = ContinuousClock.now
      let response = await respond(client, HTTPRequest("http://127.0.0.1:\(port)/slow?delay=30", requestTimeout: 0.5))
      let elapsed = ContinuousClock.now - start
      #expect(response.code == 599)
      #expect(response.error?.kind == .requestTimeout)
      #expect(response.error?.description.contains("Timeout during request") == true)
      #expect(elapsed < .seconds(20), "a 0.5 s timeout must not wait for the 30 s handler, however busy the machine")
      await client.close()
    }
  }

  @Test func closedPortGives599ConnectionRefused() async throws {
    let closed = try ClosedPort()
    let port = closed.port
    let client = AsyncHTTPClient()
    let start = ContinuousClock.now
    // Retrying a refused connection would last until the connect or request timeout, set far off, so
    // that the bound below is far from both outcomes on a loaded machine.
    let request = HTTPRequest("http://127.0.0.1:\(port)/", connectTimeout: 120, requestTimeout: 120)
    let response = await withCheckedContinuation { continuation in
      client.fetch(request) { continuation.resume(returning: $0) }
    }
    #expect(response.code == 599)
    #expect(response.error?.kind == .connectionRefused)
    #expect(response.error?.message.contains("Connection refused") == true)
    #expect(ContinuousClock.now - start < .seconds(60), "refused is reported at once, not after retries")
    await #expect(throws: HTTPClientError.self) { try await client.fetch("http://127.0.0.1:\(port)/") }
    await client.close()
  }

  @Test func streamingCallbackGetsChunksInOrder() async throws {
    try await withServer(Self.echoApp()) { port, _ async throws in
      let client = AsyncHTTPClient()
      let chunks = Collected<[UInt8]>()
      let heads = Collected<String>()
      let request = HTTPRequest(
        "http://127.0.0.1:\(port)/stream?count=20",
        headerCallback: { heads.append($0) },
        streamingCallback: { chunks.append($0) })
      let response = try await client.fetch(request)
      let expected = (1...20).map { "chunk \($0)\n" }.joined()
      #expect(String(decoding: chunks.items.flatMap { $0 }, as: UTF8.self) == expected)
      #expect(chunks.items.count > 1, "a flushed response arrives in several pieces")
      #expect(response.body.isEmpty, "the streaming callback takes the body")
      #expect(heads.items.first?.hasPrefix("HTTP/1.1 200 OK") == true)
      #expect(heads.items.contains { $0.lowercased().hasPrefix("transfer-encoding: chunked") })
      #expect(heads.items.last == "\r\n")
      await client.close()
    }
  }

  @Test func gzipBodiesAreDecodedUnlessAskedNotTo() async throws {
    try await withServer(Self.echoApp(compress: true)) { port, _ async throws in
      let client = AsyncHTTPClient()
      let url = "http://127.0.0.1:\(port)/stream?count=300"
      let expected = (1...300).map { "chunk \($0)\n" }.joined()
      let heads = Collected<String>()
      let decoded = try await client.fetch(HTTPRequest(url, headerCallback: { heads.append($0) }))
      #expect(heads.items.contains { $0.lowercased() == "content-encoding: gzip\r\n" })
      #expect(decoded.text == expected)

      let raw = try await client.fetch(
        HTTPRequest(url, headers: ["Accept-Encoding": "gzip"], decompressResponse: false))
      #expect(Array(raw.body.prefix(2)) == [0x1F, 0x8B], "gzip magic bytes")
      #expect(raw.text != expected, "left compressed (each flush is its own gzip block)")

      // The handler sees Accept-Encoding as the client sent it, not the compressor's view.
      let echo = try await client.fetch("http://127.0.0.1:\(port)/echo").json(Echo.self)
      #expect(echo.headers["Accept-Encoding"] == "gzip", "as Tornado's client asks")
      await client.close()
    }
  }

  @Test func hundredConcurrentFetchesAllCorrect() async throws {
    try await withServer(Self.echoApp()) { port, server async throws in
      let client = AsyncHTTPClient(maxClients: 20)
      let results = try await withThrowingTaskGroup(of: (Int, String).self) { group in
        for index in 0..<100 {
          group.addTask { (index, try await client.fetch("http://127.0.0.1:\(port)/greet/n\(index)").text) }
        }
        var all: [Int: String] = [:]
        for try await (index, text) in group { all[index] = text }
        return all
      }
      #expect(results.count == 100)
      #expect((0..<100).allSatisfy { results[$0] == "Hello, n\($0)" })
      #expect(server.stats.requests == 100)
      #expect(server.stats.connectionsTotal <= 20, "connections are reused up to maxClients")
      await client.close()
    }
  }

  @Test(arguments: [
    ("ht tp://x", "invalid URL"), ("ftp://127.0.0.1/", "unsupported URL scheme"),
    ("http:///nohost", "no host"), ("127.0.0.1:8888", "invalid URL"),
  ])
  func invalidURLsAreRejectedBeforeAnyIO(url: String, message: String) async throws {
    let client = AsyncHTTPClient()
    let sent = Collected<String>()
    let token = client.events.observe { event in
      if case .requestSent(let url, _, _, _) = event { sent.append(url) }
    }
    defer { token.cancel() }
    let response = await respond(client, HTTPRequest(url))
    #expect(response.code == 599)
    #expect(response.error?.kind == .invalidURL)
    // raiseError: false only spares non-2xx answers; failures still raise, as in Tornado 6.
    await #expect(throws: HTTPClientError.self) { try await client.fetch(url, raiseError: false) }
    #expect(response.error?.message.contains(message) == true, "\(response.error?.message ?? "")")
    #expect(sent.items.isEmpty)
    await client.close()
  }

  @Test func methodAndBodyAreCheckedAsTornadoDoes() async throws {
    let client = AsyncHTTPClient()
    let noBody = await respond(client, HTTPRequest("http://127.0.0.1:1/", method: "POST"))
    #expect(noBody.error?.message.contains("body must not be nil for POST") == true)
    let odd = await respond(client, HTTPRequest("http://127.0.0.1:1/", method: "BREW"))
    #expect(odd.error?.message.contains("allowNonstandardMethods") == true)
    let evil = await respond(client, HTTPRequest("http://127.0.0.1:1/", headers: ["X-Evil": "a\u{1B}[31m"]))
    #expect(evil.error?.kind == .invalidRequest)
    #expect(evil.error?.message.contains("control characters") == true)
    await client.close()
  }

  @Test func defaultsApplyUnlessARequestOverridesThem() async throws {
    try await withServer(Self.echoApp()) { port, _ async throws in
      let client = AsyncHTTPClient(defaults: HTTPClientDefaults(requestTimeout: 0.3, userAgent: "Learner/1"))
      let slow = "http://127.0.0.1:\(port)/slow?delay=1"
      let timedOut = await respond(client, HTTPRequest(slow))
      #expect(
        timedOut.error?.kind == .requestTimeout,
        "\(timedOut.code) after \(timedOut.requestTime) s: \(timedOut.text) \(timedOut.error?.message ?? "")")
      let patient = try await client.fetch(HTTPRequest(slow, requestTimeout: 5))
      #expect(patient.text == "Slept 1.0s")

      let echo = try await client.fetch("http://127.0.0.1:\(port)/echo").json(Echo.self)
      #expect(echo.headers["User-Agent"] == "Learner/1")
      let own = try await client.fetch(HTTPRequest("http://127.0.0.1:\(port)/echo", userAgent: "Mine/2"))
      #expect(try own.json(Echo.self).headers["User-Agent"] == "Mine/2")
      await client.close()
    }
  }

  @Test func bodiesHeadersAndBasicAuthReachTheServer() async throws {
    try await withServer(Self.echoApp()) { port, _ async throws in
      let client = AsyncHTTPClient()
      var request = HTTPRequest(
        "http://127.0.0.1:\(port)/echo?q=caf%C3%A9", method: "POST", body: "name=Ada&lang=swift",
        headers: ["Content-Type": "application/x-www-form-urlencoded", "X-Lesson": "1"])
      request.authUsername = "ada"
      request.authPassword = "secret"
      let echo = try await client.fetch(request).json(Echo.self)
      #expect(echo.method == "POST")
      #expect(echo.arguments["name"] == ["Ada"] && echo.arguments["q"] == ["café"])
      #expect(echo.headers["X-Lesson"] == "1")
      #expect(echo.headers["Authorization"] == "Basic " + Data("ada:secret".utf8).base64EncodedString())
      await client.close()
    }
  }

  @Test func everyFetchIsPublishedAsEvents() async throws {
    try await withServer(Self.echoApp()) { port, _ async throws in
      let client = AsyncHTTPClient()
      let seen = Collected<String>()
      let token = client.events.observe { event in
        switch event {
        case .requestSent(_, let method, _, _): seen.append("sent \(method)")
        case .responseHead(_, let status, _): seen.append("head \(status)")
        case .completed(let exchange): seen.append("done \(exchange.status) \(exchange.bodySize)")
        case .failed(_, _, let error, _): seen.append("failed \(error.code)")
        }
      }
      _ = try await client.fetch("http://127.0.0.1:\(port)/")
      let closed = try ClosedPort()
      _ = await respond(client, HTTPRequest("http://127.0.0.1:\(closed.port)/"))
      token.cancel()
      #expect(seen.items == ["sent GET", "head 200", "done 200 12", "sent GET", "failed 599"])
      await client.close()
    }
  }

  @Test func aBodyOverMaxBufferSizeGetsA400OrAClearReset() async throws {
    var options = HTTPServer.Options()
    options.maxBufferSize = 1000
    try await withServer(Self.echoApp(), options: options) { port, _ async throws in
      let client = AsyncHTTPClient()
      let big = [UInt8](repeating: UInt8(ascii: "a"), count: 200_000)
      let response = await respond(client, HTTPRequest("http://127.0.0.1:\(port)/echo", method: "POST", body: big))
      // The server answers 400 and closes without reading the rest; whether the client reads
      // that answer or sees the reset first is a race of the TCP stacks.
      if response.code == 599 {
        #expect(response.error?.kind == .connectionClosed)
        #expect(
          response.error?.message.contains("before the response was complete") == true,
          "\(response.error?.message ?? "")")
      } else {
        #expect(response.code == 400)
      }
      await client.close()
    }
  }

  @Test func aClosedClientRefusesNewFetches() async throws {
    let client = AsyncHTTPClient()
    await client.close()
    let response = await respond(client, HTTPRequest("http://127.0.0.1:1/"))
    #expect(response.code == 599)
    #expect(response.error?.message.contains("closed") == true)
  }
}

/// Collects values from `@Sendable` callbacks.
final class Collected<T: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var storage: [T] = []
  func append(_ item: T) { lock.withLock { storage.append(item) } }
  var items: [T] { lock.withLock { storage } }
}

extension ClientTests {
  /// A fetch whose task is cancelled ends as a 599 of kind `cancelled`, the typed fact the
  /// playground and the lesson checks read (never the words of its message).
  @Test func aCancelledFetchSaysSoByItsKind() async throws {
    try await withServer(Self.echoApp()) { port, server async throws in
      let heads = EventCollector()
      let token = server.events.observe([.requestHead]) { heads.append($0) }
      defer { token.cancel() }
      let client = AsyncHTTPClient()
      let fetch = Task { await client.perform(HTTPRequest("http://127.0.0.1:\(port)/slow?delay=5")) }
      // Cancelled once the server has the request in hand: the handler is sleeping.
      try await waitUntil("the request reached the server") { !heads.events.isEmpty }
      fetch.cancel()
      let response = await fetch.value
      await client.close()
      #expect(response.code == 599)
      #expect(response.error?.kind == .cancelled, "\(String(describing: response.error))")
    }
  }
}
