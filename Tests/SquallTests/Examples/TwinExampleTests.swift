import Foundation
import Squall
import SquallExamples
import SquallTestSupport
import Testing

/// The seed's server twin (`Tutorials/HelloServer`) runs as a program and answers like the seed.
@Suite struct TwinExampleTests {
  @Test func helloServerTwinAnswersHelloWorld() async throws {
    let binary = productsDirectory.appendingPathComponent("hello-server").path
    try #require(FileManager.default.isExecutableFile(atPath: binary), "build hello-server first")
    let child = try ChildProcess(binary, ["0"])
    defer { child.stop() }
    let listening = try await blocking { try child.line(startingWith: "Listening on http://127.0.0.1:") }
    let port = try #require(Int(listening.dropLast()), "the twin prints the port it bound: \(listening)")
    let result = try await exchange(port, request("GET", "/"))
    #expect(result.statuses == [200])
    #expect(result.first?.bodyText == "Hello, world")
    #expect(result.first?.header("Content-Type") == "text/html; charset=UTF-8")
  }

  @Test func helloClientTwinPrintsTheBodyOrTheError() async throws {
    let binary = productsDirectory.appendingPathComponent("hello-client").path
    try #require(FileManager.default.isExecutableFile(atPath: binary), "build hello-client first")
    let app = Examples.named("hello")!.makeApp(Settings())
    try await withServer(app) { port, _ async throws in
      let result = try await runProgram(binary, ["http://127.0.0.1:\(port)/"])
      #expect(result.status == 0)
      #expect(result.output == "Hello, world\n")
    }
    let closed = try ClosedPort()
    let refused = try await runProgram(binary, ["http://127.0.0.1:\(closed.port)/"])
    #expect(refused.output.hasPrefix("Error: HTTP 599: Connection refused"), "\(refused.output)")
  }
}
