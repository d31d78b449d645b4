import Foundation
import Squall
import SquallExamples
import SquallTestSupport
import SquallValues
import Testing

@testable import SquallCompare
@testable import SquallTransport

/// The Python twin on real Tornado against the Swift one, through the code `squall compare` and
/// the playground use.
@Suite(
  .serialized,
  .enabled(
    if: ProcessInfo.processInfo.environment["SQUALL_REQUIRE_TORNADO"] == "1"
      || (try? TornadoTwin.pythonWithTornado()) != nil, "needs `pip install tornado`"))
struct TornadoTwinTests {
  func compare(_ example: String, _ request: WireRequest) async throws -> Comparison {
    let twin = try await blocking { try TornadoTwin.start(example: ExampleApp(rawValue: example)!) }
    defer { twin.stop() }
    let server = HTTPServer(Examples.named(example)!.makeApp(Settings(logFunction: { _ in })))
    try await server.listen(0)
    defer {
      Task {
        await server.stop()
        await server.closeAllConnections()
      }
    }
    let tornado = try await WireClient.exchange(request, port: twin.port)
    let squall = try await WireClient.exchange(request, port: server.ports[0])
    return Comparison.compare(request, tornado: tornado, squall: squall)
  }

  @Test func theSeedsAppAnswersTheSame() async throws {
    let comparison = try await compare("hello", WireRequest())
    #expect(comparison.verdict == .same, "\(CompareReport.lines(comparison))")
  }

  @Test func aPostToTheSeedsAppDiffersOnlyAsDocumented() async throws {
    let comparison = try await compare("hello", WireRequest(method: "POST"))
    #expect(comparison.verdict == .documented, "\(CompareReport.lines(comparison))")
  }

  @Test func theEchoOfAJSONBodyIsTheSame() async throws {
    let comparison = try await compare(
      "echo",
      WireRequest(
        method: "POST", target: "/echo?a=1", headers: [HeaderLine("Content-Type", "application/json")],
        body: Array(#"{"name": "Ada"}"#.utf8)))
    #expect(comparison.verdict == .same, "\(CompareReport.lines(comparison))")
  }
}
