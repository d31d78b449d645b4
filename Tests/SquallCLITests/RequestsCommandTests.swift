import Foundation
import Squall
import SquallExamples
import SquallTestSupport
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

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

/// `squall requests test`: saved requests in order, captures fed forward, asserts decided,
/// reports for a person, for TAP and for JUnit, and the exit statuses CI reads.
@Suite struct RequestsTestCommandTests {
  var squall: String { productsDirectory.appendingPathComponent("squall").path }

  static func write(_ json: String, as name: String, in folder: URL) throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data(json.utf8).write(to: folder.appendingPathComponent("\(name).json"))
  }

  @Test func savedRequestsRunInOrderWithCapturesAndReports() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("squall-test-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    try Self.write(
      #"{"method": "POST", "url": "{{base}}/echo?who=ada", "asserts": ["status == 200", "$.method == POST", "header.content-type contains json"], "captures": [{"name": "who", "query": "$.arguments.who[0]"}]}"#,
      as: "1-login", in: folder)
    try Self.write(
      #"{"method": "GET", "url": "{{base}}/echo?again={{who}}", "asserts": ["$.arguments.again[0] == ada and duration < 5s"]}"#,
      as: "2-use", in: folder)
    try await withServer(Examples.named("echo")!.makeApp(Settings(logFunction: { _ in }))) { port, _ async throws in
      let common = ["--collection", folder.path, "--base", "http://127.0.0.1:\(port)"]
      let report = folder.appendingPathComponent("out/report.xml")
      let passing = try await runProgram(squall, ["requests", "test"] + common + ["--report", "junit=\(report.path)"])
      #expect(passing.status == 0, "\(passing.output)\(passing.errorOutput)")
      let lines = passing.output.split(separator: "\n").map(String.init)
      #expect(lines.count == 3)
      #expect(lines[0].hasPrefix("✓ 1-login  POST http://127.0.0.1:\(port)/echo?who=ada → 200 OK"))
      #expect(lines[0].hasSuffix("3 asserts"))
      #expect(lines[1].hasPrefix("✓ 2-use  GET http://127.0.0.1:\(port)/echo?again=ada → 200 OK"), "the capture fed it")
      #expect(lines[2] == "2 requests: 2 passed, 0 failed")
      let xml = try Data(contentsOf: report)
      let parser = XMLParser(data: xml)
      #expect(parser.parse(), "the JUnit report is XML: \(String(decoding: xml, as: UTF8.self))")
      #expect(String(decoding: xml, as: UTF8.self).contains(#"tests="2" failures="0" errors="0""#))

      try Self.write(
        #"{"method": "GET", "url": "{{base}}/nope", "asserts": ["status == 200", "status ==== 2"]}"#, as: "3-fail",
        in: folder)
      let failing = try await runProgram(
        squall, ["requests", "test", "3-fail", "1-login"] + common + ["--report", "tap"])
      #expect(failing.status == 1, "an assert failed: \(failing.output)")
      #expect(
        failing.output.hasPrefix(
          """
          TAP version 13
          1..2
          not ok 1 - 3-fail
            ---
            failures:
              - "status == 200: got 404"
              - "assert \\"status ==== 2\\" does not read: column 10: status == wants a value
          """), "\(failing.output)")
      #expect(failing.output.contains("\nok 2 - 1-login\n"), "the named ones, in the order given")

      let unknown = try await runProgram(squall, ["requests", "test", "nope"] + common)
      #expect(unknown.status == 64, "an unknown name is a usage error")
      #expect(unknown.errorOutput.contains("no saved request named 'nope'"))
      let badReport = try await runProgram(squall, ["requests", "test"] + common + ["--report", "xml"])
      #expect(badReport.status == 64)
    }
    let closed = try await runProgram(
      squall, ["requests", "test", "1-login", "--collection", folder.path, "--base", "http://127.0.0.1:9"])
    #expect(closed.status == 2, "no answer: \(closed.output)")
    #expect(closed.output.contains("no answer: "))
  }

  /// A Hurl file taken from Hurl's documented format and a `.http` file import into a
  /// collection that `requests test` then runs against the echo app.
  @Test func importedHurlAndHTTPFilesRunAsTests() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("squall-import-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("SquallRequestsTests/Fixtures")
    let collection = ["--collection", folder.path]
    let hurl = try await runProgram(
      squall, ["requests", "import", fixtures.appendingPathComponent("api.hurl").path] + collection)
    #expect(hurl.status == 1, "one entry is refused")
    #expect(
      hurl.output.split(separator: "\n").map { $0.prefix { $0 != ":" } } == [
        "Saved create", "Saved api-2", "Saved form",
      ])
    #expect(hurl.errorOutput.contains("api.hurl:43: entry titled (line 40) not imported: Hurl's xpath query"))
    let again = try await runProgram(
      squall, ["requests", "import", fixtures.appendingPathComponent("api.hurl").path] + collection)
    #expect(again.errorOutput.contains("\"create\" is already saved; rename it (# name: …) or use --force"))
    let http = try await runProgram(
      squall, ["requests", "import", fixtures.appendingPathComponent("api.http").path] + collection)
    #expect(http.output.contains("Saved create-http: POST {{base}}/echo"))
    try await withServer(Examples.named("echo")!.makeApp(Settings(logFunction: { _ in }))) { port, _ async throws in
      let report = folder.appendingPathComponent("junit.xml")
      let run = try await runProgram(
        squall,
        ["requests", "test", "create", "api-2", "form", "create-http", "--base", "http://127.0.0.1:\(port)"]
          + collection + ["--report", "junit=\(report.path)"])
      #expect(run.status == 0, "\(run.output)")
      #expect(run.output.hasSuffix("4 requests: 4 passed, 0 failed\n"))
      #expect(XMLParser(data: try Data(contentsOf: report)).parse())
    }
    let exported = try await runProgram(squall, ["requests", "export", "create", "--as", "hurl"] + collection)
    #expect(
      exported.output.hasPrefix("POST {{base}}/echo\nContent-Type: application/json\n{"), "the header the file set")
    #expect(exported.output.contains("[Captures]\nmethod: jsonpath \"$.method\"\n[Asserts]\nstatus == 200\n"))
  }
}
