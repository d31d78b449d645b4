import Foundation
import SquallChecks
import Testing

@testable import SquallLessons

/// `> predict: QUERY: QUESTION`: read with the check's grammar, judged against what the
/// exchange that passed the step showed.
@Suite struct PredictionTests {
  static func lesson(_ lines: String) -> LessonParser.Outcome {
    let text = """
      # T

      ## Step 1 — S
      > do: send
      \(lines)
      > hint: h
      """
    return LessonParser.parse(text, file: "t.md")
  }

  static func problems(_ lines: String) -> [String] {
    guard case .failure(let failure) = lesson(lines) else { return [] }
    return failure.map(\.description)
  }

  @Test func aPredictionNamesOneFieldOfTheCheckAndAsks() throws {
    let lesson = try #require(
      Self.lesson("> check: served status == 405\n> predict: header.Allow: Which methods?").value)
    let prediction = try #require(lesson.steps[0].prediction)
    #expect(prediction.query == Query("header", "Allow"))
    #expect(prediction.question == "Which methods?")
  }

  @Test func whatIsWrongIsSaidWithItsLine() {
    #expect(
      Self.problems("> predict: status: What?\n> check: served status == 200") == [
        "t.md:5: \"> predict:\" goes after the step's \"> check:\" (it names one of the check's fields)"
      ])
    #expect(
      Self.problems("> check: served status == 200\n> predict: status: A?\n> predict: status: B?") == [
        "t.md:7: a step asks for one prediction"
      ])
    #expect(
      Self.problems("> check: option noKeepAlive == true\n> predict: value: On?").first?.contains(
        "a option check reads the pane's state, with nothing to predict") == true)
    #expect(
      Self.problems("> check: served status == 200\n> predict: status") == [
        "t.md:6: \"> predict:\" is QUERY: QUESTION (> predict: status: What will the server answer?)"
      ])
    #expect(
      Self.problems("> check: served status == 200\n> predict: status:   ") == [
        "t.md:6: \"> predict:\" asks a question after the query and its colon"
      ])
    #expect(
      Self.problems("> check: served status == 200\n> predict: colour: Which?").first?.hasPrefix(
        "t.md:6: \"> predict:\" colour:") == true, "an unknown field is the grammar's error")
  }

  @Test func guessesAreJudgedAsNumbersOrTextWithoutCase() {
    #expect(Prediction.judge("405", .number(405)))
    #expect(Prediction.judge(" 405 ", .number(405)))
    #expect(!Prediction.judge("404", .number(405)))
    #expect(Prediction.judge("KEEP-ALIVE", .text("keep-alive")))
    #expect(!Prediction.judge("close", .text("keep-alive")))
    #expect(Prediction.judge("none", nil) && Prediction.judge("-", nil) && !Prediction.judge("200", nil))
  }

  @Test func theOutcomeReadsTheSameExchangeAsTheCheck() throws {
    let lesson = try #require(
      Self.lesson("> check: sent status == 405\n> predict: header.Allow: Which methods does the 405 allow?").value)
    let step = lesson.steps[0]
    let seen = Observation.sent(
      ObservedExchange(method: "POST", path: "/", status: 405, reason: "Method Not Allowed", headers: ["Allow": "GET"]))
    #expect(step.judge("get", seen) == PredictionOutcome(guess: "get", seen: "GET", right: true))
    #expect(step.judge("GET, POST", seen)?.inWords == "You predicted GET, POST; it was GET.")
    #expect(step.judge(nil, seen)?.inWords == "You made no prediction; it was GET.")
    let noHeader = Observation.sent(ObservedExchange(method: "POST", path: "/", status: 405))
    #expect(step.judge("none", noHeader)?.inWords == "You predicted none: right, nothing was there.")
  }
}

/// Found with the imports fuzz harness: Swift's `Character` holds CRLF as one, so a lesson file
/// saved with Windows line ends was read as one line.
@Suite struct CRLFLessonTests {
  @Test func aLessonWithWindowsLineEndsReads() throws {
    let text = "# T\r\n\r\n## Step 1 — S\r\n> do: send\r\n> check: served status == 200\r\n> hint: h\r\n"
    let lesson = try #require(LessonParser.parse(text, file: "t.md").value)
    #expect(lesson.steps.count == 1 && lesson.steps[0].hints == ["h"])
  }
}

/// Every input the lesson fuzz harness ever failed on (`Fuzz/Corpus/lesson`): it parses without
/// a trap and every problem names a line of the file, counted as the parser counts them.
@Suite struct LessonCorpusTests {
  @Test func everyInputThatOnceFailedHolds() throws {
    let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus/lesson")
    let files = try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter {
      $0.hasPrefix("lesson-crash-")
    }
    #expect(files.count >= 2)
    for file in files {
      let source = String(decoding: try Data(contentsOf: corpus.appendingPathComponent(file)), as: UTF8.self)
      let lines = source.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).count
      if case .failure(let problems) = LessonParser.parse(source, file: "f.md") {
        #expect(problems.allSatisfy { (1...max(lines, 1)).contains($0.line) }, "\(file)")
      }
    }
  }
}
