import Foundation
import Testing

@testable import SquallPlayground
@testable import SquallPlaygroundCore

/// The reducer, driven directly: keys, server and client events, and the effects asked for.
@Suite struct UpdateTests {
  @Test func tabCyclesFocusAndClicksMoveIt() {
    var state = Fixtures.state()
    #expect(state.focus == .server)
    _ = update(&state, .key(.tab))
    #expect(state.focus == .builder)
    _ = update(&state, .key(.backTab))
    _ = update(&state, .key(.backTab))
    #expect(state.focus == .lessons)
    _ = update(&state, .click(x: 70, y: 3))  // inside the log pane at 80x24
    #expect(state.focus == .log)
    _ = update(&state, .key(.function(2)))
    #expect(state.focus == .builder)
  }

  /// The runtime's first event: the terminal and the state files, applied by `update`.
  @Test func theLaunchEventSetsWhatTheRuntimeFoundAndStartsTheServer() {
    var state = Fixtures.state()
    state.server.status = .stopped
    var launch = Launch(size: Size(width: 100, height: 30), colour: false, startServer: true)
    launch.variables = ["token": "abc"]
    launch.routes = [MockRoute(method: "GET", pattern: "/ping", body: "pong")]
    let effects = update(&state, .launched(launch))
    #expect(state.size == Size(width: 100, height: 30) && !state.colour)
    #expect(state.builder.userVariables == ["token": "abc"] && state.server.routes.count == 1)
    #expect(state.server.status == .starting)
    let expected = ServerLaunch(
      host: "127.0.0.1", port: 8888, anyFreeIfTaken: false, app: .hello, routes: launch.routes,
      options: ServerOptions())
    #expect(effects == [.startServer(expected)], "the server starts with the saved routes")

    var quiet = Fixtures.state()
    launch.startServer = false
    launch.problem = "history.json could not be read; it was set aside as history.json.corrupt"
    #expect(update(&quiet, .launched(launch)).isEmpty)
    #expect(quiet.message.hasPrefix(launch.problem!) && quiet.messageIsError, "a state file's problem is not hidden")
    #expect(quiet.message.hasSuffix("press s to start it."), "nor is the way to start the server")
    launch.problem = nil
    _ = update(&quiet, .launched(launch))
    #expect(quiet.message.hasPrefix("Server stopped (--no-server)."))
  }

  @Test func hangingUpQuitsAndTheQueuesDropsAreCounted() {
    var state = Fixtures.state()
    _ = update(&state, .queueDropped(12))
    #expect(state.log.droppedUnderLoad == 12)
    #expect(update(&state, .hangUp) == [.quit] && state.quitting)
  }

  @Test func clickingALogRowSelectsIt() {
    var state = Fixtures.state()
    Fixtures.busyLog(&state)
    // At 80x24 the log list starts on row 2 (border, filter line); row 3 is the second entry.
    _ = update(&state, .click(x: 60, y: 3))
    #expect(state.focus == .log)
    #expect(state.log.selectedID == state.log.visible[1].id)
  }

  @Test func helpZoomAndQuit() {
    var state = Fixtures.state()
    _ = update(&state, .key(.character("?")))
    #expect(state.showHelp)
    #expect(update(&state, .key(.character("s"))).isEmpty, "keys do nothing else while help is open")
    _ = update(&state, .key(.escape))
    #expect(!state.showHelp)
    _ = update(&state, .key(.character("z")))
    #expect(state.zoomed)
    _ = update(&state, .key(.escape))
    #expect(!state.zoomed)
    #expect(update(&state, .key(.character("q"))) == [.quit])
    #expect(state.quitting)
    var other = Fixtures.state()
    other.builder.editor = .url(TextField())
    #expect(update(&other, .key(.control("c"))) == [.quit], "Ctrl-C quits even while typing")
  }

  @Test func typingInAFieldDoesNotTriggerCommands() {
    var state = Fixtures.state()
    state.focus = .builder
    _ = update(&state, .key(.character("u")))
    #expect(state.builder.isTyping)
    _ = update(&state, .key(.control("u")))
    for character in "{{base}}/q?z=1&quit=q" { _ = update(&state, .key(.character(character))) }
    #expect(!state.quitting && !state.zoomed && state.focus == .builder)
    #expect(state.builder.spec.url == "{{base}}/q?z=1&quit=q")
    let effects = update(&state, .key(.enter))
    #expect(effects == [.send(id: 1, spec: state.builder.spec, variables: state.variables)])
    #expect(state.builder.inFlight?.url == "http://127.0.0.1:8888/q?z=1&quit=q")
  }

  @Test func serverStartStopAndPortInUseSuggestion() {
    var state = Fixtures.state()
    #expect(update(&state, .key(.character("s"))) == [.stopListening], "Tornado's stop(): open connections stay")
    _ = update(&state, .serverStopped)
    #expect(state.server.status == .stopped)
    #expect(update(&state, .key(.character("s"))) == [Expected.start(on: 8888)])
    _ = update(&state, .serverFailed(message: "Port 8888 is already in use on 127.0.0.1.", suggestedPort: 8889))
    #expect(state.messageIsError && state.message.contains("Press n to use port 8889"))
    #expect(update(&state, .key(.character("n"))) == [Expected.start(on: 8889)])
    _ = update(&state, .serverStarted(port: 8889))
    #expect(state.server.status == .running && state.server.port == 8889)
  }

  @Test func optionsAreEditedInPlaceAndValidated() {
    var state = Fixtures.state()
    _ = update(&state, .key(.down))  // maxBufferSize
    _ = update(&state, .key(.enter))
    _ = update(&state, .key(.control("u")))
    for character in "lots" { _ = update(&state, .key(.character(character))) }
    #expect(update(&state, .key(.enter)).isEmpty)
    #expect(state.messageIsError && state.message.contains("maxBufferSize wants a number of bytes"))
    #expect(state.server.options.maxBufferSize == 104_857_600, "a bad value changes nothing")
    // The value once typed after the old one (1048576001000, about 1 TB) is refused with the range.
    _ = update(&state, .key(.enter))
    _ = update(&state, .key(.control("u")))
    for character in "1048576001000" { _ = update(&state, .key(.character(character))) }
    #expect(update(&state, .key(.enter)).isEmpty)
    #expect(state.message == "maxBufferSize must be 1 to 4294967296 bytes (4 GiB); the old value stays")
    #expect(state.server.options.maxBufferSize == 104_857_600)
    _ = update(&state, .key(.enter))
    _ = update(&state, .key(.control("u")))
    for character in "1000" { _ = update(&state, .key(.character(character))) }
    #expect(
      update(&state, .key(.enter)) == [Expected.start(on: 8888, options: Expected.options { $0.maxBufferSize = 1000 })],
      "a running server restarts with it")
    #expect(state.server.options.maxBufferSize == 1000)
  }

  @Test func routeEditorValidatesSavesAndDeletes() throws {
    var state = Fixtures.state()
    _ = update(&state, .key(.character("a")))
    guard case .route = state.server.editor else {
      Issue.record("the form opens")
      return
    }
    _ = update(&state, .key(.tab))  // pattern
    _ = update(&state, .key(.control("u")))
    for character in "nope(" { _ = update(&state, .key(.character(character))) }
    #expect(update(&state, .key(.enter)).isEmpty)
    #expect(state.message == "The path pattern must start with /")
    _ = update(&state, .key(.control("u")))
    for character in "/items/(\\d+)" { _ = update(&state, .key(.character(character))) }
    _ = update(&state, .key(.tab))  // status
    _ = update(&state, .key(.control("u")))
    for character in "201" { _ = update(&state, .key(.character(character))) }
    let effects = update(&state, .key(.enter))
    let route = MockRoute(method: "GET", pattern: "/items/(\\d+)", status: 201, body: "Hello, {1}!")
    #expect(effects == [.saveRoutes([route]), Expected.start(on: 8888, routes: [route])])
    #expect(state.server.routes == [route])
    state.server.selection = ServerPaneState.settingLines
    #expect(update(&state, .key(.character("d"))) == [.saveRoutes([]), Expected.start(on: 8888)])
    #expect(state.server.routes.isEmpty)
  }

  @Test func logFilterPauseClearAndExport() {
    var state = Fixtures.state()
    Fixtures.busyLog(&state)
    state.focus = .log
    _ = update(&state, .key(.character("/")))
    for character in "4xx" { _ = update(&state, .key(.character(character))) }
    _ = update(&state, .key(.enter))
    #expect(state.log.visible.map(\.status) == [405, 404])
    state.log.filter = TextField("GET")
    #expect(state.log.visible.count == 4)
    state.log.filter = TextField("missing")
    #expect(state.log.visible.map(\.target) == ["/missing?q=caf%C3%A9"])
    state.log.filter = TextField()
    _ = update(&state, .key(.character("p")))
    _ = update(&state, .servedExchange(Fixtures.exchange("/later")))
    _ = update(&state, .servedExchange(Fixtures.exchange("/later-still")))
    #expect(state.log.store.entries.count == 7, "pausing keeps recording")
    #expect(state.log.visible.count == 5, "the view holds still while paused")
    #expect(state.log.arrivedWhilePaused == 2)
    #expect(
      update(&state, .key(.character("e"))) == [.exportHAR(Array(state.log.store.entries))],
      "an export during a pause has every exchange")
    _ = update(&state, .key(.character("p")))
    #expect(!state.log.paused && state.message.contains("2 exchanges arrived while paused"))
    #expect(state.log.visible.suffix(2).map(\.target) == ["/later", "/later-still"])
    _ = update(&state, .key(.character("c")))
    #expect(state.log.store.entries.isEmpty)
    #expect(state.log.store.countSummary == "0 · 7 cleared")
    #expect(update(&state, .key(.character("e"))).isEmpty, "nothing to export")
    #expect(state.message.hasPrefix("Nothing to export") && state.messageIsError)
  }

  @Test func xClearsTheFilterAndTheKeysBarSaysSo() {
    var state = Fixtures.state()
    Fixtures.busyLog(&state)
    state.focus = .log
    #expect(keyHints(state).contains("/ filter"))
    state.log.filter = TextField("404")
    #expect(keyHints(state).contains("x clear filter"))
    _ = update(&state, .key(.character("x")))
    #expect(state.log.filter.text.isEmpty && state.log.visible.count == 5)
  }

  @Test func escClosesTheExpandedEntryBeforeTheZoom() {
    var state = Fixtures.state()
    Fixtures.busyLog(&state)
    state.focus = .log
    _ = update(&state, .key(.character("z")))
    _ = update(&state, .key(.enter))
    #expect(state.zoomed && state.log.expanded)
    _ = update(&state, .key(.escape))
    #expect(state.zoomed && !state.log.expanded, "first Esc closes the entry")
    _ = update(&state, .key(.escape))
    #expect(!state.zoomed, "second Esc ends the zoom")
  }

  @Test func aRefusalBecomesALogEntryThatFiltersAsRefused() {
    var state = Fixtures.state()
    Fixtures.busyLog(&state)
    _ = update(&state, .refusedRequest(Fixtures.refusal()))
    let entry = state.log.store.entries.last
    #expect(entry?.status == 400 && entry?.method == "POST" && entry?.target == "/upload")
    #expect(entry?.refusal == "body larger than maxBufferSize (1024 bytes)")
    #expect(entry?.requestBodySize == 2048)
    state.log.filter = TextField("refused")
    #expect(state.log.visible.map(\.target) == ["/upload"])
  }

  @Test func answersToTheUserOutliveBackgroundNews() {
    var state = Fixtures.state()
    state.server.status = .running
    state.server.routes = [MockRoute(method: "GET", pattern: "/a")]
    state.server.selection = ServerPaneState.settingLines
    _ = update(&state, .key(.character("d")))
    #expect(state.message.contains("deleted. Press u to undo"))
    _ = update(&state, .serverStarted(port: 8888))
    #expect(state.message.contains("deleted. Press u to undo"), "the restart does not hide the answer")
    for _ in 0..<PlaygroundState.messageHoldTicks { _ = update(&state, .tick(ServerCounters())) }
    _ = update(&state, .serverStarted(port: 8888))
    #expect(state.message.hasPrefix("Server listening"), "after a few seconds news shows again")
  }

  @Test func uUndoesARouteDeletion() {
    var state = Fixtures.state()
    state.server.routes = [MockRoute(method: "GET", pattern: "/a"), MockRoute(method: "GET", pattern: "/b")]
    state.server.selection = ServerPaneState.settingLines
    let a = MockRoute(method: "GET", pattern: "/a")
    let b = MockRoute(method: "GET", pattern: "/b")
    #expect(update(&state, .key(.character("d"))) == [.saveRoutes([b]), Expected.start(on: 8888, routes: [b])])
    #expect(state.server.routes.map(\.pattern) == ["/b"])
    #expect(
      update(&state, .key(.character("u"))) == [.saveRoutes([a, b]), Expected.start(on: 8888, routes: [a, b])])
    #expect(state.server.routes.map(\.pattern) == ["/a", "/b"])
    _ = update(&state, .key(.character("u")))
    #expect(state.message == "u: bring back the route deleted last — it works after d deleted a route.")
  }

  @Test func booleanOptionsToggleWithSpaceOrEnter() {
    var state = Fixtures.state()
    state.server.selection = 1 + ServerOptions.names.firstIndex(of: "noKeepAlive")!
    _ = update(&state, .key(.character(" ")))
    #expect(state.server.options.noKeepAlive && state.server.editor == nil)
    _ = update(&state, .key(.enter))
    #expect(!state.server.options.noKeepAlive)
  }

  @Test func theRateHistoryKeepsTheLastMinute() {
    var state = Fixtures.state()
    for second in 1...70 {
      _ = update(
        &state,
        .tick(
          ServerCounters(
            connectionsOpen: 0, requests: second * 10, bytesRead: 0, bytesWritten: 0, statusClasses: [0, 0, 0, 0, 0])))
    }
    #expect(state.server.rateHistory.count == 60 && state.server.rateHistory.allSatisfy { $0 == 10 })
    #expect(Charts.sparkline([0, 1, 2, 4, 8], width: 7) == "▁▁▁▂▃▅█")
    #expect(Charts.statusBar([0, 3, 0, 1, 0], width: 8).map(\.0) == ["██████", "▒▒"])
  }

  @Test func aServedExchangeBecomesALogEntry() {
    var state = Fixtures.state()
    _ = update(&state, .servedExchange(Fixtures.exchange("/items?id=7")))
    let entry = state.log.store.entries.last
    #expect(entry?.direction == .served)
    #expect(entry?.method == "POST" && entry?.target == "/items?id=7" && entry?.status == 201)
    #expect(entry?.requestHeaders.first { $0.0 == "Host" }?.1 == "127.0.0.1:8888")
    #expect(entry.map { String(decoding: $0.requestBody, as: UTF8.self) } == "a=1")
    #expect(entry.map { String(decoding: $0.responseBody, as: UTF8.self) } == "created")
    #expect(
      entry.map { String(decoding: $0.rawRequest, as: UTF8.self) }?.hasPrefix("POST /items?id=7 HTTP/1.1\r\n") == true)
    #expect(entry?.time == Fixtures.noon)
  }

  @Test func theLogRingStaysBounded() {
    var store = LogStore(capacity: 1_000)
    let entry = Fixtures.served("GET", "/", status: 200, reason: "OK", second: 0)
    for _ in 0..<100_000 { store.append(entry) }
    #expect(store.entries.count == 1_000)
    #expect(store.total == 100_000 && store.dropped == 99_000)
    #expect(store.entries.last?.id == 100_000)
  }

  @Test func tickComputesRequestsPerSecond() {
    var state = Fixtures.state()
    _ = update(
      &state,
      .tick(
        ServerCounters(
          connectionsOpen: 2, requests: 100, bytesRead: 0, bytesWritten: 0, statusClasses: [0, 100, 0, 0, 0])))
    _ = update(
      &state,
      .tick(
        ServerCounters(
          connectionsOpen: 2, requests: 350, bytesRead: 0, bytesWritten: 0, statusClasses: [0, 350, 0, 0, 0])))
    #expect(state.server.requestsPerSecond == 250)
  }

  @Test func mockRouteTemplates() {
    let text = MockRoute.render(
      "{1} and {2}, {who}, q={query:q}, {method} {path} {unknown}", args: ["a", "b"], kwargs: ["who": "Ada"],
      query: { $0 == "q" ? "42" : nil }, method: "GET", path: "/x")
    #expect(text == "a and b, Ada, q=42, GET /x {unknown}")
    let json = MockRoute.render(
      #"{"name": "{1}", "n": {2}}"#, args: ["Ada", "7"], kwargs: [:], query: { _ in nil }, method: "GET", path: "/")
    #expect(json == #"{"name": "Ada", "n": 7}"#, "a JSON template starting with { is substituted")
    let literal = MockRoute.render("{{1}} is {1}", args: ["x"], kwargs: [:], query: { _ in nil }, method: "", path: "")
    #expect(literal == "{1} is x")
  }
}

/// A field opened on a value selects it: typing replaces it, an arrow key keeps it for editing
/// (typing after the old value once made `maxBufferSize` 1048576001000).
@Suite struct FieldsReplaceTests {
  @Test func typingReplacesASelectedValueAndArrowsKeepIt() {
    var field = TextField("104857600", selectingAll: true)
    for character in "1000" { _ = field.apply(.character(character)) }
    #expect(field.text == "1000" && field.cursor == 4 && !field.selectsAll)
    for _ in 0..<4 { _ = field.apply(.control("z")) }  // one step per key typed
    #expect(field.text == "104857600", "undo brings the old value back")

    var kept = TextField("/hello", selectingAll: true)
    _ = kept.apply(.end)
    for character in "/x" { _ = kept.apply(.character(character)) }
    #expect(kept.text == "/hello/x")

    var home = TextField("abc", selectingAll: true)
    _ = home.apply(.home)
    _ = home.apply(.character("z"))
    #expect(home.text == "zabc")

    var cleared = TextField("abc", selectingAll: true)
    _ = cleared.apply(.backspace)
    #expect(cleared.text == "" && cleared.cursor == 0)

    var ignored = TextField("abc", selectingAll: true)
    _ = ignored.apply(.character("\u{1B}"))
    #expect(ignored.text == "abc" && ignored.selectsAll, "a control character is not typing")
  }

  @Test func theServerPaneOptionIsReplacedNotAppended() {
    var state = Fixtures.state()
    _ = update(&state, .key(.down))  // maxBufferSize
    _ = update(&state, .key(.enter))
    for character in "1000" { _ = update(&state, .key(.character(character))) }
    #expect(
      update(&state, .key(.enter)) == [Expected.start(on: 8888, options: Expected.options { $0.maxBufferSize = 1000 })])
    #expect(state.server.options.maxBufferSize == 1000, "not 1048576001000")
  }

  @Test func theBurstFormsNumbersAreReplacedNotAppended() {
    var state = Fixtures.state()
    state.focus = .builder
    _ = update(&state, .key(.character("B")))
    for character in "20" { _ = update(&state, .key(.character(character))) }
    _ = update(&state, .key(.tab))
    for character in "5" { _ = update(&state, .key(.character(character))) }
    let effects = update(&state, .key(.enter))
    #expect(effects.contains { if case .network(.burst(_, _, _, 20, 5)) = $0 { true } else { false } }, "\(effects)")
  }
}

/// Opening the newest exchange and closing it goes back to following the log (a learner once
/// saw no new exchange for three lessons); closing an older one keeps the log still.
@Suite struct LogFollowTests {
  @Test func closingTheNewestEntryFollowsAgain() {
    var state = Fixtures.state()
    Fixtures.busyLog(&state)
    state.focus = .log
    _ = update(&state, .key(.end))
    _ = update(&state, .key(.enter))
    #expect(state.log.expanded && state.log.selectedID != nil)
    _ = update(&state, .key(.escape))
    #expect(state.log.selectedID == nil, "following again")
    _ = update(&state, .key(.up))
    _ = update(&state, .key(.enter))
    _ = update(&state, .key(.escape))
    #expect(state.log.selectedID != nil, "an older entry keeps the log still")
  }
}

/// A change that restarts the server leaves it "starting" until the restart is reported, so a
/// request is not sent to the server that is going away (a learner's request was refused so).
@Suite struct RestartStateTests {
  @Test func aRestartIsStartingUntilReportedAndASecondChangeRestartsAgain() {
    var state = Fixtures.state()
    state.server.routes = [MockRoute(method: "GET", pattern: "/a")]
    state.server.selection = ServerPaneState.settingLines
    let a = MockRoute(method: "GET", pattern: "/a")
    #expect(update(&state, .key(.character("d"))) == [.saveRoutes([]), Expected.start(on: 8888)])
    #expect(state.server.status == .starting)
    #expect(
      update(&state, .key(.character("u"))) == [.saveRoutes([a]), Expected.start(on: 8888, routes: [a])], "both changes"
    )
    _ = update(&state, .serverStarted(port: 8888))
    #expect(state.server.status == .running)
    state.server.status = .stopped
    #expect(update(&state, .key(.character("d"))) == [.saveRoutes([])], "a stopped server stays stopped")
  }
}
