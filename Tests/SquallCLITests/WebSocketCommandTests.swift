import Foundation
import Squall
import SquallExamples
import SquallTestSupport
import Testing

/// `squall ws`, the real binary, against the echo app's `/ws` and `/chat` on loopback.
@Suite struct WebSocketCommandTests {
  var squall: String { productsDirectory.appendingPathComponent("squall").path }

  func withEcho(_ body: (Int) async throws -> Void) async throws {
    try #require(FileManager.default.isExecutableFile(atPath: squall), "build squall first")
    try await withServer(Examples.named("echo")!.makeApp(Settings(logFunction: { _ in }))) { port, _ async throws in
      try await body(port)
    }
  }

  @Test func eachLineGoesOutAndEachMessageIsPrintedThenACleanClose() async throws {
    try await withEcho { port in
      let result = try await runProgram(squall, ["ws", ":\(port)/ws"], input: "hello\nhéllo ☃\n\nlast\n")
      #expect(result.status == 0)
      #expect(result.output == "hello\nhéllo ☃\n\nlast\n")
      #expect(result.errorOutput.isEmpty, "a 1000 close is not worth a word")
    }
  }

  @Test func binaryLinesComeBackAsHex() async throws {
    try await withEcho { port in
      let result = try await runProgram(squall, ["ws", "--binary", "ws://127.0.0.1:\(port)/ws"], input: "AB\n")
      #expect(result.status == 0)
      #expect(result.output == "4142\n")
    }
  }

  @Test func verboseShowsTheHandshakeAndEveryFrame() async throws {
    try await withEcho { port in
      let result = try await runProgram(squall, ["ws", "-v", ":\(port)/chat"], input: "hi\n")
      #expect(result.status == 0)
      #expect(result.output == "hi\n")
      let lines = result.errorOutput.split(separator: "\n").map(String.init)
      #expect(lines.first == "> GET /chat HTTP/1.1")
      #expect(lines.contains("< HTTP/1.1 101 Switching Protocols"))
      #expect(lines.contains { $0.hasPrefix("< Sec-Websocket-Accept: ") })
      let frames = Array(lines.drop { !$0.hasPrefix("> text") })
      // stdin's end may send the close before the echo comes back; the echo still comes first.
      #expect(
        frames.sorted() == [
          "< close 2 1000", "< text 2 hi", "> close 2 1000", "> text 2 hi", "squall: closed with 1000 (normal closure)",
        ])
      #expect(frames.firstIndex(of: "< text 2 hi")! < frames.firstIndex(of: "< close 2 1000")!)
      #expect(frames.last == "squall: closed with 1000 (normal closure)")
    }
  }

  @Test func aRefusedHandshakeSaysWhatTheServerSaid() async throws {
    try await withEcho { port in
      let result = try await runProgram(squall, ["ws", "-H", "Origin: http://evil.example", ":\(port)/ws"], input: "")
      #expect(result.status == 1)
      #expect(
        result.errorOutput
          == "squall: the server answered 403 Forbidden, not 101 Switching Protocols\n"
          + "squall: the server said (403): Cross origin websockets not allowed\n")
      let notFound = try await runProgram(squall, ["ws", ":\(port)/nope"], input: "")
      #expect(notFound.status == 1)
      #expect(notFound.errorOutput.hasPrefix("squall: the server answered 404 Not Found"))
    }
  }

  @Test func nothingListeningAndBadURLsAreSaidAndDoNotCrash() async throws {
    try #require(FileManager.default.isExecutableFile(atPath: squall), "build squall first")
    // A port that was free a moment ago: nothing listens there now.
    let port = try await withServer(Examples.named("hello")!.makeApp(Settings())) { port, _ in port }
    let refused = try await runProgram(squall, ["ws", ":\(port)/ws"], input: "")
    #expect(refused.status == 1)
    #expect(
      refused.errorOutput
        == "squall: cannot connect to 127.0.0.1:\(port): connection refused (is a server listening there?) (squall serve --example echo starts one)\n"
    )
    for (url, words) in [
      ("wss://127.0.0.1:1/", "wss:// (TLS) is not supported"), ("ws://127.0.0.1:99999/", "the port must be a number"),
      ("ftp://x/", "is not a WebSocket URL"),
    ] {
      let result = try await runProgram(squall, ["ws", url], input: "")
      #expect(result.status == 1, "\(url)")
      #expect(result.errorOutput.contains(words), "\(url): \(result.errorOutput)")
    }
    let badHeader = try await runProgram(squall, ["ws", "-H", "no colon", ":1/ws"], input: "")
    #expect(badHeader.status == 64)
    #expect(badHeader.errorOutput.contains("-H wants 'Name: value'"))
  }

  @Test func aControlCharacterFromTheServerIsPrintedAsItCameWhenPiped() async throws {
    try await withEcho { port in
      let result = try await runProgram(squall, ["ws", ":\(port)/ws"], input: "a\u{1B}[2Jb\n")
      #expect(result.output == "a\u{1B}[2Jb\n", "piped output is the text as received; a terminal gets it escaped")
    }
  }
}
