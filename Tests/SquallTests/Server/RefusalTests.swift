import Foundation
import NIOCore
import SquallExamples
import SquallTestSupport
import Testing

@testable import Squall

/// The requests the server refuses by itself reach observers (the playground's log) and the
/// counters, with the bytes received and the reason in words.
@Suite struct RefusalTests {
  static func app() -> Application { Examples.named("echo")!.makeApp(Settings(logFunction: { _ in })) }

  /// Runs `send` against a server with `options`, and returns the first refusal it publishes.
  func refusal(
    options: HTTPServer.Options, within seconds: Double = 5, _ send: @escaping @Sendable (Int) async throws -> Void
  ) async throws -> (HTTPRefusal, refused: Int) {
    try await withServer(Self.app(), options: options) { port, server async throws in
      let events = server.events.stream()
      try await send(port)
      let found = try await withThrowingTaskGroup(of: HTTPRefusal?.self) { group in
        group.addTask {
          for await event in events { if case .requestRefused(let refusal) = event { return refusal } }
          return nil
        }
        group.addTask {
          try await Task.sleep(for: .seconds(seconds))
          return nil
        }
        let first = try await group.next() ?? nil
        group.cancelAll()
        return first
      }
      let refusal = try #require(found, "no refusal was published within \(seconds) s")
      return (refusal, server.stats.refused)
    }
  }

  @Test func aBodyOverMaxBufferSizeIsLoggedWithItsBytesAndReason() async throws {
    var options = HTTPServer.Options()
    options.maxBufferSize = 1000
    let (refusal, refused) = try await refusal(options: options) { port in
      let answer = try await exchange(port, request("POST", "/echo", body: String(repeating: "x", count: 2000)))
      #expect(answer.statuses == [400] && answer.closed)
    }
    #expect(refusal.cause == .contentLengthTooLong)
    #expect(refusal.status == 400)
    #expect(refusal.message == "Content-Length 2000 is over maxBufferSize (1000 bytes)")
    #expect(refusal.request?.uri == "/echo" && refusal.request?.method == .POST)
    #expect(String(buffer: refusal.rawRequest).hasPrefix("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n"))
    #expect(refusal.remote == "127.0.0.1")
    #expect(refused == 1)
  }

  @Test func aChunkedBodyGrowingPastMaxBodySizeNamesThatOption() async throws {
    var options = HTTPServer.Options()
    options.maxBodySize = 500
    let (refusal, _) = try await refusal(options: options) { port in
      let chunk = String(repeating: "y", count: 600)
      _ = try await exchange(
        port, "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n258\r\n\(chunk)\r\n0\r\n\r\n")
    }
    #expect(refusal.cause == .bodyTooLong && refusal.status == 400)
    #expect(refusal.message == "body larger than maxBodySize (500 bytes)")
    #expect(refusal.bodyBytesReceived > 500)
  }

  @Test func aMalformedRequestLineSaysWhatIsWrong() async throws {
    let (refusal, _) = try await refusal(options: HTTPServer.Options()) { port in
      let answer = try await exchange(port, "GET / HTTP/9.9\r\nHost: x\r\n\r\n")
      #expect(answer.statuses == [400])
    }
    #expect(refusal.cause == .malformedRequest && refusal.status == 400)
    #expect(refusal.message == "malformed request: the HTTP version is not HTTP/1.0 or HTTP/1.1")
    #expect(refusal.request == nil)
    #expect(String(buffer: refusal.rawRequest) == "GET / HTTP/9.9\r\nHost: x\r\n\r\n")
  }

  /// `GARBAGE` is a valid token: what is missing is the target and the version (it was logged as
  /// "the method is not a valid token").
  @Test(arguments: [
    (
      "GARBAGE\r\n\r\n",
      "the request line has only a method (\"GARBAGE\"): a target and a version must follow, as in GET / HTTP/1.1"
    ),
    (
      "FOO / HTTP/1.1\r\nHost: x\r\n\r\n",
      "\"FOO\" is not a method NIO's parser (llhttp) knows: it reads registered methods only (GET, POST, PUT, DELETE, PATCH, PURGE…), where Tornado takes any token and answers 405"
    ),
    (
      "get / HTTP/1.1\r\nHost: x\r\n\r\n",
      "the method \"get\" is not in upper case: NIO's parser (llhttp) reads methods in upper case only (GET)"
    ),
    (
      "G(T / HTTP/1.1\r\nHost: x\r\n\r\n",
      "the method \"G(T\" is not a valid token: it holds a character a method may not"
    ),
  ])
  func aBadRequestLineIsRefusedInWordsThatNameTheFault(sent: String, words: String) async throws {
    let (refusal, _) = try await refusal(options: HTTPServer.Options()) { port in
      let answer = try await exchange(port, sent)
      #expect(answer.statuses == [400])
    }
    #expect(refusal.message == "malformed request: " + words)
  }

  @Test func aRunOfSpacesInAPipelinedRequestLineIsRefusedAfterTheRequestsBeforeIt() async throws {
    let posted = "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 17\r\n\r\nGET  / HTTP/1.1\r\n"
    let (refusal, refused) = try await refusal(options: HTTPServer.Options()) { port in
      let answer = try await exchange(port, posted + "GET  / HTTP/1.1\r\nHost: x\r\n\r\n", expect: 2)
      #expect(answer.statuses == [200, 400] && answer.closed, "the POST, whose body holds the same bytes, is answered")
      #expect(answer.first?.bodyText.contains(#""body": "GET  / HTTP/1.1\r\n""#) == true, "its body echoed")
    }
    #expect(refusal.cause == .malformedRequest && refusal.status == 400)
    #expect(
      refusal.message
        == "malformed request: the request line has a run of spaces (one space goes between method, target and version)"
    )
    #expect(refused == 1)
  }

  @Test func aHeadOverMaxHeaderSizeClosesWithoutAnAnswer() async throws {
    var options = HTTPServer.Options()
    options.maxHeaderSize = 1024
    let (refusal, _) = try await refusal(options: options) { port in
      let (closed, bytes) = try await blocking {
        let socket = try RawSocket(port: port)
        try socket.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: 4000))\r\n\r\n")
        let read = socket.read(until: { _ in false }, timeout: 5)
        return (read.closed, read.bytes)
      }
      #expect(closed && bytes.isEmpty, "closed without an answer within 5 s")
    }
    #expect(refusal.cause == .headTooLarge && refusal.status == nil)
    #expect(refusal.message == "request line and headers larger than maxHeaderSize (1024 bytes)")
  }

  @Test func anIdleConnectionTimesOutAndSaysSo() async throws {
    var options = HTTPServer.Options()
    options.idleConnectionTimeout = 0.2
    let (refusal, _) = try await refusal(options: options) { port in
      let closed = try await blocking {
        let socket = try RawSocket(port: port)
        return socket.isClosed(within: 5)
      }
      #expect(closed, "the idle connection was not closed within 5 s")
    }
    #expect(refusal.cause == .idleTimeout && refusal.status == nil)
    #expect(refusal.message == "no complete request within idleConnectionTimeout (0.2s): connection closed")
  }

  @Test func aBodyThatDoesNotArriveInTimeIsRefused() async throws {
    var options = HTTPServer.Options()
    options.bodyTimeout = 0.2
    let (refusal, _) = try await refusal(options: options) { port in
      let closed = try await blocking {
        let socket = try RawSocket(port: port)
        try socket.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
        return socket.isClosed(within: 5)
      }
      #expect(closed)
    }
    #expect(refusal.cause == .bodyTimeout && refusal.request?.uri == "/echo")
    #expect(refusal.bodyBytesReceived == 3)
  }

  @Test func anObserverOfRefusalsGetsNoExchangesAndNoneAreBuilt() async throws {
    var options = HTTPServer.Options()
    options.maxBufferSize = 10
    try await withServer(Self.app(), options: options) { port, server async throws in
      let collected = EventCollector()
      let token = server.events.observe([.requestRefused]) { collected.append($0) }
      #expect(
        server.events.isObserved && !server.events.wants(.exchangeCompleted) && server.events.wants(.requestRefused))
      _ = try await exchange(port, request("GET", "/greet/a"))
      _ = try await exchange(port, request("POST", "/echo", body: String(repeating: "x", count: 20)))
      try await blocking {
        let deadline = Date().addingTimeInterval(5)
        while collected.events.isEmpty && Date() < deadline { usleep(10_000) }
      }
      token.cancel()
      #expect(collected.events.count == 1)
      guard case .requestRefused(let refusal) = collected.events.first else {
        Issue.record("expected a refusal, got \(collected.events)")
        return
      }
      #expect(refusal.cause == .contentLengthTooLong)
      #expect(!server.events.isObserved, "cancelled: nothing is wanted any more")
    }
  }

  @Test func nothingIsBuiltWhenNobodyObservesButTheCounterCounts() async throws {
    var options = HTTPServer.Options()
    options.maxBufferSize = 10
    try await withServer(Self.app(), options: options) { port, server async throws in
      _ = try await exchange(port, request("POST", "/echo", body: String(repeating: "x", count: 20)))
      #expect(server.stats.refused == 1)
      #expect(server.stats.requests == 0, "a refusal is not a served request")
    }
  }
}

@Suite struct RequestHeadRulesTests {
  func problem(_ headers: [(String, String)], minor: Int = 1) -> String? {
    RequestHeadRules.problem(version: (1, minor), headers: headers.map { (name: $0.0, value: $0.1) })?.message
  }

  @Test func hostAndTransferEncodingAreChecked() {
    #expect(problem([("Host", "127.0.0.1:8888")]) == nil)
    #expect(problem([("Host", "[::1]:8888")]) == nil)
    #expect(problem([("Host", "example.com"), ("Transfer-Encoding", "Chunked")]) == nil)
    #expect(problem([], minor: 0) == nil, "HTTP/1.0 needs no Host")
    #expect(problem([]) == "HTTP/1.1 request without a Host header")
    #expect(problem([("Host", "a"), ("host", "b")]) == "2 Host headers; a request has one (RFC 9112 §3.2)")
    #expect(problem([("Host", "a b")]) == "Host \"a b\" is not host[:port] (RFC 9112 §3.2)")
    #expect(problem([("Host", "user@x")]) == "Host \"user@x\" is not host[:port] (RFC 9112 §3.2)")
    #expect(problem([("Host", "x:80a")]) != nil)
    #expect(
      problem([("Host", "x"), ("Transfer-Encoding", "")])
        == "Transfer-Encoding \"\" is not \"chunked\"; the body's length is unknown")
    #expect(problem([("Host", "x"), ("Transfer-Encoding", "gzip, chunked")]) != nil)
  }
}
