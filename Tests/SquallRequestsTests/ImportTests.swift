import Foundation
import Testing

@testable import SquallRequests

/// Hurl and `.http` files read as saved requests, what is refused said with its line, and a
/// request written back as Hurl reads back the same.
@Suite struct ImportTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

  static func text(_ name: String) throws -> String {
    try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
  }

  @Test func hurlEntriesBecomeRequestsWithAssertsAndCaptures() throws {
    let imported = HurlImport.parse(try Self.text("api.hurl"), stem: "api")
    #expect(imported.entries.map(\.name) == ["create", "api-2", "form"], "\(imported.notes)")
    try #require(imported.entries.count == 3)
    let create = imported.entries[0].spec
    #expect(create.method == "POST" && create.url == "{{base}}/echo" && create.bodyKind == .json)
    #expect(create.body.hasPrefix("{\n  \"id\": \"4568\""))
    #expect(
      create.asserts == [
        "status == 200", #"header.Content-Type == "application/json; charset=UTF-8""#,
        #"header.Content-Type contains json"#, "$.method == POST", "$.path == /echo", "not $.nope exists",
        "duration < 5000ms",
      ])
    #expect(create.captures == [.init("method", "$.method")])
    let second = imported.entries[1].spec
    #expect(second.url == "{{base}}/echo?from={{method}}&page=2")
    #expect(second.asserts.contains("size > 10"))
    let form = imported.entries[2].spec
    #expect(form.bodyKind == .form && form.fields == [.init("user", "ada")])
    #expect(form.asserts.last == #"$.body matches "user=a.a""#)
    #expect(imported.notes.count == 1)
    #expect(imported.notes[0].refused && imported.notes[0].line == 43)
    #expect(imported.notes[0].message.contains("xpath query has no Squall equivalent"))
  }

  @Test func httpFilesBecomeRequests() throws {
    let imported = HTTPFileImport.parse(try Self.text("api.http"), stem: "api")
    #expect(imported.entries.map(\.name) == ["create-http", "api-2", "form body"])
    #expect(imported.entries[0].spec.bodyKind == .json && imported.entries[0].spec.body == #"{"a": 1}"#)
    #expect(imported.entries[1].spec.url == "{{base}}/echo?x=1&y=2")
    #expect(imported.entries[1].spec.headers == [.init("Accept", "application/json")])
    #expect(imported.entries[2].spec.fields == [.init("name", "Ada L"), .init("lang", "swift")])
    #expect(
      imported.notes.map(\.description) == [
        "line 1: file variable @base is not kept: give it with --var base=…",
        "line 26: entry from a file (line 23) not imported: a body read from a file (< PATH) is not supported; "
          + "paste the body itself",
      ])
  }

  /// Written as Hurl and read back, a request is the same request.
  @Test func hurlExportReadsBackTheSame() throws {
    for entry in HurlImport.parse(try Self.text("api.hurl"), stem: "api").entries {
      let written = RequestExport.hurl.render(entry.spec, Variables())
      let again = HurlImport.parse(written, stem: "again")
      #expect(again.notes.isEmpty, "\(written)")
      var expected = entry.spec
      // An implicit header assert comes back as the same assert.
      expected.asserts = entry.spec.asserts
      #expect(again.entries.first?.spec == expected, "\(written)")
    }
    let or = RequestSpec(url: "{{base}}/", asserts: ["status == 200 or status == 201", "reason == OK"])
    let written = RequestExport.hurl.render(or, Variables())
    #expect(written.contains("# not exported (Hurl cannot say it): status == 200 or status == 201"))
    #expect(written.contains("# not exported (Hurl cannot say it): reason == OK"))
  }

  @Test(arguments: [
    ("GET http://x/\nHTTP 200\n[Asserts]\njsonpath \"$..id\" exists\n", "Squall reads $.a.b[0] paths"),
    ("GET http://x/\nHTTP 200\n[Asserts]\nstatus isInteger\n", "\"isInteger\" is not supported"),
    ("GET http://x/\nHTTP 200\n[Asserts]\njsonpath \"$.n\" count == 2\n", "\"count\" is not supported"),
    ("GET http://x/\n[Options]\nlocation: true\n", "[Options] is not supported here"),
    ("POST http://x/\nfile,data.bin;\n", "a file, body is not supported"),
    ("GET http://x/\nHTTP 200\n[Asserts]\nheader \"X\" == {{v}}\n", "is not a value"),
  ])
  func whatHurlHasAndSquallNotIsRefusedWithWhy(text: String, why: String) {
    let imported = HurlImport.parse(text, stem: "x")
    #expect(imported.entries.isEmpty)
    #expect(imported.notes.first?.refused == true)
    #expect(imported.notes.first?.message.contains(why) == true, "\(imported.notes)")
  }

  /// Found by the fuzz harness: Swift's `Character` holds CRLF as one, so a file with Windows
  /// line ends was read as one line. Both formats read CRLF files as LF ones.
  @Test func filesWithWindowsLineEndsImport() {
    let http =
      "### get\r\nGET http://127.0.0.1:8888/a\r\nAccept: text/plain\r\n\r\n### post\r\nPOST http://127.0.0.1:8888/b\r\n"
    let entries = HTTPFileImport.parse(http, stem: "w").entries
    #expect(entries.map(\.spec.url) == ["http://127.0.0.1:8888/a", "http://127.0.0.1:8888/b"])
    #expect(entries.first?.spec.headers.first?.value == "text/plain", "no CR left in a value")
    let hurl = "GET http://127.0.0.1:8888/a\r\nAccept: text/plain\r\nHTTP 200\r\n"
    #expect(HurlImport.parse(hurl, stem: "w").entries.first?.spec.headers.first?.value == "text/plain")
  }

  /// Every input the fuzz harness ever failed on (`Fuzz/Corpus/imports`): notes name lines of
  /// the file, and what Hurl can say reads back the same.
  @Test func everyInputThatOnceFailedHolds() throws {
    let corpus = Self.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fuzz/Corpus/imports")
    let files = try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter {
      $0.hasPrefix("imports-crash-")
    }
    #expect(files.count >= 6)
    for file in files {
      let source = String(decoding: try Data(contentsOf: corpus.appendingPathComponent(file)), as: UTF8.self)
      let lines = source.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).count
      for imported in [HurlImport.parse(source, stem: "f"), HTTPFileImport.parse(source, stem: "f")] {
        #expect(imported.notes.allSatisfy { (1...max(lines, 1)).contains($0.line) }, "\(file)")
      }
      for entry in HurlImport.parse(source, stem: "f").entries {
        let written = RequestExport.hurl.render(entry.spec, Variables())
        if written.contains("# not exported") { continue }
        #expect(HurlImport.parse(written, stem: "g").entries.first?.spec == entry.spec, "\(file)")
      }
    }
  }

  /// Found in review: a form body of `=` trapped.
  @Test func aFormBodyWithoutNamesDoesNotTrap() {
    let imported = HTTPFileImport.parse(
      "POST http://x/\nContent-Type: application/x-www-form-urlencoded\n\n=&a=1&=2\n", stem: "f")
    #expect(imported.entries.first?.spec.fields == [.init("a", "1")])
  }

  /// Found in review: a body after a section was read as the section's NAME: VALUE lines.
  @Test func aBodyAfterASectionIsTheBody() {
    let imported = HurlImport.parse("POST http://x/\n[BasicAuth]\nada: pw\n{\"a\": 1}\n", stem: "f")
    let spec = imported.entries.first?.spec
    #expect(spec?.username == "ada" && spec?.password == "pw")
    #expect(spec?.bodyKind == .json && spec?.body == #"{"a": 1}"#)
    let two = HurlImport.parse("POST http://x/\n`one`\n[Form]\na: 1\n", stem: "f")
    #expect(two.entries.isEmpty && two.notes.first?.message.contains("an entry has one body") == true)
  }
}
