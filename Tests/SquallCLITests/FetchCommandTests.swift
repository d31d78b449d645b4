import Foundation
import Squall
import SquallExamples
import SquallTestSupport
import SquallValues
import Testing

/// `squall fetch`, the real binary, against Squall's server on loopback.
@Suite struct FetchCommandTests {
  var squall: String { productsDirectory.appendingPathComponent("squall").path }

  func withEcho(_ body: (Int) async throws -> Void) async throws {
    try #require(FileManager.default.isExecutableFile(atPath: squall), "build squall first")
    try await withServer(Examples.named("echo")!.makeApp(Settings())) { port, _ async throws in
      try await body(port)
    }
  }

  @Test func bodyGoesToStdoutAndStatusToStderr() async throws {
    try await withEcho { port in
      let result = try await runProgram(squall, ["fetch", ":\(port)/"])
      #expect(result.status == 0)
      #expect(result.output == "Hello, world")
      #expect(result.errorOutput == "HTTP/1.1 200 OK\n")
    }
  }

  @Test func includePrintsTheHeadAndJSONIsRawWhenPiped() async throws {
    try await withEcho { port in
      let result = try await runProgram(
        squall, ["fetch", "http://127.0.0.1:\(port)/echo", "--json", #"{"a": 1}"#, "-i"])
      #expect(result.status == 0)
      let parts = result.output.components(separatedBy: "\n\n")
      #expect(parts[0].hasPrefix("HTTP/1.1 200 OK\n"))
      #expect(parts[0].contains("Content-Type: application/json; charset=UTF-8"))
      #expect(parts[1].hasPrefix(#"{"arguments": {}, "#), "piped JSON is as sent, not re-indented")
      #expect(parts[1].contains(#""method": "POST""#))
      #expect(parts[1].contains(#""body": "{\"a\": 1}""#))
      #expect(result.errorOutput.isEmpty)
    }
  }

  @Test func formFieldsHeadersAndMethod() async throws {
    try await withEcho { port in
      let result = try await runProgram(
        squall,
        [
          "fetch", ":\(port)/echo", "-X", "put", "--form", "name=Ada Lovelace", "--form", "x=&", "--form",
          "city=Zürich", "-H",
          "X-Lesson: 2", "-q",
        ])
      #expect(result.status == 0)
      #expect(result.output.contains(#""method": "PUT""#))
      #expect(result.output.contains(#""name": ["Ada Lovelace"]"#))
      #expect(result.output.contains(#""x": ["&"]"#))
      #expect(
        result.output.contains("city=Z%C3%BCrich"), "one form encoding, the builder's: letters beyond ASCII are encoded"
      )
      #expect(result.output.contains(#""X-Lesson": "2""#))
      #expect(result.errorOutput.isEmpty, "-q silences the status line")
    }
  }

  @Test func exitStatusFollowsTheStatusClassAndFailures() async throws {
    try await withEcho { port in
      let missing = try await runProgram(squall, ["fetch", ":\(port)/nope"])
      #expect(missing.status == 4)
      #expect(missing.errorOutput.contains("squall: HTTP 404: Not Found"))
      let redirect = try await runProgram(squall, ["fetch", ":\(port)/redirect"])
      #expect(redirect.status == 3)
      let followed = try await runProgram(squall, ["fetch", ":\(port)/redirect", "--follow"])
      #expect(followed.status == 0 && followed.output == "Hello, world")
      let slow = try await runProgram(squall, ["fetch", ":\(port)/slow?delay=5", "--timeout", "0.3"])
      #expect(slow.status == 2)
      #expect(slow.errorOutput.contains("Timeout during request"))
    }
    let closed = try ClosedPort()
    let refused = try await runProgram(squall, ["fetch", ":\(closed.port)/"])
    #expect(refused.status == 1)
    #expect(refused.errorOutput.contains("Connection refused"))
    let invalid = try await runProgram(squall, ["fetch", "ht tp://x"])
    #expect(invalid.status == 1)
    #expect(invalid.errorOutput.contains("invalid URL"))
  }

  @Test func badArgumentsGetAClearMessage() async throws {
    try #require(FileManager.default.isExecutableFile(atPath: squall), "build squall first")
    let header = try await runProgram(squall, ["fetch", ":1/", "-H", "no colon"])
    #expect(header.status != 0)
    #expect(header.errorOutput.contains("a header must look like 'Name: value'"))
    let json = try await runProgram(squall, ["fetch", ":1/", "--json", "{nope"])
    #expect(json.errorOutput.contains("--json is not valid JSON"))
    let both = try await runProgram(squall, ["fetch", ":1/", "-d", "x", "--json", "1"])
    #expect(both.errorOutput.contains("only one of --data, --json and --form"))
  }

  @Test func aBodyTheServerRefusesGivesOneErrorWithItsAnswer() async throws {
    var options = HTTPServer.Options()
    options.maxBufferSize = 1_000
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("squall-big-\(UUID())")
    try Data(repeating: UInt8(ascii: "a"), count: 3_000_000).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    try await withServer(Examples.named("echo")!.makeApp(Settings()), options: options) { port, _ async throws in
      let result = try await runProgram(squall, ["fetch", ":\(port)/echo", "-d", "@\(file.path)"])
      #expect(result.status == 4, "the server's 400, not a 599")
      // The note comes when the client saw the upload cut off; once the answer is complete,
      // async-http-client's async API does not always report that, so it may be missing.
      let answer = "HTTP/1.1 400 Bad Request\nsquall: HTTP 400: Bad Request"
      let note = " (the server closed the connection before reading the whole request)"
      #expect([answer + "\n", answer + note + "\n"].contains(result.errorOutput), "\(result.errorOutput)")
    }
  }

  @Test func aTerminalGetsAFinalNewlineAPipeGetsTheBodyExactly() async throws {
    let script = "/usr/bin/script"
    try #require(FileManager.default.isExecutableFile(atPath: script), "util-linux's script gives the test a terminal")
    try await withEcho { port in
      let piped = try await runProgram(squall, ["fetch", ":\(port)/greet/Ada", "-q"])
      #expect(piped.output == "Hello, Ada", "piped: the body as received, no newline added")
      let onTerminal = try await runProgram(script, ["-qec", "\(squall) fetch :\(port)/greet/Ada -q", "/dev/null"])
      #expect(onTerminal.output.hasSuffix("Hello, Ada\r\n"), "\(onTerminal.output.debugDescription)")
    }
  }

  @Test func verboseShowsBothHeadsWithEscapedControlCharacters() async throws {
    try await withEcho { port in
      let result = try await runProgram(squall, ["fetch", ":\(port)/echo", "-v", "-H", "X-Lesson: 3"])
      #expect(result.status == 0)
      // The head exactly as it went out: async-http-client writes `host` in lower case; the
      // client asks for gzip, as Tornado's does.
      #expect(
        result.errorOutput.contains(
          "> GET /echo HTTP/1.1\n> X-Lesson: 3\n> User-Agent: Squall/\(SquallVersion.number)\n> Accept-Encoding: gzip\n> host: 127.0.0.1:\(port)\n>\n"
        ), "\(result.errorOutput)")
      #expect(result.errorOutput.contains("< HTTP/1.1 200 OK\n< Server: SquallServer/"))
      let evil = try await runProgram(squall, ["fetch", ":\(port)/echo", "-H", "X-Evil: a\u{1B}[31mred"])
      #expect(evil.status != 0)
      #expect(evil.errorOutput.contains("X-Evil") && evil.errorOutput.contains("control characters"))
      #expect(evil.errorOutput.contains("a\\e[31mred"))
      #expect(!evil.errorOutput.contains("\u{1B}"), "no raw escape reaches the terminal")
    }
  }

  /// `--offline` sends nothing (port 9: nobody listens, and it still succeeds) and prints the
  /// bytes the request would be; WireBytesTests checks those bytes against a recording socket.
  @Test func offlinePrintsTheBytesAndSendsNothing() async throws {
    let result = try await runProgram(
      squall, ["fetch", "--offline", "http://127.0.0.1:9/x?q=1", "--json", #"{"a": 1}"#])
    #expect(result.status == 0, "\(result.errorOutput)")
    let text = result.output
    #expect(text.hasPrefix("POST /x?q=1 HTTP/1.1\r\n"))
    #expect(
      text.contains("\r\nContent-Type: application/json\r\n")
        || text.contains("\r\nContent-Type: application/json; charset=UTF-8\r\n"))
    #expect(text.contains("\r\nhost: 127.0.0.1:9\r\nContent-Length: 8\r\n\r\n"))
    #expect(text.hasSuffix("\r\n\r\n{\"a\": 1}"))
  }

  /// Each hop of a redirect chain: its head with -v (stderr), head and body with --all
  /// (stdout); without them only the final answer's body reaches stdout.
  @Test func everyRedirectHopWithVerboseOrAll() async throws {
    try await withEcho { port in
      let plain = try await runProgram(squall, ["fetch", "-L", ":\(port)/redirect"])
      #expect(plain.output == "Hello, world")
      #expect(plain.errorOutput == "HTTP/1.1 200 OK\n", "one status line: the answer's")
      let verbose = try await runProgram(squall, ["fetch", "-L", "-v", ":\(port)/redirect"])
      #expect(verbose.output == "Hello, world")
      let hop = try #require(verbose.errorOutput.range(of: "< HTTP/1.1 302 Found\n"))
      let final = try #require(verbose.errorOutput.range(of: "< HTTP/1.1 200 OK\n"))
      #expect(hop.lowerBound < final.lowerBound, "the hop first")
      #expect(verbose.errorOutput.contains("< Location: /\n"))
      #expect(verbose.errorOutput.components(separatedBy: "> GET ").count == 3, "both requests")
      let all = try await runProgram(squall, ["fetch", "-L", "--all", ":\(port)/redirect"])
      #expect(all.output.hasPrefix("HTTP/1.1 302 Found\n"))
      #expect(all.output.hasSuffix("\n\nHello, world"))
      // With -o, the file holds the final body alone; the hops stay on stdout (HTTPie's --all --download).
      let file = FileManager.default.temporaryDirectory.appendingPathComponent("squall-all-\(UUID()).txt").path
      defer { try? FileManager.default.removeItem(atPath: file) }
      let saved = try await runProgram(squall, ["fetch", "-L", "--all", "-o", file, ":\(port)/redirect"])
      #expect(try String(contentsOfFile: file, encoding: .utf8) == "Hello, world")
      #expect(saved.output.hasPrefix("HTTP/1.1 302 Found\n") && !saved.output.contains("Hello, world"))
    }
  }
}
