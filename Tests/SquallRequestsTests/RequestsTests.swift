import Foundation
import Squall
import SquallExamples
import SquallStorage
import SquallTestSupport
import SquallValues
import Testing

@testable import SquallRequests

@Suite struct RequestsTests {
  let variables = Variables.server(host: "127.0.0.1", port: 8888, user: ["token": "abc"])

  @Test func variablesExpandAndUnknownOnesAreNamed() {
    #expect(variables.expand("{{base}}/x?t={{ token }}") == ("http://127.0.0.1:8888/x?t=abc", []))
    let (text, missing) = variables.expand("{{base}}/{{nope}}/{{nope}}")
    #expect(text == "http://127.0.0.1:8888/{{nope}}/{{nope}}" && missing == ["nope"])
    let spec = RequestSpec(url: "{{base}}/{{nope}}")
    #expect(
      spec.urlProblem(variables)
        == "unknown variable {{nope}}: define it (Options, a), or use {{base}}, {{port}} or {{response.…}}")
    #expect(RequestSpec(url: ":9000/a").resolvedURL(variables).url == "http://127.0.0.1:9000/a")
    // What is shown under the URL is what goes on the wire, non-ASCII percent-encoded.
    #expect(
      RequestSpec(url: "{{base}}/echo?q=café👨").wireURL(variables)
        == "http://127.0.0.1:8888/echo?q=caf%C3%A9%F0%9F%91%A8")
    #expect(
      RequestSpec(url: "{{base}}/a%20b?x=1").wireURL(variables) == "http://127.0.0.1:8888/a%20b?x=1", "kept as typed")
    #expect(RequestSpec(url: "http://exa mple/").urlProblem(variables)?.hasPrefix("not a valid URL") == true)
    #expect(
      RequestSpec(url: "ftp://x/").urlProblem(variables) == "unsupported URL scheme \"ftp\": use http:// or https://")
  }

  @Test func theQueryTableAndTheURLStayInSync() {
    let url = "{{base}}/search?q=caf%C3%A9+au+lait&page=2&flag#top"
    let rows = QueryParameters.rows(of: url)
    #expect(rows.map(\.name) == ["q", "page", "flag"])
    #expect(rows.map(\.value) == ["café au lait", "2", ""])
    var edited = rows
    edited[1].value = "3"
    edited[2].enabled = false
    edited.append(.init("a b", "x&y"))
    #expect(QueryParameters.url(url, with: edited) == "{{base}}/search?q=caf%C3%A9%20au%20lait&page=3&a%20b=x%26y#top")
    #expect(QueryParameters.url("{{base}}/x?a=1", with: []) == "{{base}}/x")
  }

  @Test func jsonProblemsSayWhere() {
    #expect(JSONCheck.problem(in: #"{"a": [1, 2.5e3, true, null, "x\u00e9"]}"#) == nil)
    #expect(JSONCheck.problem(in: "{\n  \"a\" 1\n}")?.description == "line 2, column 7: expected ':' after a key")
    #expect(JSONCheck.problem(in: #"{"a": 1,}"#)?.description == "line 1, column 9: a comma before } is not allowed")
    #expect(JSONCheck.problem(in: "{'a': 1}")?.description == "line 1, column 2: expected a key in double quotes")
    #expect(
      JSONCheck.problem(in: #"[1, 2"#)?.description
        == "line 1, column 6: the text ends; expected ',' or ']' after a value in an array")
    #expect(
      JSONCheck.problem(in: #""abc"#)?.description
        == "line 1, column 5: the text ends inside a string; a closing \" is missing")
    #expect(JSONCheck.problem(in: "01")?.description == "line 1, column 2: numbers cannot start with 0")
    #expect(JSONCheck.problem(in: "{} x")?.description == "line 1, column 4: unexpected text after the JSON value")
  }

  @Test func curlCommandsImportWithTheirQuoting() throws {
    let spec = try CurlImport.parse(
      #"curl -X PUT 'http://127.0.0.1:8888/echo?a=1' -H "X-A: \"q\"" -H 'Accept: */*' --data-raw $'line\none' -u ada:pw -L --max-time 3"#
    )
    #expect(spec.method == "PUT" && spec.url == "http://127.0.0.1:8888/echo?a=1")
    #expect(spec.headers.map(\.name) == ["X-A", "Accept", "Content-Type"])
    #expect(spec.header("X-A") == #""q""#)
    #expect(spec.bodyKind == .raw && spec.body == "line\none")
    #expect(spec.username == "ada" && spec.password == "pw")
    #expect(spec.options.followRedirects == true && spec.options.requestTimeout == 3)
    let json = try CurlImport.parse("curl --json '{\"a\": 1}' \\\n  http://x/")
    #expect(json.method == "POST" && json.bodyKind == .json && json.body == #"{"a": 1}"#)
    let form = try CurlImport.parse("curl http://x/ --data-urlencode 'name=Ada Lovelace' --data-urlencode q=1")
    #expect(form.bodyKind == .form && form.fields == [.init("name", "Ada Lovelace"), .init("q", "1")])
    let multipart = try CurlImport.parse("curl -F who=Ada -F 'doc=@/tmp/a b.txt;type=text/plain' http://x/")
    #expect(
      multipart.bodyKind == .multipart
        && multipart.fields == [.init("who", "Ada"), .init("doc", "/tmp/a b.txt", isFile: true)])
    #expect(throws: RequestProblem("curl option --proxy is not supported here")) {
      try CurlImport.parse("curl --proxy p http://x/")
    }
    #expect(throws: RequestProblem("cannot read the command: a ' quote is not closed")) {
      try CurlImport.parse("curl 'http://x/")
    }
    #expect(throws: RequestProblem("the command has no URL")) { try CurlImport.parse("curl -s") }
  }

  @Test func curlExportImportsBackToTheSameRequest() throws {
    var spec = RequestSpec(method: "PATCH", url: "{{base}}/items/7?x=a b", headers: [.init("X-Quote", "it's \"fine\"")])
    spec.bodyKind = .json
    spec.body = #"{"name": "O'Brien"}"#
    spec.username = "ada"
    spec.password = "p w"
    spec.options = .init(requestTimeout: 2.5, connectTimeout: 1, followRedirects: true, maxRedirects: 3)
    let command = RequestExport.curl.render(spec, variables)
    var back = try CurlImport.parse(command)
    #expect(back.url == "http://127.0.0.1:8888/items/7?x=a b")
    back.url = spec.url
    back.headers.removeAll { $0.name == "Accept" }  // curl's --json adds it; import keeps it visible
    #expect(back == spec, "\(command)")
    for kind in [RequestSpec.BodyKind.form, .multipart] {
      var other = RequestSpec(method: "POST", url: "http://x/")
      other.bodyKind = kind
      other.fields = [.init("a", "1 & 2"), .init("b", "ü")]
      #expect(try CurlImport.parse(RequestExport.curl.render(other, variables)) == other)
    }
  }

  @Test func swiftExportReadsLikeTheTwin() {
    var spec = RequestSpec(method: "POST", url: "{{base}}/echo")
    spec.bodyKind = .json
    spec.body = "{\"a\": \"\\n\"}"
    spec.options.requestTimeout = 5
    let code = RequestExport.swift.render(spec, variables)
    #expect(code.contains(#"var request = HTTPRequest("http://127.0.0.1:8888/echo", method: "POST")"#))
    #expect(code.contains(#"request.headers.add(name: "Content-Type", value: "application/json")"#))
    #expect(code.contains(#"request.body = Array("{\"a\": \"\\n\"}".utf8)"#))
    #expect(code.contains("request.requestTimeout = 5"))
    #expect(code.contains("let response = try await client.fetch(request, raiseError: false)"))
  }

  @Test func aCollectionIsAFolderOfReadableFiles() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("squall-collection-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let collection = RequestCollection(folder: folder)
    #expect(collection.names().isEmpty)
    var spec = RequestSpec(method: "POST", url: "{{base}}/echo", headers: [.init("X-A", "1", enabled: false)])
    spec.bodyKind = .json
    spec.body = "{}"
    try collection.save(spec, as: "create item")
    try collection.save(RequestSpec(), as: "home")
    #expect(collection.names() == ["create item", "home"])
    #expect(try collection.load("create item") == spec)
    let text = try String(contentsOf: folder.appendingPathComponent("create item.json"), encoding: .utf8)
    #expect(
      text
        == "{\n  \"body\" : \"{}\",\n  \"body_kind\" : \"json\",\n  \"headers\" : [\n    {\n      \"enabled\" : false,\n      \"name\" : \"X-A\",\n      \"value\" : \"1\"\n    }\n  ],\n  \"method\" : \"POST\",\n  \"url\" : \"{{base}}/echo\"\n}\n"
    )
    #expect(throws: RequestProblem("a request name uses letters, digits, spaces, - _ and . (not starting with .)")) {
      try collection.save(spec, as: "../escape")
    }
    try Data("{ not json".utf8).write(to: folder.appendingPathComponent("broken.json"))
    #expect(throws: RequestProblem.self) { try collection.load("broken") }
    #expect(
      FileManager.default.fileExists(atPath: folder.appendingPathComponent("broken.json").path),
      "never moved or emptied")
  }

  @Test func aCorruptJSONFileIsSetAsideWithAMessage() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("squall-atomic-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("history.json")
    try AtomicFile.writeJSON([1, 2], to: file)
    #expect(AtomicFile.readJSON([Int].self, from: file).value == [1, 2])
    try Data("[1, 2".utf8).write(to: file)
    let (value, problem) = AtomicFile.readJSON([Int].self, from: file)
    #expect(value == nil && problem?.contains("moved it to history.json.corrupt-") == true)
    let kept = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasPrefix("history.json.corrupt-")
    }
    #expect(kept.count == 1)
    #expect(try Data(contentsOf: folder.appendingPathComponent(kept[0])) == Data("[1, 2".utf8), "the bytes are kept")
  }

  @Test func thePythonExportRunsUnchangedWithTornado() async throws {
    // The python3 on PATH first (where pip installed Tornado), then the usual places.
    let candidates =
      (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/python3" }
      + ["/usr/local/bin/python3", "/usr/bin/python3"]
    guard let python = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) })
    else {
      Issue.record("python3 is needed")
      return
    }
    let check = try await runProgram(python, ["-c", "import tornado"])
    guard check.status == 0 else {
      #expect(ProcessInfo.processInfo.environment["SQUALL_REQUIRE_TORNADO"] != "1", "pip install tornado")
      return
    }
    let server = HTTPServer(Examples.named("echo")!.makeApp(Settings(logFunction: { _ in })))
    try await server.listen(0)
    let port = server.ports[0]
    var spec = RequestSpec(method: "POST", url: "{{base}}/echo?lesson=9", headers: [.init("X-Lesson", "9")])
    spec.bodyKind = .form
    spec.fields = [.init("name", "Ada Lovelace")]
    let code = RequestExport.python.render(spec, Variables.server(host: "127.0.0.1", port: port))
    let result = try await runProgram(python, ["-c", code], timeout: 30)
    await server.stop()
    await server.closeAllConnections()
    #expect(result.status == 0, "\(result.errorOutput)")
    #expect(result.output.hasPrefix("b'{"), "the seed's handle_response prints response.body")
    #expect(result.output.contains(#""body": "name=Ada+Lovelace""#))
    #expect(result.output.contains(#""X-Lesson": "9""#))
    #expect(result.output.contains(#""method": "POST""#))
  }
}
