import Foundation
import SquallChecks
import Testing

@testable import SquallRequests

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A saved request's asserts and captures against a response, and the reports made of them.
@Suite struct AssertTests {
  static let response = ResponseFacts(
    method: "POST", url: "http://127.0.0.1:8888/items/7?sort=new#top", status: 201, reason: "Created",
    headers: [("Content-Type", "application/json"), ("Location", "/items/7")],
    body: Array(#"{"id": 7, "tags": ["a", "b"], "owner": {"name": "Ada"}}"#.utf8), duration: 0.012)

  @Test func queriesReadTheResponse() {
    let read = { (text: String) in
      AssertVerdicts.query(text).map { Self.response.value(of: $0) }
    }
    #expect(read("status") == .success(.number(201)))
    #expect(read("path") == .success(.text("/items/7")))
    #expect(read("query") == .success(.text("sort=new")))
    #expect(read("header.LOCATION") == .success(.text("/items/7")), "a header by its name in any case")
    #expect(read("header.Vary") == .success(nil), "a header not sent is not there")
    #expect(read("$.tags[1]") == .success(.text("b")))
    #expect(read("$.owner.name") == .success(.text("Ada")))
    #expect(read("size") == .success(.number(Double(Self.response.body.count))))
    #expect(read("error") == .success(.text("none")))
  }

  @Test func assertsHoldOrSayWhatWasThere() {
    let verdicts = AssertVerdicts(
      asserts: ["status == 201", "$.id == 8", "duration < 10ms or $.owner.name == Ada", "status = 201"],
      captures: [.init("item", "header.Location"), .init("name", "$.owner.name"), .init("gone", "$.nope")],
      response: Self.response)
    #expect(verdicts.verdicts.map(\.held) == [true, false, true, false])
    #expect(verdicts.verdicts[1].outcome == .failed(["$.id == 8: got 7"]))
    guard case .unreadable(let error) = verdicts.verdicts[3].outcome else {
      Issue.record("a mistyped assert is reported, not passed")
      return
    }
    #expect(error.column == 8)
    #expect(verdicts.captured.map(\.name) == ["item", "name"])
    #expect(verdicts.captured.map(\.value) == ["/items/7", "Ada"])
    #expect(verdicts.captureProblems == ["gone: $.nope is not in the response"])
    #expect(!verdicts.passed)
  }

  @Test func exitStatusesAreWhatCIReads() {
    let spec = RequestSpec(asserts: ["status == 201"])
    let pass = RequestRun.decide(name: "a", spec: spec, response: Self.response, transportError: nil)
    var wrong = spec
    wrong.asserts = ["status == 200"]
    let fail = RequestRun.decide(name: "b", spec: wrong, response: Self.response, transportError: nil)
    let none = ResponseFacts(method: "GET", url: "http://127.0.0.1:9/", status: 599, error: "refused")
    let down = RequestRun.decide(name: "c", spec: spec, response: none, transportError: "refused")
    var expected = spec
    expected.asserts = ["error == refused"]
    let expectedDown = RequestRun.decide(name: "d", spec: expected, response: none, transportError: "refused")
    #expect(RequestRun.exitStatus([pass]) == 0)
    #expect(RequestRun.exitStatus([pass, fail]) == 1)
    #expect(RequestRun.exitStatus([fail, down]) == 2)
    #expect(expectedDown.passed, "a failure the asserts expect passes")
    #expect(RequestRun.exitStatus([RequestRun(name: "e", result: .notSent("x"))]) == 2)
  }

  /// Bytes from a server reach the report as text XML can hold and a terminal cannot misread.
  @Test func reportsEscapeWhatTheServerSent() throws {
    let hostile = ResponseFacts(
      method: "GET", url: "http://127.0.0.1:1/", status: 200, body: Array("<a>\u{1B}[31m&\u{0}\"#".utf8))
    let spec = RequestSpec(asserts: ["body == x"])
    let run = RequestRun.decide(name: "odd # <name>", spec: spec, response: hostile, transportError: nil)
    let xml = TestReports.junit([run], suite: "s&s")
    #expect(XMLParser(data: Data(xml.utf8)).parse(), "\(xml)")
    #expect(!xml.contains("\u{1B}") && !xml.contains("\u{0}"))
    let tap = TestReports.tap([run])
    #expect(tap.contains("not ok 1 - odd ＃ <name>"), "a # would start a TAP directive")
    #expect(!tap.contains("\u{1B}"))
    #expect(TestReports.lines(run).allSatisfy { !$0.contains("\u{1B}") })
  }

  /// Asserts and captures are kept in the request's file, and a file without them reads as before.
  @Test func assertsAndCapturesRoundTripThroughTheFile() throws {
    var spec = RequestSpec(url: "{{base}}/login")
    spec.asserts = ["status == 200"]
    spec.captures = [.init("token", "$.token")]
    let data = try JSONEncoder().encode(spec)
    #expect(try JSONDecoder().decode(RequestSpec.self, from: data) == spec)
    let plain = try JSONDecoder().decode(RequestSpec.self, from: Data(#"{"url": "{{base}}/"}"#.utf8))
    #expect(plain.asserts.isEmpty && plain.captures.isEmpty)
    #expect(!String(decoding: try JSONEncoder().encode(plain), as: UTF8.self).contains("asserts"))
  }

  /// Found in review: a refused connection passed when its asserts happened to hold.
  @Test func noAnswerPassesOnlyWhenTheAssertsExpectIt() {
    let none = ResponseFacts(method: "GET", url: "http://127.0.0.1:9/", status: 599, error: "refused")
    let lucky = RequestRun.decide(
      name: "a", spec: RequestSpec(asserts: ["status != 500", "duration < 1000ms"]), response: none,
      transportError: "refused")
    #expect(!lucky.passed && RequestRun.exitStatus([lucky]) == 2)
    let expected = RequestRun.decide(
      name: "b", spec: RequestSpec(asserts: ["status == 599"]), response: none, transportError: "refused")
    #expect(expected.passed)
    let wordy = RequestRun.decide(
      name: "c", spec: RequestSpec(asserts: [#"body != "error 599""#]), response: none, transportError: "refused")
    #expect(!wordy.passed, "the words error and 599 inside a value expect nothing")
    let capture = AssertVerdicts(asserts: [], captures: [.init("x", "body ==")], response: Self.response)
    #expect(capture.captureProblems.count == 1, "a capture reads one value, not a comparison")
  }
}
