import Foundation
import Squall
import SquallExamples
import SquallTestSupport
import Testing

/// `squall requests`, the real binary, on a collection folder of its own.
@Suite struct RequestsCommandTests {
  var squall: String { productsDirectory.appendingPathComponent("squall").path }

  @Test func importListSendAndExportShareOneFolder() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("squall-requests-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let environment = ProcessInfo.processInfo.environment.merging(["SQUALL_COLLECTION": folder.path]) { $1 }
    try await withServer(Examples.named("echo")!.makeApp(Settings(logFunction: { _ in }))) { port, _ async throws in
      let empty = try await runProgram(squall, ["requests", "list"], environment: environment)
      #expect(empty.output.hasPrefix("No saved requests in \(folder.path)."))
      let imported = try await runProgram(
        squall,
        [
          "requests", "import-curl", #"curl '{{base}}/echo?from=curl' --json '{"a": 1}' -H 'X-Lesson: 9'"#, "--name",
          "create",
        ],
        environment: environment)
      #expect(imported.status == 0, "\(imported.errorOutput)")
      let list = try await runProgram(squall, ["requests", "list", "--collection", folder.path])
      #expect(list.output == "create\tPOST\t{{base}}/echo?from=curl\n")
      let sent = try await runProgram(
        squall, ["requests", "send", "create", "--base", "http://127.0.0.1:\(port)", "-q"], environment: environment)
      #expect(sent.status == 0)
      #expect(sent.output.contains(#""body": "{\"a\": 1}""#) && sent.output.contains(#""X-Lesson": "9""#))
      let curl = try await runProgram(
        squall, ["requests", "export", "create", "--as", "curl", "--var", "base=http://h:1"], environment: environment)
      #expect(
        curl.output
          == "curl 'http://h:1/echo?from=curl' -H 'X-Lesson: 9' -H 'Accept: application/json' --json '{\"a\": 1}'\n")
      let missing = try await runProgram(squall, ["requests", "send", "nope"], environment: environment)
      #expect(missing.status == 1)
      #expect(missing.errorOutput == "squall: no request named \"nope\" in \(folder.path); saved: create\n")
      let notFound = try await runProgram(
        squall, ["requests", "send", "create", "--base", "http://127.0.0.1:\(port)", "--var", "x"],
        environment: environment)
      #expect(notFound.status == 64, "a bad --var is a usage error")
    }
  }

  @Test func aRequestReadsAnotherSavedRequestsLastResponse() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("squall-requests-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let environment = ProcessInfo.processInfo.environment.merging(["SQUALL_COLLECTION": folder.path]) { $1 }
    try await withServer(Examples.named("echo")!.makeApp(Settings(logFunction: { _ in }))) { port, _ async throws in
      let base = ["--base", "http://127.0.0.1:\(port)", "-q"]
      for (name, command) in [
        ("first", #"curl '{{base}}/echo?token=t-42' -H 'X-Id: 7'"#),
        (
          "second",
          #"curl '{{base}}/echo' -H 'X-Token: {{first.response.json.arguments.token[0]}}' -H 'X-Type: {{first.response.header.content-TYPE}}'"#
        ),
      ] {
        let saved = try await runProgram(
          squall, ["requests", "import-curl", command, "--name", name], environment: environment)
        #expect(saved.status == 0, "\(saved.errorOutput)")
      }
      // Before the first was sent, the second says what to do.
      let early = try await runProgram(squall, ["requests", "send", "second"] + base, environment: environment)
      #expect(early.status == 1)
      #expect(early.errorOutput.contains("reads the last response of the saved request \"first\": send it once first"))
      let first = try await runProgram(squall, ["requests", "send", "first"] + base, environment: environment)
      #expect(first.status == 0, "\(first.errorOutput)")
      let kept = folder.appendingPathComponent(".responses/first.json")
      #expect(FileManager.default.fileExists(atPath: kept.path), "the answer is kept as its last response")
      let second = try await runProgram(squall, ["requests", "send", "second"] + base, environment: environment)
      #expect(second.status == 0, "\(second.errorOutput)")
      #expect(second.output.contains(#""X-Token": "t-42""#), "\(second.output)")
      #expect(second.output.contains(#""X-Type": "application/json; charset=UTF-8""#))
      // The collection lists requests only: the responses folder stays out of the list.
      let list = try await runProgram(squall, ["requests", "list"], environment: environment)
      #expect(list.output.split(separator: "\n").map { $0.split(separator: "\t")[0] } == ["first", "second"])
    }
  }
}
