import Foundation
import Squall
import SquallExamples
import SquallLessons
import SquallRequests
import SquallStorage
import Testing

@testable import SquallPlayground
@testable import SquallPlaygroundCore

/// The builder's reducer: composing, sending one at a time, cancelling, the overlays, history.
@Suite struct BuilderUpdateTests {
  func builder() -> PlaygroundState {
    var state = Fixtures.state()
    state.focus = .builder
    return state
  }

  func type(_ text: String, _ state: inout PlaygroundState) {
    for character in text { _ = update(&state, .key(.character(character))) }
  }

  @Test func theParamsTableWritesTheURLAndTheURLFillsTheTable() {
    var state = builder()
    _ = update(&state, .key(.character("a")))
    type("q", &state)
    _ = update(&state, .key(.tab))
    type("café au lait", &state)
    _ = update(&state, .key(.enter))
    #expect(state.builder.spec.url == "{{base}}/?q=caf%C3%A9%20au%20lait")
    _ = update(&state, .key(.character(" ")))
    #expect(state.builder.spec.url == "{{base}}/", "a parameter switched off leaves the URL")
    #expect(tableRows(state.builder, .params) == [.init("q", "café au lait", enabled: false)], "and stays in the table")
    _ = update(&state, .key(.character("u")))
    _ = update(&state, .key(.end))  // the URL is selected: End keeps it, to add to it
    type("?page=2", &state)
    _ = update(&state, .key(.escape))
    #expect(tableRows(state.builder, .params).map(\.name) == ["page", "q"])
    _ = update(&state, .key(.down))
    _ = update(&state, .key(.character(" ")))
    #expect(state.builder.spec.url == "{{base}}/?page=2&q=caf%C3%A9%20au%20lait", "switched on again")
  }

  @Test func oneRequestAtATimeAndEscCancelsIt() {
    var state = builder()
    let first = update(&state, .key(.control("r")))
    #expect(first == [.send(id: 1, spec: state.builder.spec, variables: state.variables)])
    #expect(update(&state, .key(.control("r"))).isEmpty, "a second send is refused")
    #expect(state.messageIsError && state.message.contains("is still running: wait for it, or press Esc to cancel it"))
    #expect(update(&state, .key(.escape)) == [.cancelFetch(id: 1)])
    var entry = LogEntry(
      time: Fixtures.noon, direction: .fetched, method: "GET", target: "http://127.0.0.1:8888/", status: 599,
      reason: "Unknown")
    entry.error = "the request was cancelled"
    let effects = update(
      &state,
      .fetched(id: 1, response: BuilderResponse(entry: entry, firstByte: nil, effectiveURL: "", cancelled: true)))
    #expect(state.builder.inFlight == nil && state.message.hasPrefix("Cancelled GET"))
    #expect(effects == [.saveHistory(state.builder.history)] && state.builder.history.count == 1)
    #expect(state.log.store.entries.last?.error == "the request was cancelled", "the log shows it too")
  }

  @Test func savingTheBodySavesAllOfItNotThePreview() {
    var state = builder()
    _ = update(&state, .key(.control("r")))
    let body = (0..<20_000).map { UInt8(ascii: "a") + UInt8($0 % 26) }
    var entry = LogEntry(
      time: Fixtures.noon, direction: .fetched, method: "GET", target: "http://127.0.0.1:8888/big", status: 200,
      reason: "OK")
    entry.responseBody = Array(body.prefix(LogStore.previewLimit))
    entry.responseBodySize = body.count
    _ = update(
      &state, .fetched(id: 1, response: BuilderResponse(entry: entry, firstByte: nil, effectiveURL: "", body: body)))
    let shown = BuilderResponseView.lines(state.builder, width: 60).map(\.text)
    #expect(shown.last == "… 11808 more bytes not shown (s saves the whole body)")
    _ = update(&state, .key(.character("6")))
    _ = update(&state, .key(.character("s")))
    let effects = update(&state, .key(.enter))
    #expect(
      effects == [.writeFile(path: "/home/learner/squall-response.body", contents: body, what: "the response body")])
  }

  @Test func joinersAndMarksTypedOneByOneJoinWhatPrecedesThem() {
    // A terminal delivers a ZWJ sequence or a decomposed é scalar by scalar; each joins the
    // character before it, and the cursor must stay inside the text (this crashed).
    var field = TextField("q=")
    for scalar in ["👨", "\u{200D}", "👩", "\u{200D}", "👧", "e", "\u{301}", "x"] {
      let used = field.apply(.character(Character(scalar)))
      #expect(used)
    }
    #expect(field.text == "q=👨\u{200D}👩\u{200D}👧e\u{301}x")
    #expect(field.cursor == field.text.count && field.cursor == 5)
    _ = field.apply(.backspace)
    _ = field.apply(.backspace)
    #expect(field.text == "q=👨\u{200D}👩\u{200D}👧")
    _ = field.apply(.left)
    _ = field.apply(.character("!"))
    #expect(field.text == "q=!👨\u{200D}👩\u{200D}👧")
    field.text = ""
    let typed = field.apply(.character("a"))
    #expect(typed && field.text == "a", "a cursor past a text set from outside is brought back")
    // Columns, not characters: the cursor stays in view with wide characters.
    let wide = TextField(String(repeating: "漢", count: 20))
    let shown = wide.visible(width: 10)
    #expect(shown.text == String(repeating: "漢", count: 4) && shown.cursorColumn == 8)
    let short = TextField("abc").visible(width: 10)
    #expect(short.text == "abc" && short.cursorColumn == 3)
  }

  @Test func anInvalidURLOrJSONIsRefusedBeforeSending() {
    var state = builder()
    state.builder.spec.url = "{{nope}}/x"
    #expect(update(&state, .key(.control("r"))).isEmpty)
    #expect(
      state.message
        == "URL: unknown variable {{nope}}: define it (Options, a), or use {{base}}, {{port}} or {{response.…}}")
    state.builder.spec = RequestSpec(method: "POST", url: "{{base}}/echo", bodyKind: .json, body: "{\"a\": }")
    #expect(update(&state, .key(.control("r"))).isEmpty)
    #expect(
      state.message
        == "JSON: line 1, column 7: expected a value (an object, array, string, number, true, false or null) (nothing was sent)"
    )
  }

  @Test func methodsComeFromAListOrAreTyped() {
    var state = builder()
    _ = update(&state, .key(.character("m")))
    _ = update(&state, .key(.down))
    _ = update(&state, .key(.down))
    _ = update(&state, .key(.enter))
    #expect(state.builder.spec.method == "PUT")
    _ = update(&state, .key(.character("m")))
    type("purge", &state)
    _ = update(&state, .key(.enter))
    #expect(state.builder.spec.method == "PURGE")
  }

  @Test func headerNamesCompleteAndBadOnesAreRefused() {
    var state = builder()
    _ = update(&state, .key(.character("2")))
    _ = update(&state, .key(.character("a")))
    type("content-t", &state)
    _ = update(&state, .key(.tab))
    _ = update(&state, .key(.tab))
    type("text/plain", &state)
    _ = update(&state, .key(.enter))
    #expect(state.builder.spec.headers == [.init("Content-Type", "text/plain")])
    _ = update(&state, .key(.character("a")))
    type("Bad Name", &state)
    _ = update(&state, .key(.enter))
    _ = update(&state, .key(.enter))
    #expect(state.messageIsError && state.message.contains("is not a valid header name"))
    #expect(state.builder.spec.headers.count == 1)
  }

  @Test func aPastedCurlCommandBecomesTheRequest() {
    var state = builder()
    _ = update(&state, .key(.character("i")))
    type(#"curl -X PATCH {{base}}/items/7 -H 'X-A: 1' --json '{"done": true}'"#, &state)
    _ = update(&state, .key(.enter))
    #expect(state.builder.spec.method == "PATCH" && state.builder.spec.bodyKind == .json)
    #expect(state.builder.spec.body == #"{"done": true}"# && state.builder.spec.header("X-A") == "1")
    _ = update(&state, .key(.character("w")))
    type("patch item", &state)
    #expect(update(&state, .key(.enter)) == [.saveRequest(name: "patch item", spec: state.builder.spec)])
  }

  @Test func theResponseScrollStopsAtTheEnd() {
    var state = builder()
    _ = update(&state, .key(.control("r")))
    let body = (1...30).map { "line \($0)" }.joined(separator: "\n")
    _ = update(&state, .fetched(id: 1, response: BuilderScreenTests.response(body: body, type: "text/plain")))
    for _ in 0..<10 { _ = update(&state, .key(.pageDown)) }
    #expect(state.builder.responseScroll == 29, "no invisible over-scroll past the last line")
    _ = update(&state, .key(.pageUp))
    let rows = Layout(state).panes[.builder]!.inner.height - 6
    #expect(
      state.builder.responseScroll == 29 - min(Scroll.page, rows), "a page up: what the pane shows, less one line")
    _ = update(&state, .key(.character("/")))
    type("line 7", &state)
    _ = update(&state, .key(.enter))
    #expect(state.builder.responseScroll == 6)
  }

  @Test func wrappedLinesCanAllBeReachedInANarrowPane() {
    var state = builder()  // 80x24, not zoomed: the builder gets the wider column, still narrower than a line
    _ = update(&state, .key(.control("r")))
    let body = (1...10).map { "line \($0) " + String(repeating: "word ", count: 40) }.joined(separator: "\n")
    _ = update(&state, .fetched(id: 1, response: BuilderScreenTests.response(body: body, type: "text/plain")))
    for _ in 0..<20 { _ = update(&state, .key(.pageDown)) }
    let inner = Layout(state).panes[.builder]!.inner
    let lines = BuilderResponseView.lines(state.builder, width: inner.width - 2)
    #expect(lines.count > 30, "long lines wrap")
    #expect(state.builder.responseScroll == lines.count - 1, "the last wrapped line is reachable")
    _ = update(&state, .key(.character("/")))
    for character in "line 10" { _ = update(&state, .key(.character(character))) }
    _ = update(&state, .key(.enter))
    #expect(lines[state.builder.responseScroll].text.contains("line 10"), "search lands on the line shown")
  }

  @Test func historyIsBoundedAndReloads() {
    var state = builder()
    for index in 1...(BuilderState.historyLimit + 5) {
      state.builder.spec.url = "{{base}}/\(index)"
      _ = update(&state, .key(.control("r")))
      _ = update(&state, .fetched(id: index, response: BuilderScreenTests.response(body: "ok", type: "text/plain")))
    }
    #expect(state.builder.history.count == BuilderState.historyLimit)
    #expect(state.builder.history.first?.spec.url == "{{base}}/6")
    _ = update(&state, .key(.character("H")))
    _ = update(&state, .key(.up))  // the newest is drawn first and selected: ↑ stays on it
    _ = update(&state, .key(.down))  // ↓ goes to the one sent before it
    _ = update(&state, .key(.enter))
    #expect(state.builder.spec.url == "{{base}}/104")
  }

  @Test func aBurstRunsAndSummarises() {
    var state = builder()
    _ = update(&state, .key(.character("B")))
    _ = update(&state, .key(.control("u")))
    type("20", &state)
    _ = update(&state, .key(.tab))
    _ = update(&state, .key(.control("u")))
    type("5", &state)
    let effects = update(&state, .key(.enter))
    #expect(effects == [.burst(id: 1, spec: state.builder.spec, variables: state.variables, count: 20, concurrency: 5)])
    _ = update(&state, .burstResults(id: 1, (1...20).map { BurstSample(seconds: Double($0) / 1000, status: 200) }))
    _ = update(&state, .burstFinished(id: 1, wallTime: 0.1))
    let burst = try! #require(state.builder.burst)
    #expect(burst.finished && burst.statuses == [200: 20])
    #expect(burst.percentile(0.5) == 0.010 && burst.percentile(0.9) == 0.018 && burst.percentile(0.99) == 0.020)
    #expect(burst.histogram(buckets: 4) == [5, 5, 5, 5])
  }

  @Test func textFieldsHaveTheKeysPeopleExpect() {
    var field = TextField("GET /items/42 now")
    _ = field.apply(.alt("b"))
    #expect(field.cursor == 14)
    _ = field.apply(.control("w"))
    #expect(field.text == "GET /items/now")
    _ = field.apply(.control("z"))
    #expect(field.text == "GET /items/42 now", "undo")
    _ = field.apply(.home)
    _ = field.apply(.alt("f"))
    #expect(field.cursor == 3)
    var area = TextArea("{\n}")
    _ = area.apply(.up)
    _ = area.apply(.end)
    _ = area.apply(.enter)
    area.insert("\"a\": 1")
    #expect(area.text == "{\n\"a\": 1\n}")
    _ = area.apply(.backspace)
    _ = area.apply(.control("z"))
    #expect(area.text == "{\n\"a\": 1\n}")
  }
}

@Suite struct BuilderMoreTests {
  @Test func aPastedMultiLineCurlCommandIsReadWhole() {
    var state = Fixtures.state()
    state.focus = .builder
    _ = update(&state, .key(.character("i")))
    for character in "curl -X POST {{base}}/echo \\" { _ = update(&state, .key(.character(character))) }
    _ = update(&state, .key(.enter))  // the paste's line break after the backslash
    for character in "  -H 'X-A: 1'" { _ = update(&state, .key(.character(character))) }
    _ = update(&state, .key(.enter))
    #expect(state.builder.overlay == nil)
    #expect(state.builder.spec.method == "POST" && state.builder.spec.header("X-A") == "1")
  }

  @Test func aClickOnATabOpensThatSection() {
    var state = Fixtures.state(width: 120, height: 40)
    let rect = Layout(state).panes[.builder]!.inner
    let tabs = BuilderView.tabs(state.builder, x: rect.x + 1, width: rect.width - 2)
    let headers = tabs.first { $0.section == .headers }!
    _ = update(&state, .click(x: headers.columns.lowerBound + 1, y: rect.y + 2))
    #expect(state.focus == .builder && state.builder.section == .headers)
  }

  @Test func historyIsSavedAndACorruptFileIsSetAside() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("squall-history-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let runner = BuilderRunner(
      makeClient: { _ in AsyncHTTPClient() }, store: StateStore(directory: folder),
      collection: RequestCollection(folder: folder.appendingPathComponent("requests")), push: { _ in })
    let item = HistoryItem(
      spec: RequestSpec(url: "{{base}}/x"), sentAt: Fixtures.noon, status: 200, summary: "GET → 200", duration: 0.01,
      size: 12)
    #expect(runner.saveHistory([item]) == nil)
    #expect(runner.loadHistory().items == [item] && runner.loadHistory().problem == nil)
    try Data("[{\"spec\": ".utf8).write(to: folder.appendingPathComponent("history.json"))
    let (items, problem) = runner.loadHistory()
    #expect(items.isEmpty)
    #expect(problem?.hasPrefix("Could not read \(folder.path)/history.json") == true)
    #expect(problem?.contains("moved it to history.json.corrupt-") == true)
    let aside = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasPrefix("history.json.corrupt-")
    }
    #expect(aside.count == 1, "set aside, not emptied")
  }
}

@Suite struct LessonProgressTests {
  @Test func progressFromALongerVersionOfALessonStaysInRange() {
    var state = Fixtures.state()
    state.focus = .lessons
    var saved = LessonProgress()
    saved.current = 9
    saved.done = [0, 7]
    saved.hints = [9: 1]
    state.lessons.progress["01-hello.md"] = saved
    _ = update(&state, .key(.enter))
    _ = update(&state, .key(.character("h")))
    _ = update(&state, .key(.character("n")))
    let progress = state.lessons.progress(of: state.lessons.lessons[0])
    #expect(progress.current == 1 && progress.done == [0])
  }
}

@Suite struct MaxClientsAndRoutesTests {
  @Test func maxClientsIsRaisedInOptionsAndTheBurstFormSaysWhatItDoes() {
    var state = Fixtures.state()
    state.focus = .builder
    _ = update(&state, .key(.character("5")))
    for _ in 0..<OptionRow.maxClients.rawValue { _ = update(&state, .key(.down)) }
    _ = update(&state, .key(.enter))
    for character in "500" { _ = update(&state, .key(.character(character))) }
    #expect(update(&state, .key(.enter)).isEmpty)
    #expect(state.messageIsError && state.message.contains("1 to 200") && state.builder.maxClients == 10)
    _ = update(&state, .key(.control("u")))
    for character in "50" { _ = update(&state, .key(.character(character))) }
    #expect(update(&state, .key(.enter)) == [.setMaxClients(50)])
    #expect(state.builder.maxClients == 50 && state.builder.editor == nil)
    #expect(update(&state, .key(.character("d"))) == [.setMaxClients(10)], "d: back to Tornado's default")
    // The burst form says why 50 at once shows 10 connections.
    _ = update(&state, .key(.character("B")))
    var canvas = GridCanvas(width: 120, height: 40)
    render(state, into: &canvas)
    #expect(canvas.text.contains("The client opens at most 10"))
    _ = update(&state, .key(.tab))
    _ = update(&state, .key(.control("u")))
    for character in "50" { _ = update(&state, .key(.character(character))) }
    _ = update(&state, .key(.enter))
    #expect(state.message.hasSuffix("(the client sends 10 at a time, its maxClients; the rest queue)"))
  }

  @Test func theServerPaneListsEveryRouteOfTheApp() {
    let echo = ServerView.routeLines(Examples.named("echo")!.routeDescriptions, width: 60, detailed: false).joined(
      separator: " ")
    for path in ["/echo", "/greet/NAME", "/slow", "/stream", "/redirect", "/blocking", "/hi/NAME", "/form"] {
      #expect(echo.contains(" \(path)"), "\(path) in \(echo)")
    }
    let zoomed = ServerView.routeLines(Examples.named("echo")!.routeDescriptions, width: 60, detailed: true)
    #expect(zoomed.contains("Route /blocking  →  BlockingHandler (GET ?delay=S: sleeps S seconds, blocking its loop)"))
    #expect(
      ServerView.routeLines(Examples.named("hello")!.routeDescriptions, width: 60, detailed: false)
        == ["Route /  →  MainHandler (GET: Hello, world)"])
  }
}
