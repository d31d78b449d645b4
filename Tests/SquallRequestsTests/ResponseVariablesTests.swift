import Foundation
import Squall
import SquallStorage
import SquallValues
import Testing

@testable import SquallRequests

/// Values from the last response, without retyping: `{{response.status}}`,
/// `{{response.header.NAME}}` (any case), `{{response.json.PATH}}`, `{{response.body}}`.
@Suite struct ResponseVariablesTests {
  static let body = Array(#"{"items": [{"id": 7, "price": 2.50}], "name": "caf\u00e9", "ok": true}"#.utf8)

  static var variables: Variables {
    Variables(
      Variables.response(
        status: 200, reason: "OK", headers: [("Etag", "\"abc\""), ("Content-Type", "application/json")], body: body))
  }

  @Test func theLastResponseFillsTheVariables() {
    let variables = Self.variables
    #expect(variables.expand("{{response.status}} {{ response.reason }}").text == "200 OK")
    #expect(variables.expand("{{response.header.Etag}}").text == "\"abc\"", "quotes included")
    #expect(variables.expand("{{response.header.etag}}").text == "\"abc\"", "any case")
    #expect(variables.expand("{{response.json.items[0].id}}").text == "7")
    #expect(variables.expand("{{response.json.items[0].price}}").text == "2.50", "the number as sent")
    #expect(variables.expand("{{response.json.name}}").text == "café", "a string's text, escapes decoded")
    #expect(variables.expand("{{response.json.items[0]}}").text == #"{"id": 7, "price": 2.50}"#)
    #expect(variables.expand("{{response.body}}").text == String(decoding: Self.body, as: UTF8.self))
  }

  @Test func aMissingValueSaysWhy() {
    let variables = Self.variables
    #expect(variables.whyMissing("response.header.X-Nope") == "the last response has no header X-Nope")
    #expect(variables.whyMissing("response.json.items[3]") == "the last response's JSON has nothing at items[3]")
    #expect(
      Variables().whyMissing("response.status") == "{{response.status}} reads the last response: send a request first")
    #expect(
      Variables().whyMissing("nope")
        == "unknown variable {{nope}}: define it (Options, a), or use {{base}}, {{port}} or {{response.…}}")
  }

  @Test func pathsOfNestedJSON() {
    let paths = JSONPaths.flatten(Array(#"[{"a": {"b": [1, "x\n"]}}, null]"#.utf8))
    #expect(paths.map(\.path) == ["[0].a.b[0]", "[0].a.b[1]", "[0].a.b", "[0].a", "[0]", "[1]"])
    #expect(JSONPaths.value(Array(#"[{"a": {"b": [1, "x\n"]}}]"#.utf8), at: "[0].a.b[1]") == "x\n")
    #expect(JSONPaths.flatten(Array("not json".utf8)).isEmpty)
    #expect(JSONPaths.value(Array(#"{"e": "\ud83d\ude00"}"#.utf8), at: "e") == "😀", "a surrogate pair")
  }
}

/// `{{NAME.response.…}}`: a saved request's last response, kept beside the collection.
@Suite struct SavedResponseTests {
  @Test func aSavedRequestsLastResponseIsReadByName() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("squall-saved-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let collection = RequestCollection(folder: folder)
    let saved = SavedResponse(
      status: 201, reason: "Created", headers: [("Etag", "\"v1\"")], body: Array(#"{"id": 7}"#.utf8),
      receivedAt: Date(timeIntervalSince1970: 0))
    try collection.saveResponse(saved, for: "get item")
    let (values, problem) = collection.savedResponseVariables()
    #expect(problem == nil)
    let variables = Variables(values)
    #expect(variables.expand("{{get item.response.status}} {{get item.response.json.id}}").text == "201 7")
    #expect(variables.expand("{{get item.response.header.ETAG}}").text == "\"v1\"", "a header in any case")
    #expect(variables.value(of: "get ITEM.response.status") == nil, "the request's name as saved")
    #expect(
      variables.whyMissing("login.response.status")
        == "{{login.response.status}} reads the last response of the saved request \"login\": send it once first "
        + "(o opens it; or squall requests send \"login\")")
    #expect(
      variables.whyMissing("get item.response.header.X-Nope")
        == "the last response of \"get item\" has no header X-Nope")
    #expect(RequestCollection(folder: folder).names().isEmpty, "responses are not requests")
    // A body that was not kept (over 1 MB, or binary) gives no {{NAME.response.body}}, not "".
    let big = SavedResponse(status: 200, reason: "OK", headers: [], body: nil, receivedAt: Date())
    #expect(
      big.variables(of: "big")["big.response.body"] == nil && big.variables(of: "big")["big.response.status"] == "200")
    let binary = SavedResponse(status: 200, reason: "OK", headers: [], body: [0xFF, 0xFE], receivedAt: Date())
    #expect(binary.body == nil && binary.variables(of: "b")["b.response.body"] == nil)
    // A corrupt file is set aside and said; the others still count.
    try Data("{".utf8).write(to: collection.responsesFolder.appendingPathComponent("bad.json"))
    let again = collection.savedResponseVariables()
    #expect(again.values["get item.response.status"] == "201")
    #expect(again.problem?.contains("moved it to bad.json.corrupt-") == true)
  }
}
