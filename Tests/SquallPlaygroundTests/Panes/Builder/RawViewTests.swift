import Foundation
import Squall
import SquallRequests
import SquallValues
import Testing

@testable import SquallPlayground
@testable import SquallPlaygroundCore

/// The Raw view: the bytes the playground's server read and wrote for the builder's answer
/// (under the error of a broken one, in the Raw tab of a whole one), and an open log entry's
/// raw bytes alone (`r`). Golden screens at 80x24 and 120x40, and the link's rules.
@Suite struct RawViewTests {
  let golden = GoldenScreenTests()

  /// The server's side of `GET path`: what it read, and `written` as it wrote it.
  static func served(_ path: String, written: [UInt8], detached: Bool = false) -> PlaygroundEvent {
    var entry = LogEntry(
      time: Fixtures.noon.addingTimeInterval(0.001), direction: .served, method: "GET", target: path,
      status: detached ? 0 : 200, reason: detached ? "detached" : "OK", duration: 0.002, remote: "127.0.0.1",
      rawRequest: Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:8888\r\nUser-Agent: Squall/0.1\r\n\r\n".utf8))
    entry.rawResponse = written
    entry.detached = detached
    return .servedExchange(ServedExchange(entry: entry, connectionID: 1, timing: ExchangeTiming()))
  }

  static func fetched(
    _ path: String, error: String? = nil, headers: [(String, String)] = [], body: String = "", id: Int = 1
  ) -> PlaygroundEvent {
    var entry = LogEntry(
      time: Fixtures.noon, direction: .fetched, method: "GET", target: "http://127.0.0.1:8888\(path)",
      status: error == nil ? 200 : 599, reason: error == nil ? "OK" : "Unknown", responseHeaders: headers,
      responseBody: Array(body.utf8), responseBodySize: body.utf8.count, duration: 0.004)
    entry.requestTarget = path
    entry.error = error
    return .fetched(
      id: id, response: BuilderResponse(entry: entry, firstByte: nil, effectiveURL: "http://127.0.0.1:8888\(path)"))
  }

  static func send(_ path: String, _ state: inout PlaygroundState) {
    state.focus = .builder
    state.builder.spec = RequestSpec(method: "GET", url: "{{base}}\(path)")
    _ = update(&state, .key(.control("r")))
  }

  @Test func aBrokenAnswerShowsItsBytesUnderTheError() throws {
    try golden.check("builder-fault-raw") { width, height in
      BuilderScreenTests.builder(width, height) { state in
        Self.send("/fault/short-body", &state)
        _ = update(&state, Self.served("/fault/short-body", written: WireFault.shortBody.bytes(), detached: true))
        _ = update(
          &state,
          Self.fetched(
            "/fault/short-body",
            error: "Stream closed: the server closed the connection after 10 of 100 body bytes"))
      }
    }
  }

  @Test func theRawTabShowsTheChunksOfAWholeAnswer() throws {
    try golden.check("builder-raw-tab") { width, height in
      BuilderScreenTests.builder(width, height) { state in
        Self.send("/stream?count=2", &state)
        // The answer first, the server's side after it: linked either way.
        _ = update(&state, Self.fetched("/stream?count=2", body: "chunk 1\nchunk 2\n"))
        let written =
          "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "8\r\nchunk 1\n\r\n8\r\nchunk 2\n\r\n0\r\n\r\n"
        _ = update(&state, Self.served("/stream?count=2", written: Array(written.utf8)))
        state.builder.responseTab = .raw
      }
    }
  }

  @Test func anOpenLogEntryShowsItsRawBytesAlone() throws {
    try golden.check("expanded-raw") { width, height in
      var state = Fixtures.state(width: width, height: height)
      _ = update(&state, Self.served("/fault/bad-chunk", written: WireFault.badChunk.bytes(), detached: true))
      state.focus = .log
      _ = update(&state, .key(.enter))
      _ = update(&state, .key(.character("r")))
      return state
    }
  }

  @Test func onlyTheServersSideOfTheSameRequestIsLinked() {
    var state = Fixtures.state(width: 120, height: 40)
    Self.send("/a", &state)
    _ = update(&state, Self.served("/b", written: Array("HTTP/1.1 200 OK\r\n\r\n".utf8)))
    _ = update(&state, Self.fetched("/a", body: "x"))
    #expect(state.builder.response?.served == nil, "another path is not this answer's")
    _ = update(&state, Self.served("/a", written: Array("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx".utf8)))
    #expect(state.builder.response?.served?.target == "/a")
    state.builder.responseTab = .raw
    let text = BuilderResponseView.lines(state.builder, width: 60).map(\.text)
    #expect(text.contains("HTTP/1.1 200 OK␍␊"))
  }

  @Test func anAnswerFromElsewhereSaysWhyItHasNoRawBytes() {
    var state = Fixtures.state(width: 120, height: 40)
    state.focus = .builder
    state.builder.spec = RequestSpec(method: "GET", url: "http://127.0.0.1:9999/")
    _ = update(&state, .key(.control("r")))
    var entry = LogEntry(
      time: Fixtures.noon, direction: .fetched, method: "GET", target: "http://127.0.0.1:9999/", status: 200,
      reason: "OK")
    entry.requestTarget = "/"
    _ = update(
      &state, .fetched(id: 1, response: BuilderResponse(entry: entry, firstByte: nil, effectiveURL: entry.target)))
    state.builder.responseTab = .raw
    let text = BuilderResponseView.lines(state.builder, width: 200).map(\.text).joined(separator: " ")
    #expect(text.hasPrefix("No raw bytes: Squall records the bytes of its own server's exchanges"))
  }
}

/// A step just passed keeps its message when the builder's answer arrives with it: decided by
/// the message's kind, never by its words.
@Suite struct StepDoneMessageTests {
  @Test func aStepDoneMessageOutlivesTheAnswerThatPassedIt() {
    var state = Fixtures.state(width: 120, height: 40)
    RawViewTests.send("/nope", &state)
    state.setMessage("Step 2 done (any words)", kind: .stepDone)
    _ = update(&state, RawViewTests.fetched("/nope", error: nil))
    #expect(state.message == "Step 2 done (any words)")
    RawViewTests.send("/nope", &state)
    state.setMessage("✓ words that look like a step", kind: .info)
    _ = update(&state, RawViewTests.fetched("/nope", error: nil, id: state.builder.sent))
    #expect(state.message.hasPrefix("GET http://127.0.0.1:8888/nope → 200"), "\(state.message)")
  }
}
