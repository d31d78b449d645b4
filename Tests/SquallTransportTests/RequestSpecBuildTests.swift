import Foundation
import Squall
import SquallRequests
import Testing

@testable import SquallTransport

/// A request file's request as Squall's client gets it: variables expanded, the body built
/// by its kind, problems said before anything is sent.
@Suite struct RequestSpecBuildTests {
  let variables = Variables.server(host: "127.0.0.1", port: 8888, user: ["token": "abc"])

  @Test func buildingFollowsTheBodyKind() throws {
    var spec = RequestSpec(
      method: "post", url: "{{base}}/echo?x=1",
      headers: [.init("X-Token", "{{token}}"), .init("Off", "1", enabled: false)])
    spec.bodyKind = .json
    spec.body = #"{"a": 1}"#
    var request = try spec.build(variables)
    #expect(request.url == "http://127.0.0.1:8888/echo?x=1" && request.method == "POST")
    #expect(request.headers["X-Token"] == ["abc"] && !request.headers.contains(name: "Off"))
    #expect(request.headers["Content-Type"] == ["application/json"])
    spec.bodyKind = .form
    spec.fields = [.init("name", "Ada Lovelace"), .init("x", "&")]
    request = try spec.build(variables)
    #expect(String(decoding: request.body ?? [], as: UTF8.self) == "name=Ada%20Lovelace&x=%26")
    #expect(request.headers["Content-Type"] == ["application/x-www-form-urlencoded"])
    spec.headers.append(.init("Content-Type", "text/x-mine"))
    #expect(try spec.build(variables).headers["Content-Type"] == ["text/x-mine"], "a header set by hand wins")
    spec.bodyKind = .multipart
    spec.headers.removeLast()
    spec.fields = [.init("who", "Ada"), .init("file", "/tmp/notes.txt", isFile: true)]
    request = try spec.build(variables, boundary: "B") { $0 == "/tmp/notes.txt" ? Array("hi".utf8) : nil }
    #expect(request.headers["Content-Type"] == ["multipart/form-data; boundary=B"])
    #expect(
      String(decoding: request.body ?? [], as: UTF8.self)
        == "--B\r\nContent-Disposition: form-data; name=\"who\"\r\n\r\nAda\r\n--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\nContent-Type: application/octet-stream\r\n\r\nhi\r\n--B--\r\n"
    )
    #expect(throws: RequestProblem("cannot read the file /tmp/notes.txt for the form field file")) {
      try spec.build(variables, boundary: "B") { _ in nil }
    }
    spec.bodyKind = .json
    spec.body = "{"
    #expect(throws: RequestProblem("JSON: line 1, column 2: expected a key in double quotes")) {
      try spec.build(variables)
    }
  }

  @Test func aHeaderReadingTheLastResponseNeedsOne() throws {
    let spec = RequestSpec(url: "{{base}}/", headers: [.init("If-None-Match", "{{response.header.Etag}}")])
    #expect(
      throws: RequestProblem(
        "header If-None-Match: {{response.header.Etag}} reads the last response: send a request first")
    ) {
      try spec.build(Variables.server(host: "127.0.0.1", port: 8888))
    }
    let last = Variables.response(status: 200, reason: "OK", headers: [("Etag", "\"abc\"")], body: [])
    let built = try spec.build(Variables(last.merging(["base": "http://127.0.0.1:8888"]) { $1 }))
    #expect(built.headers.first(name: "If-None-Match") == "\"abc\"")
  }
}
