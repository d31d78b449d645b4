import Foundation
import SquallLessons
import SquallRequests
import Testing

@testable import SquallPlayground
@testable import SquallPlaygroundCore

/// Predict, then observe (`> predict:`, `e`), and the solution `h` reveals once the hints are
/// spent (rustlings): what a learner sees in the Lessons pane at 80x24.
@Suite struct LessonPredictionTests {
  static let text = """
    # Predict

    ## Step 1 — Send it
    > do: In the builder (F2), Ctrl-R sends GET {{base}}/.
    > check: sent status == 200
    > predict: status: What will the server answer?
    > solution: curl {{base}}/
    > hint: F2, then Ctrl-R.
    > saw: {status} {reason}.

    ## Step 2 — Again
    > do: Send it again.
    > check: sent status == 200
    > hint: Ctrl-R in the builder (F2).
    """

  static func lesson() -> Lesson? {
    guard case .success(let lesson) = LessonParser.parse(text, file: "01-predict.md") else { return nil }
    return lesson
  }

  /// Lesson 1 open at step 1, the Lessons pane focused; wide enough that the lines asserted on
  /// are not wrapped (the golden screens show 80x24).
  static func opened(width: Int = 120, height: Int = 40) -> PlaygroundState {
    var state = Fixtures.state(width: width, height: height)
    state.lessons = LessonsState(lessons: lesson().map { [$0] } ?? [])
    state.focus = .lessons
    _ = update(&state, .key(.enter))
    return state
  }

  static func press(_ state: inout PlaygroundState, _ keys: Key...) {
    for key in keys { _ = update(&state, .key(key)) }
  }

  static func type(_ state: inout PlaygroundState, _ text: String) {
    for character in text { _ = update(&state, .key(.character(character))) }
  }

  /// The builder sends and the answer comes: 200 OK.
  static func sendAndAnswer(_ state: inout PlaygroundState) {
    let focus = state.focus
    state.focus = .builder
    _ = update(&state, .key(.control("r")))
    _ = update(
      &state, .fetched(id: state.builder.sent, response: BuilderScreenTests.response(body: "ok", type: "text/plain")))
    state.focus = focus
  }

  @Test func theStepAsksFirstAndEWritesTheGuess() throws {
    var state = Self.opened()
    let lesson = try #require(Self.lesson())
    #expect(ModalKeysTests.screen(state).contains("? Predict first (e): What will the server answer?"))
    Self.press(&state, .character("e"))
    #expect(Modal.current(state) == .prediction)
    #expect(ModalKeysTests.screen(state).contains("Your prediction: ▏"))
    Self.type(&state, "404")
    Self.press(&state, .enter)
    #expect(Modal.current(state) == nil)
    #expect(state.lessons.progress(of: lesson).predictions[0] == "404")
    #expect(ModalKeysTests.screen(state).contains("Your prediction: 404 (e changes it)"))
    #expect(state.message.hasPrefix("Prediction kept: 404."))
  }

  /// Found walking the binary: Ctrl-R or F2 pressed while the guess was half written did
  /// nothing and said nothing. The guess stays and the message says how on.
  @Test func aSendOrAPaneKeyWhileWritingKeepsTheGuessAndSaysHowOn() throws {
    var state = Self.opened()
    Self.press(&state, .character("e"))
    Self.type(&state, "40")
    Self.press(&state, .control("r"))
    #expect(Modal.current(state) == .prediction && state.lessons.predicting?.text == "40")
    #expect(state.message.hasPrefix("Ctrl-R waits while you write your guess: Enter keeps it"))
    Self.press(&state, .function(2))
    #expect(state.focus == .lessons && state.lessons.predicting?.text == "40")
    Self.type(&state, "5")
    Self.press(&state, .enter)
    #expect(state.lessons.progress(of: try #require(Self.lesson())).predictions[0] == "405")
  }

  @Test func escLeavesTheGuessAndAnEmptyOneTakesItBack() throws {
    var state = Self.opened()
    let lesson = try #require(Self.lesson())
    Self.press(&state, .character("e"))
    Self.type(&state, "200")
    Self.press(&state, .enter, .character("e"))
    Self.type(&state, "500")
    Self.press(&state, .escape)
    #expect(state.lessons.progress(of: lesson).predictions[0] == "200", "Esc changes nothing")
    Self.press(&state, .character("e"), .backspace, .enter)  // the guess is selected: one key clears it
    #expect(state.lessons.progress(of: lesson).predictions[0] == nil)
    #expect(state.message.hasPrefix("Prediction taken back"))
  }

  @Test func aWrongGuessIsShownBesideWhatHappened() throws {
    var state = Self.opened()
    let lesson = try #require(Self.lesson())
    Self.press(&state, .character("e"))
    Self.type(&state, "404")
    Self.press(&state, .enter)
    Self.sendAndAnswer(&state)
    #expect(state.lessons.progress(of: lesson).done.contains(0))
    #expect(
      state.lessons.progress(of: lesson).outcomes[0] == PredictionOutcome(guess: "404", seen: "200", right: false))
    #expect(state.message.contains("You predicted 404; it was 200."), "\(state.message)")
    let screen = ModalKeysTests.screen(state)
    #expect(screen.contains("You predicted 404; it was 200."))
    #expect(!screen.contains("Predict first"), "the question goes once the step is done")
    Self.press(&state, .character("e"))
    #expect(state.message.contains("until the step is done."))
    #expect(Modal.current(state) == nil)
  }

  @Test func aRightGuessSaysSoAndNoGuessToo() throws {
    var right = Self.opened()
    Self.press(&right, .character("e"))
    Self.type(&right, " 200 ")
    Self.press(&right, .enter)
    Self.sendAndAnswer(&right)
    #expect(right.message.contains("You predicted 200: right, it was 200."), "\(right.message)")

    var none = Self.opened()
    Self.sendAndAnswer(&none)
    #expect(none.message.contains("You made no prediction; it was 200."), "\(none.message)")
  }

  @Test func eOnAStepWithoutAPredictionSaysWhere() {
    var state = Self.opened()
    Self.press(&state, .character("n"), .character("e"))
    #expect(state.message.contains("it works on a step that says \"? Predict first\", until the step is done"))
    #expect(Modal.current(state) == nil)
  }

  @Test func hRevealsTheSolutionOnceTheHintsAreSpent() throws {
    var state = Self.opened()
    let lesson = try #require(Self.lesson())
    Self.press(&state, .character("h"))
    #expect(ModalKeysTests.screen(state).contains("Hint: F2, then Ctrl-R."))
    #expect(ModalKeysTests.screen(state).contains("h: the solution"))
    Self.press(&state, .character("h"))
    #expect(state.lessons.progress(of: lesson).solutions == [0])
    let screen = ModalKeysTests.screen(state)
    #expect(
      screen.contains("Solution: in the builder (F2) make it GET")
        && screen.contains("http://127.0.0.1:8888/ and send it (Ctrl-R)"),
      "the solution in keys, {{base}} filled:\n\(screen)")
    #expect(state.message.contains("solution is under the step"))
    Self.press(&state, .character("h"))
    #expect(state.message.hasPrefix("The solution is shown under the step"))
  }

  @Test func aStepWithoutASolutionStillSaysNoMoreHints() {
    var state = Self.opened()
    Self.sendAndAnswer(&state)
    Self.press(&state, .character("n"), .character("h"), .character("h"))
    #expect(state.message.hasPrefix("No more hints for this step"))
  }

  @Test func goldenPredictionScreens() throws {
    let golden = GoldenScreenTests()
    try golden.check("lesson-prediction-field", sizes: GoldenScreenTests.allSizes) { width, height in
      var state = Self.opened(width: width, height: height)
      Self.press(&state, .character("e"))
      Self.type(&state, "404")
      return state
    }
    try golden.check("lesson-prediction-outcome", sizes: GoldenScreenTests.allSizes) { width, height in
      var state = Self.opened(width: width, height: height)
      Self.press(&state, .character("e"))
      Self.type(&state, "404")
      Self.press(&state, .enter)
      Self.sendAndAnswer(&state)
      return state
    }
    try golden.check("lesson-solution", sizes: GoldenScreenTests.allSizes) { width, height in
      var state = Self.opened(width: width, height: height)
      Self.press(&state, .character("h"), .character("h"))
      return state
    }
  }

  /// Progress saved before predictions and solutions existed still reads.
  @Test func progressFromBeforeReads() throws {
    let old = #"{"current":1,"done":[0],"hints":{"0":1},"saw":{}}"#
    let progress = try JSONDecoder().decode(LessonProgress.self, from: Data(old.utf8))
    #expect(progress.current == 1 && progress.done == [0])
    #expect(progress.predictions.isEmpty && progress.outcomes.isEmpty && progress.solutions.isEmpty)
    var saved = progress
    saved.predictions[0] = "404"
    saved.outcomes[0] = PredictionOutcome(guess: "404", seen: "405", right: false)
    saved.solutions = [0]
    let again = try JSONDecoder().decode(LessonProgress.self, from: JSONEncoder().encode(saved))
    #expect(again == saved)
  }
}
