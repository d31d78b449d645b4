import Foundation
import NIOCore
import Squall
import SquallExamples
import SquallTestSupport
import SquallValues
import Testing

/// Protocol behaviour over real loopback sockets: limits, timeouts, streaming, pipelining.
@Suite struct ServerProtocolTests {
  static func app(_ settings: Settings = Settings(logFunction: { _ in })) -> Application {
    Examples.named("echo")!.makeApp(settings)
  }

  @Test func bodyOverMaxBufferSizeIsRefusedAndNextConnectionServed() async throws {
    var options = HTTPServer.Options()
    options.maxBufferSize = 1000
    try await withServer(Self.app(), options: options) { port, _ async throws in
      let big = String(repeating: "x", count: 2000)
      let refused = try await exchange(port, request("POST", "/echo", body: big))
      #expect(refused.statuses == [400])
      #expect(refused.closed)
      // A chunked body that grows past the limit is refused too.
      let chunk = String(repeating: "y", count: 600)
      let chunked = try await exchange(
        port,
        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n258\r\n\(chunk)\r\n258\r\n\(chunk)\r\n0\r\n\r\n"
      )
      #expect(chunked.statuses == [400])
      #expect(chunked.closed)
      let next = try await exchange(port, request("POST", "/echo", body: "small"))
      #expect(next.statuses == [200])
      #expect(next.first?.bodyText.contains(#""body": "small""#) == true)
    }
  }

  @Test func maxBodySizeOverridesMaxBufferSize() async throws {
    var options = HTTPServer.Options()
    options.maxBodySize = 10
    try await withServer(Self.app(), options: options) { port, _ async throws in
      #expect(try await exchange(port, request("POST", "/echo", body: "12345678901")).statuses == [400])
      #expect(try await exchange(port, request("POST", "/echo", body: "1234567890")).statuses == [200])
    }
  }

  @Test func oversizedHeadClosesWithoutResponse() async throws {
    var options = HTTPServer.Options()
    options.maxHeaderSize = 1024
    try await withServer(Self.app(), options: options) { port, server async throws in
      let result = try await exchange(
        port, request("GET", "/", headers: ["X-Big: " + String(repeating: "a", count: 2000)]))
      #expect(result.responses.isEmpty)
      #expect(result.closed)
      #expect(try await exchange(port, request("GET", "/")).statuses == [200])
    }
  }

  @Test func idleConnectionIsClosed() async throws {
    var options = HTTPServer.Options()
    options.idleConnectionTimeout = 0.3
    try await withServer(Self.app(), options: options) { port, _ async throws in
      let closed = try await blocking {
        let conversation = try Conversation(port: port)
        try conversation.send("GET / HTT")  // a slow client that never finishes its head
        return conversation.socket.isClosed(within: 3)
      }
      #expect(closed)
    }
  }

  @Test func keepAliveServesManyRequestsOnOneConnection() async throws {
    try await withServer(Self.app()) { port, server async throws in
      let results = try await blocking {
        let conversation = try Conversation(port: port)
        return try (0..<5).map { index in
          try conversation.send(request("GET", "/greet/n\(index)"))
          return conversation.read(1, closeWait: 0)
        }
      }
      #expect(results.map(\.first?.bodyText) == (0..<5).map { "Hello, n\($0)" })
      #expect(server.stats.connectionsTotal == 1)
    }
  }

  @Test func pipelinedRequestsAnswerInOrderEvenWhenTheFirstIsSlow() async throws {
    try await withServer(Self.app()) { port, _ async throws in
      let result = try await exchange(
        port, request("GET", "/slow?delay=0.2") + request("GET", "/greet/b") + request("GET", "/greet/c"),
        expect: 3)
      #expect(result.responses.map(\.bodyText) == ["Slept 0.2s", "Hello, b", "Hello, c"])
    }
  }

  @Test func slowHandlerDoesNotBlockOthers() async throws {
    try await withServer(Self.app()) { port, server async throws in
      // Wait (by event, not by a sleep) until the slow request is in its handler, then send a
      // fast one: it must be answered while the slow one still sleeps (10 s: far from the fast
      // answer even on a loaded machine).
      let events = server.events.stream()
      let slowDone = Collected<Bool>()
      async let slow: WireResult = {
        let result = try await exchange(port, request("GET", "/slow?delay=10"), timeout: 60)
        slowDone.append(true)
        return result
      }()
      for await event in events {
        if case .requestHead(_, let head) = event, head.uri.hasPrefix("/slow") { break }
      }
      let fast = try await exchange(port, request("GET", "/greet/quick"))
      #expect(fast.first?.bodyText == "Hello, quick")
      #expect(slowDone.items.isEmpty, "the fast request waited for the sleeping handler")
      #expect(try await slow.first?.bodyText == "Slept 10.0s")
    }
  }

  @Test func flushStreamsChunkedOnHTTP11AndCloseDelimitedOnHTTP10() async throws {
    try await withServer(Self.app()) { port, _ async throws in
      let chunked = try await exchange(port, request("GET", "/stream?count=3"))
      #expect(chunked.first?.framing == "chunked")
      #expect(chunked.first?.bodyText == "chunk 1\nchunk 2\nchunk 3\n")
      #expect(!chunked.closed)
      let old = try await exchange(port, request("GET", "/stream?count=2", version: "HTTP/1.0"))
      #expect(old.first?.framing == "close")
      #expect(old.first?.bodyText == "chunk 1\nchunk 2\n")
      #expect(old.closed)
    }
  }

  @Test func expectContinueGetsInterimResponseBeforeBody() async throws {
    try await withServer(Self.app()) { port, _ async throws in
      let (interim, final) = try await blocking {
        let conversation = try Conversation(port: port)
        try conversation.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n")
        guard case .data(let first) = conversation.socket.read(timeout: 3) else { return ("", "") }
        try conversation.send("hi")
        return (String(decoding: first, as: UTF8.self), conversation.read(1).first?.bodyText ?? "")
      }
      #expect(interim.hasPrefix("HTTP/1.1 100"))
      #expect(final.contains(#""body": "hi""#))
    }
  }

  @Test func noKeepAliveClosesAfterEachResponse() async throws {
    var options = HTTPServer.Options()
    options.noKeepAlive = true
    try await withServer(Self.app(), options: options) { port, _ async throws in
      let result = try await exchange(port, request("GET", "/"))
      #expect(result.first?.header("Connection") == "close")
      #expect(result.closed)
    }
  }

  @Test func xheadersSetRemoteIPOnlyWhenEnabled() async throws {
    let headers = ["X-Real-Ip: 203.0.113.9", "X-Scheme: https"]
    var options = HTTPServer.Options()
    options.xheaders = true
    let log = LogCollector()
    let settings = Settings(logFunction: { log.append($0) })
    try await withServer(Self.app(settings), options: options) { port, _ async throws in
      _ = try await exchange(port, request("GET", "/", headers: headers))
    }
    try await withServer(Self.app(settings)) { port, _ async throws in
      _ = try await exchange(port, request("GET", "/", headers: headers))
    }
    #expect(log.entries.map(\.remoteIP) == ["203.0.113.9", "127.0.0.1"])
  }

  @Test func compressResponseGzipsLargeTextForClientsThatAccept() async throws {
    let settings = Settings(compressResponse: true, logFunction: { _ in })
    try await withServer(Self.app(settings)) { port, _ async throws in
      let big = String(repeating: "abc", count: 1000)
      let result = try await exchange(port, request("POST", "/echo", headers: ["Accept-Encoding: gzip"], body: big))
      #expect(result.first?.header("Content-Encoding") == "gzip")
      #expect(result.first.map { $0.body.count < big.utf8.count } == true)
      let small = try await exchange(port, request("GET", "/", headers: ["Accept-Encoding: gzip"]))
      #expect(small.first?.header("Content-Encoding") == nil)
    }
  }

  @Test func portInUseGivesClearError() async throws {
    try await withServer(Self.app()) { port, _ async throws in
      let second = HTTPServer(Self.app())
      do {
        try await second.listen(port)
        Issue.record("listening twice on \(port) should fail")
      } catch let error as HTTPServerError {
        #expect(error.isAddressInUse)
        #expect(error.message.contains("port \(port)"))
      }
    }
  }

  @Test func eventsDescribeEachExchangeAndRawBytes() async throws {
    try await withServer(Self.app()) { port, server async throws in
      let collected = EventCollector()
      let token = server.events.observe { collected.append($0) }
      _ = try await exchange(port, request("POST", "/echo?x=1", body: "ping"))
      // The answer can reach the client before the loop publishes the exchange.
      try await waitUntil("the exchange is published") {
        collected.events.contains { if case .exchangeCompleted = $0 { true } else { false } }
      }
      token.cancel()
      let events = collected.events
      let exchanges = events.compactMap { event -> HTTPExchange? in
        if case .exchangeCompleted(let exchange) = event { return exchange }
        return nil
      }
      #expect(exchanges.count == 1)
      #expect(exchanges.first?.request.uri == "/echo?x=1")
      #expect(exchanges.first?.response.status.code == 200)
      #expect(exchanges.first.map { String(buffer: $0.requestBody) } == "ping")
      let read = events.reduce(into: 0) { total, event in
        if case .bytesRead(_, let bytes) = event { total += bytes.readableBytes }
      }
      #expect(read == request("POST", "/echo?x=1", body: "ping").utf8.count)
      #expect(events.contains { if case .connectionOpened = $0 { true } else { false } })
      #expect(!server.events.isObserved)
    }
  }
}

extension ServerProtocolTests {
  /// With compressResponse, an observer sees the head as it went out (gzip's Content-Encoding,
  /// the compressed Content-Length, Vary) and the timing of the exchange: the log and the
  /// timeline show what crossed the wire, not the handler's plain head.
  @Test func observersSeeTheCompressedHeadAndTheTiming() async throws {
    let app = Examples.named("echo")!.makeApp(Settings(compressResponse: true, logFunction: { _ in }))
    try await withServer(app) { port, server async throws in
      let collected = EventCollector()
      let token = server.events.observe([.exchangeCompleted]) { collected.append($0) }
      defer { token.cancel() }
      let answer = try #require(
        try await exchange(port, request("GET", "/numbers", headers: ["Accept-Encoding: gzip"])).first)
      try await waitUntil("the exchange is published") { !collected.events.isEmpty }
      guard case .exchangeCompleted(let exchange) = collected.events.first else {
        Issue.record("one exchange")
        return
      }
      #expect(exchange.response.headers["Content-Encoding"] == ["gzip"])
      #expect(exchange.response.headers["Vary"] == ["Accept-Encoding"])
      #expect(exchange.response.headers["Content-Length"] == [answer.header("Content-Length") ?? "?"])
      #expect(
        exchange.timing.handlerStarted >= 0 && (exchange.timing.firstByte ?? -1) >= exchange.timing.handlerStarted)
      #expect(exchange.timing.connectionOpened <= 0 && exchange.timing.eventLoop == 0)
    }
  }
}

final class EventCollector: @unchecked Sendable {
  private let lock = NSLock()
  private var storage: [ServerEvent] = []
  func append(_ event: ServerEvent) { lock.withLock { storage.append(event) } }
  var events: [ServerEvent] { lock.withLock { storage } }
}

final class LogCollector: @unchecked Sendable {
  private let lock = NSLock()
  private var storage: [AccessLogEntry] = []
  func append(_ entry: AccessLogEntry) { lock.withLock { storage.append(entry) } }
  var entries: [AccessLogEntry] { lock.withLock { storage } }
}

extension ServerProtocolTests {
  /// An observer gets the bytes of each answer as they went out: the head, chunk-size lines,
  /// gzip's bytes; and a detached exchange, when its connection closes, with what its stream
  /// wrote: the Raw view's source.
  @Test func observersGetTheRawBytesOfEachAnswer() async throws {
    let app = Examples.named("echo")!.makeApp(Settings(compressResponse: true, logFunction: { _ in }))
    try await withServer(app) { port, server async throws in
      let collected = EventCollector()
      let token = server.events.observe([.exchangeCompleted]) { collected.append($0) }
      defer { token.cancel() }
      let answer = try #require(
        try await exchange(port, request("GET", "/stream?count=2", headers: ["Connection: close"])).first)
      try await waitUntil("the exchange is published") { !collected.events.isEmpty }
      guard case .exchangeCompleted(let streamed) = collected.events.first else { return }
      let raw = String(buffer: streamed.rawResponse)
      #expect(raw.hasPrefix("HTTP/1.1 200 OK\r\n"))
      #expect(raw.hasSuffix("\r\n8\r\nchunk 2\n\r\n0\r\n\r\n"), "\(raw.debugDescription)")
      #expect(answer.bodyText == "chunk 1\nchunk 2\n")
      #expect(!streamed.detached)
    }
    try await withServer(FaultsAppTests.app()) { port, server async throws in
      let collected = EventCollector()
      let token = server.events.observe([.exchangeCompleted]) { collected.append($0) }
      defer { token.cancel() }
      _ = try await FaultsAppTests.readAll(port, "/fault/short-body")
      try await waitUntil("the detached exchange is published") { !collected.events.isEmpty }
      guard case .exchangeCompleted(let detached) = collected.events.first else { return }
      #expect(detached.detached)
      #expect(Array(detached.rawResponse.readableBytesView) == WireFault.shortBody.bytes())
      #expect(detached.request.uri == "/fault/short-body")
      #expect(String(buffer: detached.rawRequest).hasPrefix("GET /fault/short-body HTTP/1.1\r\n"))
    }
  }
}
