import Foundation
import SquallLessons
import SquallRequests
import Testing

@testable import SquallPlaygroundCore

/// Findings of a learner's walk at 80x24, each kept as a test that failed before its fix.
@Suite struct SmallerFindingsTests {
  @Test func aFirstLaunchStartsInTheLessonsPaneAReturningOneWhereItWas() {
    var state = Fixtures.state()
    _ = update(&state, .launched(Launch(size: Size(width: 80, height: 24), colour: false, startServer: true)))
    #expect(state.focus == .lessons, "the pane that says \"Press Enter to start lesson 1\"")
    _ = update(&state, .key(.enter))
    #expect(state.lessons.open != nil, "Enter opens lesson 1, not the port's editor")

    var returning = Fixtures.state()
    var launch = Launch(size: Size(width: 80, height: 24), colour: false, startServer: true)
    launch.progress = ["01-hello-server.md": LessonProgress()]
    _ = update(&returning, .launched(launch))
    #expect(returning.focus == .server)
  }

  @Test func anOptionShowsItsUnit() {
    var builder = BuilderState()
    #expect(OptionRow.requestTimeout.set(&builder, "1") == nil)
    #expect(OptionRow.requestTimeout.shown(builder) == "1 s")
    #expect(OptionRow.requestTimeout.value(builder) == "1", "the field edits the bare number")
    #expect(OptionRow.maxRedirects.shown(builder) == "")
  }

  @Test(arguments: [
    ("http//127.0.0.1:8888/", "write http://127.0.0.1:8888/"), ("https:/example.test/", "write https://example.test/"),
    ("http:127.0.0.1/", "write http://127.0.0.1/"),
  ])
  func aSchemeMissingItsColonSaysSo(typed: String, fix: String) throws {
    var spec = RequestSpec()
    spec.url = typed
    let problem = try #require(spec.urlProblem(Variables()))
    #expect(problem.contains(fix), "\(problem)")
  }

  @Test func aHostStartingWithHttpIsNoTypo() {
    #expect(RequestSpec.schemeTypo("httpbin.test/get") == nil)
    #expect(RequestSpec.schemeTypo("http://127.0.0.1/") == nil)
  }
}

/// Lesson 7 step 3 asks for the timeline: left open in step 2, it once passed on arrival.
@Suite struct ViewStepTests {
  @Test func aStepAskingForAViewStartsWithItClosed() {
    var state = LayoutScreenTests.lesson(7, step: 2, width: 80, height: 24)
    state.log.timeline.shown = true  // opened early, in step 2
    _ = update(&state, .key(.function(4)))
    _ = update(&state, .key(.character("n")))
    let lesson = state.lessons.open!
    #expect(state.lessons.progress(of: lesson).current == 2)
    #expect(!state.log.timeline.shown)
    #expect(!state.lessons.progress(of: lesson).done.contains(2), "not passed on arrival")
  }
}

/// The Response tab chosen in one lesson once stayed on Headers in the next.
@Suite struct LessonStartTests {
  @Test func aLessonStartsOnTheResponseBody() {
    var state = LayoutScreenTests.lesson(1, width: 80, height: 24)
    state.builder.responseTab = .headers
    _ = update(&state, .key(.function(4)))
    _ = update(&state, .key(.escape))
    _ = update(&state, .key(.down))
    _ = update(&state, .key(.enter))
    #expect(state.lessons.open?.title != nil && state.lessons.selection == 1)
    #expect(state.builder.responseTab == .body)
  }
}
