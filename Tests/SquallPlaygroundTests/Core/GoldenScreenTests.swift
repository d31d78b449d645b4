import Foundation
import SquallLessons
import SquallStorage
import Testing

@testable import SquallPlayground
@testable import SquallPlaygroundCore

/// Whole screens rendered into the in-memory canvas and compared with `Golden/NAME-WxH.txt`.
/// After a deliberate change, regenerate them: `SQUALL_UPDATE_GOLDEN=1 swift test --filter GoldenScreenTests`
/// and review the diff.
@Suite struct GoldenScreenTests {
  /// Tests/SquallPlaygroundTests/Golden (this file is in Tests/SquallPlaygroundTests/Core).
  static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Golden")
  static let sizes = [(80, 24), (120, 40)]
  /// The layout states are drawn at a size between as well.
  static let allSizes = [(80, 24), (100, 30), (120, 40)]

  func check(_ name: String, sizes: [(Int, Int)] = Self.sizes, _ make: (Int, Int) -> PlaygroundState) throws {
    for (width, height) in sizes {
      var canvas = GridCanvas(width: width, height: height)
      render(make(width, height), into: &canvas)
      let file = Self.goldenDirectory.appendingPathComponent("\(name)-\(width)x\(height).txt")
      let screen = canvas.text + "\n"
      if ProcessInfo.processInfo.environment["SQUALL_UPDATE_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: Self.goldenDirectory, withIntermediateDirectories: true)
        try screen.write(to: file, atomically: true, encoding: .utf8)
        continue
      }
      let expected = try String(contentsOf: file, encoding: .utf8)
      if screen != expected {
        let actual = file.deletingPathExtension().appendingPathExtension("actual.txt")
        try? screen.write(to: actual, atomically: true, encoding: .utf8)
        Issue.record("\(name) at \(width)x\(height) differs from \(file.lastPathComponent); see \(actual.path)")
      }
    }
  }

  @Test func launchScreen() throws {
    try check("launch") { Fixtures.state(width: $0, height: $1) }
  }

  @Test func logWithExchanges() throws {
    try check("log") { width, height in
      var state = Fixtures.state(width: width, height: height)
      Fixtures.busyLog(&state)
      state.focus = .log
      _ = update(&state, .key(.up))
      return state
    }
  }

  @Test func expandedExchange() throws {
    try check("expanded") { width, height in
      var state = Fixtures.state(width: width, height: height)
      Fixtures.busyLog(&state)
      state.focus = .log
      state.log.selectedID = 1
      _ = update(&state, .key(.enter))
      return state
    }
  }

  @Test func logWithARefusalWhilePaused() throws {
    try check("log-refusal-paused") { width, height in
      var state = Fixtures.state(width: width, height: height)
      Fixtures.busyLog(&state)
      _ = update(&state, .refusedRequest(Fixtures.refusal()))
      state.focus = .log
      _ = update(&state, .key(.character("p")))
      _ = update(&state, .servedExchange(Fixtures.exchange("/after-the-pause")))
      _ = update(&state, .tick(state.server.counters))
      return state
    }
  }

  @Test func expandedRefusal() throws {
    try check("expanded-refusal") { width, height in
      var state = Fixtures.state(width: width, height: height)
      _ = update(&state, .refusedRequest(Fixtures.refusal()))
      state.focus = .log
      _ = update(&state, .key(.enter))
      return state
    }
  }

  @Test func expandedJSONEntryKeepsKeysAndNumbersAsSent() throws {
    try check("expanded-json") { width, height in
      var state = Fixtures.state(width: width, height: height)
      let json =
        #"{"zebra": 1.0, "apple": [12345678901234567890, true], "nested": {"a": null, "b": "</x>"}, "empty": {}}"#
      var entry = Fixtures.served("GET", "/data", status: 200, reason: "OK", second: 1, body: json)
      entry.responseHeaders[1] = ("Content-Type", "application/json; charset=UTF-8")
      state.log.store.append(entry)
      state.focus = .log
      _ = update(&state, .key(.enter))
      return state
    }
  }

  @Test func helpOverlay() throws {
    try check("help") { width, height in
      var state = Fixtures.state(width: width, height: height)
      _ = update(&state, .key(.character("?")))
      return state
    }
  }

  @Test func commandPalette() throws {
    try check("palette") { width, height in
      var state = Fixtures.state(width: width, height: height)
      Fixtures.busyLog(&state)
      _ = update(&state, .key(.control("p")))
      for character in "ex" { _ = update(&state, .key(.character(character))) }
      _ = update(&state, .key(.down))
      return state
    }
  }

  @Test func routeEditor() throws {
    try check("route-editor") { width, height in
      var state = Fixtures.state(width: width, height: height)
      _ = update(&state, .key(.character("a")))
      return state
    }
  }

  /// The Fault field in focus: its help names the faults, whole at 80x24.
  @Test func routeEditorFault() throws {
    try check("route-editor-fault") { width, height in
      var state = Fixtures.state(width: width, height: height)
      _ = update(&state, .key(.character("a")))
      for _ in 0..<6 { _ = update(&state, .key(.tab)) }
      for character in "reset" { _ = update(&state, .key(.character(character))) }
      return state
    }
  }

  @Test func portInUse() throws {
    try check("port-in-use") { width, height in
      var state = Fixtures.state(width: width, height: height)
      _ = update(&state, .serverFailed(message: "Port 8888 is already in use on 127.0.0.1.", suggestedPort: 8889))
      return state
    }
  }

  @Test func zoomedLessonBeingRead() throws {
    try check("lesson-zoomed") { width, height in
      var state = Fixtures.state(width: width, height: height)
      state.focus = .lessons
      _ = update(&state, .key(.enter))
      _ = update(&state, .key(.character("z")))
      return state
    }
  }

  @Test func aLessonStepSideBySideOrStackedWithItsHint() throws {
    try check("lesson-step") { width, height in
      var state = Fixtures.state(width: width, height: height)
      state.focus = .lessons
      _ = update(&state, .key(.enter))
      _ = update(&state, .key(.character("z")))
      _ = update(&state, .key(.character("h")))
      return state
    }
  }

  @Test func aLessonStepDone() throws {
    try check("lesson-step-done") { width, height in
      var state = Fixtures.state(width: width, height: height)
      state.focus = .lessons
      _ = update(&state, .key(.enter))
      _ = update(&state, .servedExchange(Fixtures.helloExchange()))
      return state
    }
  }

  @Test func tooSmallTerminal() {
    var canvas = GridCanvas(width: 60, height: 20)
    render(Fixtures.state(width: 60, height: 20), into: &canvas)
    #expect(canvas.text.contains("Terminal too small: 60x20."))
    #expect(canvas.text.contains("Squall needs at least 80x24."))
    #expect(!canvas.text.contains("Server"), "no half-drawn panes")
  }
}

/// The documented screens are golden screens: the playground article's screen at 120x30 (the
/// built-in lessons, a busy log, the builder with an answer) and the lesson layout at 80x24 that
/// README and the article both show. The test fails when a copy and the screen drawn differ.
@Suite struct ReadmeScreenTests {
  static func state() -> PlaygroundState {
    var state = Fixtures.state(width: 120, height: 30)
    state.lessons = LessonsState(LessonLibrary.load(environment: [:], currentDirectory: "/nonexistent"))
    Fixtures.busyLog(&state)
    state.focus = .builder
    state.now = Fixtures.noon
    _ = update(&state, .key(.control("r")))
    _ = update(
      &state,
      .fetched(id: state.builder.sent, response: BuilderScreenTests.response(body: "Hello, world", type: "text/html")))
    return state
  }

  /// The screen as the documentation shows it: drawn, without the spaces that end its rows.
  static func screen(_ state: PlaygroundState, width: Int, height: Int) -> String {
    var canvas = GridCanvas(width: width, height: height)
    render(state, into: &canvas)
    return canvas.text.split(separator: "\n", omittingEmptySubsequences: false).map {
      String($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }.joined(separator: "\n")
  }

  @Test func thePlaygroundArticleShowsTheScreenTheCodeDraws() throws {
    let screen = Self.screen(Self.state(), width: 120, height: 30)
    try DocumentSection.check(
      DocumentSection.playgroundCatalog + "Playground.md",
      between: "<!-- screen:begin -->\n```\n", and: "\n```\n<!-- screen:end -->", is: screen,
      regenerate: "SQUALL_UPDATE_GOLDEN=1 swift test --filter ReadmeScreenTests")
  }

  /// The layout at a default terminal's size: lesson 1 open, its step's pane (the builder)
  /// beside it, the other panes one line each.
  @Test func readmeAndThePlaygroundArticleShowTheLessonLayoutAt80x24() throws {
    var state = LayoutScreenTests.lesson(1, width: 80, height: 24)
    _ = update(&state, .key(.function(2)))
    let screen = Self.screen(state, width: 80, height: 24)
    try DocumentSection.check(
      DocumentSection.readme, DocumentSection.playgroundCatalog + "Playground.md",
      between: "<!-- screen-80x24:begin -->\n```\n", and: "\n```\n<!-- screen-80x24:end -->", is: screen,
      regenerate: "SQUALL_UPDATE_GOLDEN=1 swift test --filter ReadmeScreenTests")
  }
}
