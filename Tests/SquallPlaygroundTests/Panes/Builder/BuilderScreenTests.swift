import Foundation
import Squall
import SquallRequests
import Testing

@testable import SquallPlayground
@testable import SquallPlaygroundCore

/// The request builder's main states as golden screens (zoomed, as a learner composes), at
/// 80x24 and 120x40.
@Suite struct BuilderScreenTests {
  let golden = GoldenScreenTests()

  static func builder(_ width: Int, _ height: Int, _ setUp: (inout PlaygroundState) -> Void) -> PlaygroundState {
    var state = Fixtures.state(width: width, height: height)
    state.focus = .builder
    state.zoomed = true
    state.now = Fixtures.noon
    setUp(&state)
    return state
  }

  static func type(_ text: String, _ state: inout PlaygroundState) {
    for character in text { _ = update(&state, .key(.character(character))) }
  }

  static func response(status: Int = 200, reason: String = "OK", body: String, type: String) -> BuilderResponse {
    var entry = LogEntry(
      time: Fixtures.noon, direction: .fetched, method: "POST", target: "http://127.0.0.1:8888/echo", status: status,
      reason: reason,
      requestHeaders: [
        ("X-Lesson", "9"), ("User-Agent", "Squall/0.1.0"), ("host", "127.0.0.1:8888"), ("Content-Length", "8"),
        ("Accept-Encoding", "deflate, gzip"),
      ],
      requestBody: Array(#"{"a": 1}"#.utf8), requestBodySize: 8,
      responseHeaders: [
        ("Server", "SquallServer/0.1.0"), ("Content-Type", type), ("Date", "Wed, 25 Nov 2025 12:00:00 GMT"),
        ("Content-Length", String(body.utf8.count)),
      ], responseBody: Array(body.utf8), responseBodySize: body.utf8.count, duration: 0.0034)
    entry.requestTarget = "/echo"
    return BuilderResponse(entry: entry, firstByte: 0.0021, effectiveURL: "http://127.0.0.1:8888/echo")
  }

  @Test func aJSONBodyBeingTypedWithItsProblem() throws {
    try golden.check("builder-json-body") { width, height in
      Self.builder(width, height) { state in
        _ = update(&state, .key(.character("3")))
        _ = update(&state, .key(.character("k")))
        _ = update(&state, .key(.character("k")))
        state.builder.spec.body = ""
        _ = update(&state, .key(.character("e")))
        Self.type("{\"name\": \"Ada\",", &state)
        _ = update(&state, .key(.enter))
        Self.type("  \"langs\" [\"swift\"]}", &state)
      }
    }
  }

  @Test func formAndHeadersWithWhatTheClientAdds() throws {
    try golden.check("builder-headers") { width, height in
      Self.builder(width, height) { state in
        state.builder.spec = RequestSpec(
          method: "POST", url: "{{base}}/echo?lesson=3",
          headers: [.init("X-Lesson", "3"), .init("Accept", "application/json", enabled: false)], bodyKind: .form,
          fields: [.init("name", "Ada Lovelace")])
        _ = update(&state, .key(.character("2")))
        _ = update(&state, .key(.character("a")))
        Self.type("Cont", &state)
      }
    }
  }

  @Test func aFormBodyAndARawBody() throws {
    try golden.check("builder-form") { width, height in
      Self.builder(width, height) { state in
        state.builder.spec = RequestSpec(
          method: "POST", url: "{{base}}/form", bodyKind: .form,
          fields: [.init("name", "Ada Lovelace"), .init("lang", "swift", enabled: false)])
        _ = update(&state, .key(.character("3")))
      }
    }
    try golden.check("builder-raw") { width, height in
      Self.builder(width, height) { state in
        state.builder.spec = RequestSpec(
          method: "PUT", url: "{{base}}/echo", bodyKind: .raw, body: "line one\n  indented two")
        _ = update(&state, .key(.character("3")))
      }
    }
  }

  @Test func everyErrorSaysWhatToTryNext() {
    let cases: [(String, String)] = [
      ("Connection refused: nothing listens at http://x/; is the server running?", "start the server"),
      ("Timeout during request (requestTimeout 1.0s)", "Raise requestTimeout"),
      ("invalid URL \"x\": expected something like http://127.0.0.1:8888/", "Fix the URL"),
      ("Connection reset by the server before the response was complete", "the Log pane (F3) for its side"),
      ("TLS failure talking to https://127.0.0.1:8888/", "plain http://"),
      ("Too many redirects: more than maxRedirects (5); raise it", "raise maxRedirects"),
      (
        "Redirect loop: http://x/loop redirects back to a URL already visited",
        "raise maxRedirects or turn followRedirects off"
      ),
    ]
    for (error, advice) in cases {
      var entry = LogEntry(
        time: Fixtures.noon, direction: .fetched, method: "GET", target: "http://x/", status: 599, reason: "")
      entry.error = error
      let lines = BuilderResponseView.errorLines(error, entry: entry, cancelled: false, width: 300).map(\.text).joined(
        separator: " ")
      #expect(lines.contains(advice), "\(error) → \(lines)")
      #expect(lines.hasPrefix("✗ 599 "), "the code as the client reports it")
    }
  }

  @Test func aMultipartBodyWithAFile() throws {
    try golden.check("builder-multipart") { width, height in
      Self.builder(width, height) { state in
        state.builder.spec = RequestSpec(
          method: "POST", url: "{{base}}/echo", bodyKind: .multipart,
          fields: [.init("who", "Ada"), .init("notes", "/tmp/notes.txt", isFile: true)])
        _ = update(&state, .key(.character("3")))
      }
    }
  }

  @Test func inFlightWithElapsedTime() throws {
    try golden.check("builder-in-flight") { width, height in
      Self.builder(width, height) { state in
        state.builder.spec.url = "{{base}}/slow?delay=5"
        _ = update(&state, .key(.control("r")))
        _ = update(&state, .clock(Fixtures.noon.addingTimeInterval(3.2)))
      }
    }
  }

  @Test func aRefusedConnectionInFullWithWhatToTry() throws {
    try golden.check("builder-refused") { width, height in
      Self.builder(width, height) { state in
        state.builder.spec.url = "http://127.0.0.1:9/"
        _ = update(&state, .key(.control("r")))
        var entry = LogEntry(
          time: Fixtures.noon, direction: .fetched, method: "GET", target: "http://127.0.0.1:9/", status: 599,
          reason: "Unknown", duration: 0.0008)
        entry.error = "Connection refused: nothing listens at http://127.0.0.1:9/; is the server running?"
        _ = update(&state, .fetched(id: 1, response: BuilderResponse(entry: entry, firstByte: nil, effectiveURL: "")))
      }
    }
  }

  @Test func aRawBodyAndATimeout() throws {
    try golden.check("builder-timeout") { width, height in
      Self.builder(width, height) { state in
        state.builder.spec = RequestSpec(
          method: "PUT", url: "{{base}}/slow?delay=3", bodyKind: .raw, body: "plain text\nsecond line")
        state.builder.spec.options.requestTimeout = 1
        _ = update(&state, .key(.character("3")))
        _ = update(&state, .key(.control("r")))
        var entry = LogEntry(
          time: Fixtures.noon, direction: .fetched, method: "PUT", target: "http://127.0.0.1:8888/slow?delay=3",
          status: 599, reason: "Unknown", duration: 1.0)
        entry.error = "Timeout during request (requestTimeout 1.0s)"
        _ = update(&state, .fetched(id: 1, response: BuilderResponse(entry: entry, firstByte: nil, effectiveURL: "")))
      }
    }
  }

  @Test func anInvalidURLIsSaidAsItIsTyped() throws {
    try golden.check("builder-invalid-url") { width, height in
      Self.builder(width, height) { state in
        _ = update(&state, .key(.character("u")))
        _ = update(&state, .key(.control("u")))
        Self.type("{{bse}}/items", &state)
      }
    }
  }

  @Test func aJSONResponseColouredAndFolded() throws {
    try golden.check("builder-json-response") { width, height in
      Self.builder(width, height) { state in
        _ = update(&state, .key(.control("r")))
        let body =
          #"{"method": "POST", "path": "/echo", "arguments": {"lesson": ["9"]}, "n": 1.0, "big": 12345678901234567890}"#
        _ = update(
          &state, .fetched(id: 1, response: Self.response(body: body, type: "application/json; charset=UTF-8")))
        _ = update(&state, .key(.character("-")))
      }
    }
  }

  @Test func theHeadersTabShowsBothHeads() throws {
    try golden.check("builder-headers-tab") { width, height in
      Self.builder(width, height) { state in
        _ = update(&state, .key(.control("r")))
        _ = update(&state, .fetched(id: 1, response: Self.response(body: "ok", type: "text/plain")))
        _ = update(&state, .key(.character("]")))
      }
    }
  }

  /// A saved request's asserts decided on the answer: the status line counts them, the
  /// Asserts tab says each verdict and what was there.
  @Test func theAssertsTabDecidesTheRequestsAsserts() throws {
    try golden.check("builder-asserts-tab") { width, height in
      Self.builder(width, height) { state in
        state.builder.spec.asserts = [
          "status == 200", "$.method == POST", "$.n > 5", "header.Content-Type contains json", "status = 200",
        ]
        state.builder.spec.captures = [.init("path", "$.path"), .init("token", "$.token")]
        _ = update(&state, .key(.control("r")))
        let body = #"{"method": "POST", "path": "/echo", "n": 1}"#
        _ = update(
          &state, .fetched(id: 1, response: Self.response(body: body, type: "application/json; charset=UTF-8")))
        for _ in 0..<5 { _ = update(&state, .key(.character("]"))) }
      }
    }
    var state = Self.builder(80, 24) { _ in }
    state.builder.spec.asserts = ["status == 200"]
    _ = update(&state, .key(.control("r")))
    _ = update(&state, .fetched(id: 1, response: Self.response(body: "ok", type: "text/plain")))
    #expect(state.builder.assertVerdicts?.passed == true)
    #expect(BuilderResponseView.assertSummary(try #require(state.builder.assertVerdicts)) == "✓ 1 assert")
  }

  @Test func aBurstSummaryWithItsHistogram() throws {
    try golden.check("builder-burst") { width, height in
      Self.builder(width, height) { state in
        _ = update(&state, .key(.character("B")))
        _ = update(&state, .key(.enter))
        var samples: [BurstSample] = []
        for index in 1...100 {
          let seconds = Double(index % 10 + 1) / 1000
          samples.append(BurstSample(seconds: seconds, status: index % 20 == 0 ? 599 : 200))
        }
        _ = update(&state, .burstResults(id: 1, samples))
        _ = update(&state, .burstFinished(id: 1, wallTime: 0.5))
      }
    }
  }

  @Test func theExportOverlay() throws {
    try golden.check("builder-export") { width, height in
      Self.builder(width, height) { state in
        state.builder.spec = RequestSpec(
          method: "POST", url: "{{base}}/echo", headers: [.init("X-Lesson", "9")], bodyKind: .json, body: #"{"a": 1}"#)
        _ = update(&state, .key(.character("x")))
        _ = update(&state, .key(.tab))
        _ = update(&state, .key(.tab))
      }
    }
  }
}
