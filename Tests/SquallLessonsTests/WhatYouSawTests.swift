import SquallChecks
import Testing

@testable import SquallLessons

/// `> saw:` explains a passed step with the learner's own numbers.
@Suite struct WhatYouSawTests {
  @Test func placeholdersAreFilledFromWhatWasObserved() {
    let burst = Observation.burst(count: 20, concurrency: 10, p50: 0.5071, max: 2.04, failures: 0)
    #expect(burst.fill("p50 {p50}, max {max}, {count} at {concurrency}") == "p50 507 ms, max 2.0 s, 20 at 10")
    let exchange = Observation.sent(
      ObservedExchange(method: "GET", path: "/", status: 304, reason: "Not Modified", headers: ["Etag": "\"x\""]))
    #expect(exchange.fill("{status} {reason}, {header.etag}") == "304 Not Modified, \"x\"")
    #expect(exchange.fill("{nope} and {1} and {} and {.}") == "? and {1} and {} and {.}", "unknown fields show ?")
    #expect(
      Observation.sent(ObservedExchange(method: "GET", path: "/{status}", status: 200)).fill("{path} {status}")
        == "/{status} 200", "one pass: a value holding a placeholder stays")
  }

  @Test func aSawLineNamingAFieldTheCheckHasNotIsAProblemWithItsLine() {
    let text = """
      # T

      ## Step 1 — S
      > do: send
      > check: burst count>=1
      > saw: {status} in {p50}
      > hint: h
      """
    guard case .failure(let problems) = LessonParser.parse(text, file: "t.md") else {
      Issue.record("it parsed")
      return
    }
    #expect(
      problems.map(\.description) == [
        "t.md:6: \"> saw:\" names {status}, which a burst check does not have: concurrency, count, failures, max, p50"
      ])
  }
}

/// A fast answer is not "0 ms": durations as the Log pane writes them.
@Suite struct DurationWordsTests {
  @Test(arguments: [(0.0005, "0.50 ms"), (0.00004, "0.04 ms"), (0.0123, "12 ms"), (0.507, "507 ms"), (2.03, "2.0 s")])
  func durations(seconds: Double, words: String) {
    #expect(Observation.seconds(seconds) == words)
  }
}

/// A check in a learner's words: field names spelled out, durations with their unit.
@Suite struct CheckWordsTests {
  @Test func wordsAndUnits() throws {
    let check = try Check.parse("sent code=599 error=timeout duration>=1.5").get()
    #expect(check.inWords == "the builder gets an answer: status 599, error timeout, duration ≥ 1.5s")
    let served = try Check.parse("served method=POST reqheader.Content-Type~json").get()
    #expect(
      served.inWords == "the server answers a request: method POST, request header Content-Type containing \"json\"")
  }
}
