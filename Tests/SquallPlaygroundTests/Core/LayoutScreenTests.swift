import Foundation
import SquallLessons
import SquallStorage
import Testing

@testable import SquallPlayground
@testable import SquallPlaygroundCore

/// The layout follows the step: golden screens of each layout state at 80x24, 100x30 and
/// 120x40 (`Golden/layout-*`), and what must hold at every size: the coach whole, the row the
/// step names in view, nothing outside the screen.
@Suite struct LayoutScreenTests {
  let golden = GoldenScreenTests()

  /// The built-in lessons, `number` open (1-based) at `step` (1-based), with the app it sets up.
  static func lesson(_ number: Int, step: Int = 1, width: Int, height: Int) -> PlaygroundState {
    var state = Fixtures.state(width: width, height: height)
    state.lessons = LessonsState(LessonLibrary.load(environment: [:], currentDirectory: "/nonexistent"))
    state.focus = .lessons
    state.lessons.selection = number - 1
    _ = update(&state, .key(.enter))
    _ = update(&state, .serverStarted(port: 8888))
    for _ in 1..<step { _ = update(&state, .key(.character("n"))) }
    return state
  }

  static func rendered(_ state: PlaygroundState) -> String {
    var canvas = GridCanvas(width: state.size.width, height: state.size.height)
    render(state, into: &canvas)
    return canvas.text
  }

  @Test func aLessonOpenGivesTheLessonAndTheStepsPaneTheScreen() throws {
    try golden.check("layout-lesson-builder", sizes: GoldenScreenTests.allSizes) { width, height in
      var state = Self.lesson(1, width: width, height: height)
      _ = update(&state, .key(.character("h")))
      return state
    }
  }

  /// Lesson 11 step 4 with the echo app's 16 routes: ↓ to noKeepAlive, and it is in view.
  @Test func theServerPaneKeepsTheNamedOptionInView() throws {
    try golden.check("layout-lesson-server-option", sizes: GoldenScreenTests.allSizes) { width, height in
      var state = Self.lesson(11, step: 4, width: width, height: height)
      _ = update(&state, .key(.function(1)))
      _ = update(&state, .key(.character("g")))
      for _ in 0..<6 { _ = update(&state, .key(.down)) }
      return state
    }
    for (width, height) in GoldenScreenTests.allSizes {
      var state = Self.lesson(11, step: 4, width: width, height: height)
      _ = update(&state, .key(.function(1)))
      _ = update(&state, .key(.character("g")))
      for _ in 0..<6 { _ = update(&state, .key(.down)) }
      let screen = Self.rendered(state)
      #expect(screen.contains("›noKeepAlive"), "\(width)x\(height): the selected option is drawn")
      #expect(screen.contains("▶ In the Server pane (F1)"), "\(width)x\(height): the ▶ line")
      #expect(screen.contains("◌ Waiting for"), "\(width)x\(height): the check line")
    }
  }

  @Test func aZoomedPaneKeepsTheCoachInAStrip() throws {
    try golden.check("layout-zoomed-coach", sizes: GoldenScreenTests.allSizes) { width, height in
      var state = Self.lesson(1, width: width, height: height)
      _ = update(&state, .key(.function(2)))
      _ = update(&state, .key(.character("z")))
      return state
    }
  }

  @Test func withoutALessonTheFocusedPaneGetsTheLargerShare() throws {
    try golden.check("layout-list-scrolled", sizes: GoldenScreenTests.allSizes) { width, height in
      var state = Fixtures.state(width: width, height: height)
      state.lessons = LessonsState(LessonLibrary.load(environment: [:], currentDirectory: "/nonexistent"))
      state.focus = .lessons
      for _ in 0..<15 { _ = update(&state, .key(.down)) }
      return state
    }
    for (width, height) in GoldenScreenTests.allSizes {
      for pane in Pane.allCases {
        var state = Fixtures.state(width: width, height: height)
        state.focus = pane
        let layout = Layout(state)
        let mine = try #require(layout.panes[pane])
        let others = Pane.allCases.filter { $0 != pane }.compactMap { layout.panes[$0] }
        let share = mine.width * mine.height
        #expect(
          others.allSatisfy { $0.width * $0.height < share }, "\(width)x\(height): \(pane) focused is the largest")
      }
    }
  }

  @Test func aLongMessageWrapsWholeAndIsKeptInTheHistory() throws {
    let long =
      "Saved the export to /home/learner/projects/squall/exports/the-request-as-python.py (1,234 bytes); "
      + "run it with: python3 /home/learner/projects/squall/exports/the-request-as-python.py, Tornado 6 needed."
    try golden.check("layout-long-message", sizes: GoldenScreenTests.allSizes) { width, height in
      var state = Fixtures.state(width: width, height: height)
      state.setMessage(long)
      return state
    }
    try golden.check("messages-history", sizes: GoldenScreenTests.allSizes) { width, height in
      var state = Fixtures.state(width: width, height: height)
      state.setMessage("Server listening on http://127.0.0.1:8888/")
      state.setMessage(long)
      state.setMessage("not a valid header name: letters, digits and !#$%&'*+-.^_`|~ only", error: true)
      _ = update(&state, .key(.character("M")))
      return state
    }
  }

  @Test func theMethodPopupKeepsItsChoiceInView() throws {
    try golden.check("builder-methods-scrolled", sizes: GoldenScreenTests.allSizes) { width, height in
      var state = Fixtures.state(width: width, height: height)
      state.focus = .builder
      _ = update(&state, .key(.character("m")))
      for _ in 0..<8 { _ = update(&state, .key(.down)) }
      return state
    }
  }

  /// Every layout state at every size: the panes within the screen and apart, the keys bar and
  /// the status rows below them.
  @Test func everyLayoutStaysOnTheScreen() {
    for (width, height) in [(80, 24), (81, 25), (100, 30), (120, 40), (200, 60)] {
      for focus in Pane.allCases {
        for zoomed in [false, true] {
          for lessonOpen in [false, true] {
            for rows in 1...Layout.maxStatusRows {
              let layout = Layout(
                size: Size(width: width, height: height), focus: focus, zoomed: zoomed, lessonOpen: lessonOpen,
                stepPane: .builder, statusRows: rows, coachRows: 5)
              let rects = Array(layout.panes.values) + Array(layout.collapsed.values) + [layout.coach].compactMap { $0 }
              let place = "\(width)x\(height) \(focus) zoomed \(zoomed) lesson \(lessonOpen) status \(rows)"
              for rect in rects {
                #expect(rect.x >= 0 && rect.y >= 0 && rect.x + rect.width <= width, "\(place)")
                #expect(rect.y + rect.height <= layout.keysBar.y, "\(place): above the keys bar")
              }
              for (index, a) in rects.enumerated() {
                for b in rects.dropFirst(index + 1) {
                  let apart =
                    a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y
                  #expect(apart, "\(place): \(a) and \(b) overlap")
                }
              }
              #expect(layout.statusBar.y + layout.statusBar.height == height, "\(place)")
              #expect(layout.panes[focus] != nil, "\(place): the focused pane is drawn whole")
              if lessonOpen && !zoomed {
                let lesson = layout.panes[.lessons]
                #expect((lesson?.width ?? 0) >= 40 && (lesson?.height ?? 0) >= 24 - 5 - rows, "\(place)")
              }
            }
          }
        }
      }
    }
  }
}

@Suite struct ListWindowTests {
  @Test func theFocusStaysInViewWithMarksForWhatIsHidden() {
    for count in 0..<30 {
      for rows in 1..<12 {
        for focus in 0..<max(1, count) {
          let window = ListWindow(count: count, focus: focus, rows: rows)
          let marks = (window.topMark == nil || rows < 3 ? 0 : 1) + (window.bottomMark == nil || rows < 3 ? 0 : 1)
          #expect(window.shown + marks <= rows, "count \(count) rows \(rows) focus \(focus)")
          #expect(window.above + window.shown + window.below == count)
          if count > 0 { #expect(window.indices.contains(focus), "count \(count) rows \(rows) focus \(focus)") }
          if count <= rows { #expect(window.first == 0 && window.shown == count) }
          if rows >= 3, count > rows { #expect(window.shown + marks == rows, "no row left empty") }
        }
      }
    }
  }

  @Test func marksSayHowManyAreHidden() {
    let window = ListWindow(count: 20, focus: 10, rows: 6)
    #expect(window.topMark == "↑ \(window.above) more")
    #expect(window.bottomMark == "↓ \(window.below) more")
    #expect(window.indices.contains(10))
  }
}
