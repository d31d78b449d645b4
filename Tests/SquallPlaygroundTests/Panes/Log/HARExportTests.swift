import Foundation
import Squall
import SquallExamples
import SquallTestSupport
import SquallValues
import Testing

@testable import SquallPlayground
@testable import SquallPlaygroundCore

/// A HAR export of real traffic, served and sent: every field HAR 1.2 requires, and what
/// HTTPolice (`pip install httpolice "bitstring<4"`) says of it.
@Suite struct HARExportTests {
  /// HAR 1.2's required fields, per object.
  static let required: [String: [String]] = [
    "log": ["version", "creator", "entries"],
    "creator": ["name", "version"],
    "entry": ["startedDateTime", "time", "request", "response", "cache", "timings"],
    "request": ["method", "url", "httpVersion", "cookies", "headers", "queryString", "headersSize", "bodySize"],
    "response": [
      "status", "statusText", "httpVersion", "cookies", "headers", "content", "redirectURL", "headersSize", "bodySize",
    ],
    "content": ["size", "mimeType"],
    "timings": ["send", "wait", "receive"],
    "postData": ["mimeType", "text"],
  ]

  /// Real entries: the seed's app serving a GET and a POST (405), and the client's GET.
  func realEntries() async throws -> [LogEntry] {
    let server = HTTPServer(Examples.named("hello")!.makeApp(Settings(logFunction: { _ in })))
    let events = server.events.stream()
    try await server.listen(0)
    let port = server.ports[0]
    let client = AsyncHTTPClient()
    var entries: [LogEntry] = []
    for request in [
      HTTPRequest("http://127.0.0.1:\(port)/"), HTTPRequest("http://127.0.0.1:\(port)/", method: "POST", body: "a=1"),
    ] {
      var request = request
      request.recordSentHead = true  // as the builder sends them
      let response = try await client.fetch(request, raiseError: false)
      entries.append(LogEntry(response, finishedAt: Date()))
    }
    await client.close()
    // Both exchanges were published before their responses went out; wait a bounded time anyway.
    let served = try await withThrowingTaskGroup(of: [LogEntry].self) { group in
      group.addTask {
        var found: [LogEntry] = []
        for await event in events {
          if case .exchangeCompleted(let exchange) = event { found.append(LogEntry(exchange)) }
          if found.count == 2 { break }
        }
        return found
      }
      group.addTask {
        try await Task.sleep(for: .seconds(5))
        return []
      }
      let first = try await group.next() ?? []
      group.cancelAll()
      return first
    }
    #expect(served.count == 2, "the server published its two exchanges within 5 s")
    entries += served
    await server.stop()
    await server.closeAllConnections()
    return entries
  }

  @Test func anExportOfRealTrafficHasEveryRequiredFieldAndPassesHTTPolice() async throws {
    let entries = try await realEntries()
    let data = try HAR.data(entries, creatorVersion: SquallVersion.number)
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let log = try #require(json["log"] as? [String: Any])
    check(log, as: "log")
    check(try #require(log["creator"] as? [String: Any]), as: "creator")
    let items = try #require(log["entries"] as? [[String: Any]])
    #expect(items.count == 4)
    for item in items {
      check(item, as: "entry")
      let request = try #require(item["request"] as? [String: Any])
      check(request, as: "request")
      if let post = request["postData"] as? [String: Any] { check(post, as: "postData") }
      let response = try #require(item["response"] as? [String: Any])
      check(response, as: "response")
      check(try #require(response["content"] as? [String: Any]), as: "content")
      check(try #require(item["timings"] as? [String: Any]), as: "timings")
      let headers = try #require(request["headers"] as? [[String: String]])
      #expect(headers.contains { $0["name"]?.lowercased() == "host" }, "every request carries its Host header")
    }
    // The builder's POST / and the server's: 405 with Allow.
    let allows = items.compactMap { item -> String? in
      let response = item["response"] as? [String: Any]
      guard response?["status"] as? Int == 405 else { return nil }
      return (response?["headers"] as? [[String: String]])?.first { $0["name"] == "Allow" }?["value"]
    }
    #expect(allows == ["GET", "GET"])

    guard let httpolice = Self.httpolice() else {
      #expect(
        ProcessInfo.processInfo.environment["SQUALL_REQUIRE_HTTPOLICE"] != "1",
        "httpolice is required here: pip install httpolice 'bitstring<4'")
      return
    }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("squall-\(UUID()).har")
    try data.write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let report = try await runProgram(httpolice, ["-i", "har", "-o", "text", "--fail-on", "error", file.path])
    #expect(report.status == 0, "HTTPolice found errors:\n\(report.output)\(report.errorOutput)")
    #expect(!report.output.contains("Missing Host header"))
    #expect(!report.output.contains("needs an Allow header"))
  }

  private func check(_ object: [String: Any], as kind: String) {
    for field in Self.required[kind] ?? [] { #expect(object[field] != nil, "HAR 1.2 requires \(kind).\(field)") }
  }

  static func httpolice() -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    return path.split(separator: ":").map { "\($0)/httpolice" }.first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }

}
