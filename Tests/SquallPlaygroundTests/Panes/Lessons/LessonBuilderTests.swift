import Foundation
import SquallLessons
import SquallRequests
import Testing

@testable import SquallPlayground
@testable import SquallPlaygroundCore

/// The builder from lesson to lesson: lesson 1's `If-None-Match` once made lesson 8's `GET /`
/// answer 304, and lesson 3's form went out with later GETs. Each lesson starts from a clean
/// builder; the learner's own request is put aside and comes back when the lesson is left.
@Suite struct LessonBuilderTests {
  static func stateWithOwnRequest() -> PlaygroundState {
    var state = Fixtures.state()
    state.builder.spec = RequestSpec(
      method: "POST", url: "{{base}}/form", headers: [.init("If-None-Match", "\"abc\"")], bodyKind: .form,
      fields: [.init("name", "Ada")])
    state.focus = .lessons
    return state
  }

  @Test func openingALessonStartsFromACleanBuilderAndLeavingItBringsTheRequestBack() {
    var state = Self.stateWithOwnRequest()
    let own = state.builder.spec
    _ = update(&state, .key(.enter))  // open lesson 1
    #expect(state.lessons.open != nil)
    #expect(state.builder.spec == RequestSpec(), "GET {{base}}/, no headers, no body")
    state.builder.spec.headers = [.init("X-Step", "1")]  // what the learner does in the lesson
    _ = update(&state, .key(.escape))
    #expect(state.builder.spec == own, "the learner's own request is back")
    #expect(state.message.contains("your own request is back"))
    _ = update(&state, .key(.down))
    _ = update(&state, .key(.enter))  // lesson 2
    #expect(state.builder.spec == RequestSpec(), "nothing of lesson 1 leaks into lesson 2")
  }

  /// Found by a learner walk: resetting lesson 2 (`routes none`) deleted the learner's own
  /// routes for good, and leaving a lesson kept its app. The learner's own server is parked
  /// while a lesson sets one up and comes back when it is left; the lesson's, a route added in
  /// a step among it, comes back when the lesson is opened again.
  @Test func theLearnersOwnServerComesBackAndTheLessonsToo() {
    var state = Self.stateWithOwnRequest()
    let mine = MockRoute(method: "GET", pattern: "/mine")
    state.server.routes = [mine]
    state.server.options.maxHeaderSize = 4096
    let effects = update(&state, .key(.enter))  // lesson 1: app=hello, options back to their defaults
    #expect(state.server.options == ServerOptions(), "the lesson's server")
    #expect(
      !effects.contains { if case .file(.saveRoutes) = $0 { true } else { false } }, "nothing saved over the learner's")
    let added = MockRoute(method: "GET", pattern: "/step")
    state.server.routes.append(added)  // what the learner does in the lesson
    state.server.app = .echo
    _ = update(&state, .key(.escape))
    #expect(state.server.routes == [mine] && state.server.options.maxHeaderSize == 4096, "the learner's own")
    #expect(state.server.app == .hello)
    #expect(state.message.contains("your app, routes and options are back"))
    _ = update(&state, .key(.enter))  // lesson 1 again
    #expect(state.server.routes == [mine, added] && state.server.app == .echo, "the lesson as it was left")
    #expect(state.server.options == ServerOptions())
    _ = update(&state, .key(.escape))
    #expect(state.server.routes == [mine] && state.server.app == .hello)
  }

  /// Found by a learner walk: `u` pressed in the Lessons pane while the step says "in the
  /// builder (F2): u…" pointed at the Server pane's undo. Another pane's key names the pane the
  /// step works in first.
  @Test func anotherPanesKeyNamesTheStepsPaneFirst() {
    var state = Self.stateWithOwnRequest()
    _ = update(&state, .key(.enter))  // lesson 1, step 1: a request from the builder
    _ = update(&state, .key(.character("u")))
    #expect(state.message.contains("in Request builder (F2) it does: edit the URL"), "\(state.message)")
  }

  @Test func resettingALessonWithProgressAsksFirstAndSkippingSaysSo() {
    var state = Self.stateWithOwnRequest()
    _ = update(&state, .key(.enter))
    _ = update(&state, .key(.character("n")))
    #expect(state.message.contains("(step 1 is not done yet: p goes back to it)"))
    state.lessons.progress[state.lessons.lessons[0].file]?.done = [0]
    _ = update(&state, .key(.character("R")))
    #expect(state.message.hasPrefix("Reset The hello-world server? Its 1 done step start over"))
    #expect(state.lessons.progress(of: state.lessons.lessons[0]).done == [0], "not yet")
    _ = update(&state, .key(.down))  // any other key keeps it
    _ = update(&state, .key(.character("R")))
    #expect(state.lessons.progress(of: state.lessons.lessons[0]).done == [0])
    _ = update(&state, .key(.character("R")))
    #expect(state.lessons.progress(of: state.lessons.lessons[0]).done.isEmpty, "reset on the second R")
  }

  /// Found by the automated learner: step 1's answer landed after n and passed step 2, whose
  /// check it also matched, before step 2's own action.
  @Test func anAnswerLandingAfterNPassesNoLaterStep() throws {
    let text = """
      # Two sends

      ## Step 1 — one
      > do: send it
      > check: sent status=200
      > hint: h

      ## Step 2 — two
      > do: send it again
      > check: sent status=200
      > hint: h
      """
    guard case .success(let lesson) = LessonParser.parse(text, file: "01-two.md") else {
      Issue.record("the lesson parses")
      return
    }
    var state = Fixtures.state()
    state.lessons = LessonsState(lessons: [lesson])
    state.focus = .lessons
    _ = update(&state, .key(.enter))
    state.focus = .builder
    _ = update(&state, .key(.control("r")))
    let first = state.builder.sent
    state.focus = .lessons
    _ = update(&state, .key(.character("n")))  // before the answer arrives
    _ = update(&state, .fetched(id: first, response: BuilderScreenTests.response(body: "ok", type: "text/plain")))
    #expect(!state.lessons.progress(of: lesson).done.contains(1), "step 2 waits for its own send")
    state.focus = .builder
    _ = update(&state, .key(.control("r")))
    _ = update(
      &state, .fetched(id: state.builder.sent, response: BuilderScreenTests.response(body: "ok", type: "text/plain")))
    #expect(state.lessons.progress(of: lesson).done.contains(1))
  }

  @Test func escapeUnzoomsALessonBeforeLeavingIt() {
    var state = Self.stateWithOwnRequest()
    _ = update(&state, .key(.enter))
    _ = update(&state, .key(.character("z")))
    _ = update(&state, .key(.escape))
    #expect(!state.zoomed && state.lessons.open != nil)
    _ = update(&state, .key(.escape))
    #expect(state.lessons.open == nil)
  }

  @Test func resettingALessonResetsTheBuilderToo() {
    var state = Self.stateWithOwnRequest()
    _ = update(&state, .key(.enter))
    state.builder.spec.headers = [.init("If-None-Match", "\"etag\"")]
    _ = update(&state, .key(.character("R")))
    #expect(state.builder.spec == RequestSpec())
    _ = update(&state, .key(.escape))
    #expect(state.builder.spec.url == "{{base}}/form", "the request from before the lesson, not the reset one")
  }

  @Test func aLessonCanChooseTheRequestItStartsFrom() throws {
    let text =
      "# T\n\n> setup: builder POST {{base}}/echo\n\n## Step 1 — S\n> do: send\n> check: sent status=200\n> hint: Enter\n"
    let parsed = LessonParser.parse(text, file: "t.md")
    guard case .success(let lesson) = parsed else {
      Issue.record("the lesson does not parse: \(parsed)")
      return
    }
    #expect(lesson.setup == [.builder(method: "POST", url: "{{base}}/echo")])
    var state = Fixtures.state()
    state.lessons = LessonsState(lessons: [lesson])
    state.focus = .lessons
    _ = update(&state, .key(.enter))
    #expect(state.builder.spec.method == "POST" && state.builder.spec.url == "{{base}}/echo")
    guard
      case .failure(let problems) = LessonParser.parse(
        text.replacingOccurrences(of: "POST {{base}}/echo", with: "post"), file: "t.md")
    else {
      Issue.record("a bad builder line parses")
      return
    }
    #expect(problems.first?.message.contains("builder setup is") == true)
  }

  @Test func newRequestClearsTheBuilder() {
    var state = Self.stateWithOwnRequest()
    state.focus = .builder
    _ = update(&state, .key(.character("N")))
    #expect(state.builder.spec == RequestSpec())
  }

  @Test func aGetWithABodySaysSoBeforeSending() {
    var spec = RequestSpec(method: "GET", url: "{{base}}/", bodyKind: .form, fields: [.init("a", "1")])
    #expect(spec.bodyNote == "GET with a form body: it goes out too (3, then k until none)")
    spec.method = "POST"
    #expect(spec.bodyNote == nil)
    var state = Fixtures.state(width: 120, height: 40)
    state.focus = .builder
    state.builder.spec = RequestSpec(method: "GET", url: "{{base}}/", bodyKind: .json, body: "{}")
    var canvas = GridCanvas(width: 120, height: 40)
    render(state, into: &canvas)
    #expect(canvas.text.contains("⚠ GET with a JSON body: it goes out too"), "\(canvas.text)")
  }
}

/// The step's ▶ action stays in view: pinned at the bottom of the Lessons pane however far the
/// text scrolls, and beside the pane in use while another pane is focused.
@Suite struct LessonInstructionInViewTests {
  @Test func theActionIsPinnedAndStaysBesideTheFocusedPane() {
    var state = Fixtures.state(width: 80, height: 24)
    state.focus = .lessons
    _ = update(&state, .key(.enter))
    _ = update(&state, .key(.character("z")))  // zoomed, scrolled to the end and back
    for _ in 0..<30 { _ = update(&state, .key(.down)) }
    var canvas = GridCanvas(width: 80, height: 24)
    render(state, into: &canvas)
    #expect(canvas.text.contains("▶ Send GET http://127.0.0.1:8888/ from the builder."))
    #expect(canvas.text.contains("◌ Waiting for: the server answers a request"))

    _ = update(&state, .key(.character("z")))
    state.focus = .builder
    state.messageHold = 0
    canvas = GridCanvas(width: 80, height: 24)
    render(state, into: &canvas)
    #expect(canvas.text.contains("▶ Send GET http://127.0.0.1:8888/"), "the lesson stays beside the builder")
    #expect(canvas.text.contains("┃ GET ▾"), "the builder is focused, beside the lesson")
    state.setMessage("Sent.")
    canvas = GridCanvas(width: 80, height: 24)
    render(state, into: &canvas)
    #expect(canvas.line(23).contains("Sent."), "the message in the status bar")
  }
}

/// A header whose value is a variable shows what will be sent, or why nothing can be.
@Suite struct HeaderVariablePreviewTests {
  @Test func theHeadersSectionShowsTheValueOrWhyThereIsNone() {
    var state = Fixtures.state(width: 120, height: 40)
    state.focus = .builder
    state.builder.section = .headers
    state.builder.spec.headers = [.init("If-None-Match", "{{response.header.Etag}}")]
    state.zoomed = true
    var canvas = GridCanvas(width: 120, height: 40)
    render(state, into: &canvas)
    #expect(canvas.text.contains("✗ {{response.header.Etag}} reads the last response: send a request first"))
    state.builder.responseValues = ["response.status": "200", "response.header.etag": "\"abc\""]
    canvas = GridCanvas(width: 120, height: 40)
    render(state, into: &canvas)
    #expect(canvas.text.contains("= \"abc\""))
  }
}

/// A code line is never cut where the point is (`fetch(url, raise_error=Fal…`): the columns
/// stack when a line does not fit beside the other, and a line wider than the pane goes on
/// after `↪`.
@Suite struct WholeCodeLinesTests {
  @Test func longCodeLinesWrapAndTheColumnsStack() {
    let python = "response = await http_client.fetch(url, raise_error=False)  # a 404 is returned, not raised"
    let swift = "let response = try await httpClient.fetch(url, raiseError: false)  // the same"
    let lines = LessonsView.blocks(
      [.code(language: "python", lines: [python]), .code(language: "swift", lines: [swift])], width: 100,
      text: { $0 })
    let text = lines.map(\.text)
    #expect(!text.contains { $0.contains("│") }, "stacked: the Python line does not fit half of 100 columns")
    #expect(!text.contains { $0.contains("…") })
    #expect(text.joined().replacingOccurrences(of: "↪ ", with: "").contains(python), "every character kept")
    #expect(text.allSatisfy { CellWidth.of($0) <= 100 })
    let narrow = LessonsView.blocks([.code(language: "python", lines: [python])], width: 40, text: { $0 })
    #expect(narrow.count == 4 && narrow[2].text.hasPrefix("↪ ") && narrow[3].text.hasPrefix("↪ "))
  }
}
