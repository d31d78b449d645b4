import Foundation
import SquallTestSupport
import Testing

/// `squall compare`, the real binary against real Tornado: its report and its exit codes.
@Suite(.serialized, .enabled(if: TornadoAvailable.now, "needs `pip install tornado`"))
struct CompareCommandTests {
  let squall = productsDirectory.appendingPathComponent("squall").path

  func compare(_ arguments: [String], environment: [String: String]? = nil) async throws -> (
    output: String, error: String, status: Int32
  ) {
    let result = try await runProgram(squall, ["compare"] + arguments, environment: environment, timeout: 60)
    return (result.output, result.errorOutput, result.status)
  }

  @Test func theSeedsGetIsTheSame() async throws {
    let result = try await compare(["/"])
    #expect(result.status == 0, "\(result.output)\(result.error)")
    #expect(result.output.contains("  body            same        12 bytes \"Hello, world\""))
    #expect(result.output.hasSuffix("The same on the wire (Date and Server aside).\n"))
  }

  @Test func aPostIsA405ThatDiffersOnlyAsDocumented() async throws {
    let result = try await compare(["-X", "POST", "/"])
    #expect(result.status == 0, "\(result.output)\(result.error)")
    #expect(result.output.contains("  status          same        HTTP/1.1 405 Method Not Allowed"))
    #expect(result.output.contains("Allow           documented  Squall's 405 names the allowed methods"))
    #expect(result.output.contains("The same apart from one documented difference (see README)"))
  }

  @Test func theEchoOfAJSONBodyIsTheSame() async throws {
    let result = try await compare([
      "--example", "echo", "-H", "Content-Type: application/json", "-d", #"{"name": "Ada"}"#, "/echo",
    ])
    #expect(result.status == 0, "\(result.output)\(result.error)")
    #expect(result.output.hasPrefix("POST /echo · Squall's echo on :"))
  }

  @Test func aWebSocketSessionIsTheSame() async throws {
    let result = try await compare(["--example", "echo", "--websocket", "/ws", "--message", "hi", "--message", "☃"])
    #expect(result.status == 0, "\(result.output)\(result.error)")
    #expect(result.output.hasPrefix("WebSocket /ws · Squall's echo on :"))
    #expect(result.output.contains("status                same        HTTP/1.1 101 Switching Protocols"))
    #expect(result.output.contains("Sec-Websocket-Accept  normalised  (answers each connection's own key"))
    #expect(result.output.contains("→ hi                  same        text \"hi\""))
    #expect(result.output.contains("close                 same        close 1000"))
    // Refused on both sides the same way: a cross-origin handshake.
    let refused = try await compare([
      "--example", "echo", "--websocket", "-H", "Origin: http://evil.example", "/chat",
    ])
    #expect(refused.status == 0, "\(refused.output)\(refused.error)")
    #expect(refused.output.contains("403 Forbidden"))
    let misuse = try await compare(["--message", "hi", "/ws"])
    #expect(misuse.status == 64)
    #expect(misuse.error.contains("--message goes with --websocket"))
  }

  @Test func anotherAppDiffersAndExitsOne() async throws {
    let result = try await compare(["--example", "hello", "--against", "echo", "/echo"])
    #expect(result.status == 1)
    #expect(result.output.contains("  status          DIFFERENT"))
    #expect(result.output.contains("HTTP/1.1 404 Not Found"))
  }

  /// A fault is not HTTP a parser reads: both answers are compared as bytes, and shown.
  @Test(arguments: ["short-body", "reset", "bad-chunk"])
  func aFaultIsComparedByteForByte(fault: String) async throws {
    let result = try await compare(["--example", "faults", "/fault/\(fault)"])
    #expect(result.status == 0, "\(result.output)\(result.error)")
    #expect(result.output.contains("  bytes "))
    #expect(result.output.contains("The same bytes on the wire, and the same end."))
    if fault == "reset" { #expect(result.output.contains("reset (TCP RST)")) }
    if fault == "short-body" { #expect(result.output.contains("  Content-Length: 100␍␊\n")) }
    if fault == "bad-chunk" { #expect(result.output.contains("zz␍␊   ← not a hexadecimal size")) }
  }

  @Test func noTornadoExitsTwoAndSaysHowToInstallIt() async throws {
    let empty = FileManager.default.temporaryDirectory.appendingPathComponent("squall-no-python-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: empty) }
    var environment = ProcessInfo.processInfo.environment
    environment["PATH"] = empty.path
    environment["SQUALL_PYTHON"] = nil
    let result = try await compare(["/"], environment: environment)
    #expect(result.status == 2)
    #expect(result.error.contains("python3 was not found on PATH") && result.error.contains("pip install tornado"))
  }

  /// A SQUALL_PYTHON that is not there is named, not reported as python3 missing from PATH.
  @Test func aWrongSquallPythonIsNamed() async throws {
    var environment = ProcessInfo.processInfo.environment
    environment["SQUALL_PYTHON"] = "/nonexistent/python3"
    let result = try await compare(["/"], environment: environment)
    #expect(result.status == 2)
    #expect(result.error.contains("SQUALL_PYTHON is /nonexistent/python3, which is not an executable file"))
    #expect(!result.error.contains("was not found on PATH"))
  }
}
