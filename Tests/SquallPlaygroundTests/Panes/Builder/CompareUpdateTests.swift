import Foundation
import SquallCompare
import SquallTransport
import SquallValues
import Testing

@testable import SquallPlayground
@testable import SquallPlaygroundCore

/// The Tornado reference (T) and the builder's Compare (=), through `update`: the effects
/// asked for, the states the Server pane and the Compare tab show.
struct CompareUpdateTests {
  static func running() -> PlaygroundState {
    var state = Fixtures.state(width: 120, height: 40)
    state.focus = .server
    _ = update(&state, .key(.character("T")))
    _ = update(&state, .tornadoStarted(app: .hello, port: 8889, version: "6.6.1"))
    return state
  }

  static func screen(_ state: PlaygroundState) -> String {
    var canvas = GridCanvas(width: state.size.width, height: state.size.height)
    render(state, into: &canvas)
    return canvas.text
  }

  /// Found by the tmux walk: the reference restarted with a lesson's app and its news replaced
  /// the lesson's own words in the status bar. Asked for with T it is the answer; following
  /// the app it is background news, which waits for a fresh message to age.
  @Test func theReferenceFollowingTheAppDoesNotTalkOverAFreshMessage() {
    var state = Self.running()
    #expect(state.message.hasPrefix("Tornado 6.6.1 serves the hello app"), "asked for with T: said")
    _ = update(&state, .key(.character("A")))
    _ = update(&state, .tornadoStarted(app: .echo, port: 8890, version: "6.6.1"))
    #expect(state.message.hasPrefix("Tornado 6.6.1 serves the echo app"), "A is the user's: its news is said")
    _ = state.server.followApp()  // what a lesson's setup does
    state.server.app = .hello
    _ = state.server.followApp()
    state.setMessage("Lesson 21: A WebSocket echo.")
    _ = update(&state, .tornadoStarted(app: .hello, port: 8891, version: "6.6.1"))
    #expect(state.message == "Lesson 21: A WebSocket echo.")
    #expect(state.server.tornado == .running(app: .hello, port: 8891, version: "6.6.1"))
  }

  @Test func tStartsAndStopsTheReferenceAndItFollowsTheApp() {
    var state = Fixtures.state(width: 120, height: 40)
    state.focus = .server
    #expect(update(&state, .key(.character("T"))) == [.startTornado(app: .hello)])
    #expect(state.server.tornado == .starting(app: .hello))
    _ = update(&state, .tornadoStarted(app: .hello, port: 8889, version: "6.6.1"))
    #expect(state.server.tornado == .running(app: .hello, port: 8889, version: "6.6.1"))
    #expect(Self.screen(state).contains("Tornado 6.6.1 reference on :8889 · T stops"))
    let switched = update(&state, .key(.character("A")))
    #expect(switched.contains(.startTornado(app: .echo)), "Tornado serves the app Squall serves")
    #expect(update(&state, .key(.character("T"))) == [.stopTornado])
    #expect(state.server.tornado == .off)
    // A start reported after the stop changes nothing.
    _ = update(&state, .tornadoStarted(app: .echo, port: 8890, version: "6.6.1"))
    #expect(state.server.tornado == .off)
  }

  @Test func withoutTornadoThePaneSaysHowToInstallItAndNothingElseChanges() {
    var state = Fixtures.state(width: 120, height: 40)
    state.focus = .server
    _ = update(&state, .key(.character("T")))
    let why = "Tornado is not installed for /usr/bin/python3: " + TornadoTwin.installHint
    _ = update(&state, .tornadoFailed(why))
    #expect(state.server.tornado == .unavailable(why))
    #expect(Self.screen(state).contains("Tornado reference: Tornado is not installed"))
    #expect(state.server.status == .running, "the Squall server goes on")
    state.focus = .builder
    #expect(update(&state, .key(.character("="))) == [])
    #expect(state.message.hasPrefix("No Tornado reference: Tornado is not installed"))
    #expect(state.messageIsError)
  }

  @Test func equalsComparesOnceTheReferenceRuns() {
    var state = Fixtures.state(width: 120, height: 40)
    state.focus = .builder
    #expect(update(&state, .key(.character("="))) == [])
    #expect(state.message == "Compare needs the Tornado reference: T in the Server pane (F1) starts it.")
    state = Self.running()
    state.focus = .builder
    let effects = update(&state, .key(.character("=")))
    guard case .network(.compare(let id, _, _, let squallPort, let tornadoPort))? = effects.first else {
      Issue.record("= asks for a comparison: \(effects)")
      return
    }
    #expect(squallPort == 8888 && tornadoPort == 8889 && id == state.builder.sent)
  }

  @Test func theCompareTabShowsBothAnswersAndTheDocumentedDifference() {
    var state = Self.running()
    state.focus = .builder
    state.builder.spec.method = "POST"
    _ = update(&state, .key(.character("=")))
    let request = WireRequest(method: "POST", target: "/")
    func answer(_ server: String, allow: Bool) -> WireResponse {
      WireResponse(
        status: 405, reason: "Method Not Allowed",
        headers: [HeaderLine("Server", server), HeaderLine("Content-Type", "text/html; charset=UTF-8")]
          + (allow ? [HeaderLine("Allow", "GET")] : []) + [HeaderLine("Content-Length", "0")], body: [],
        framing: "length")
    }
    let outcome = CompareOutcome(
      request: request, url: "http://127.0.0.1:8888/",
      result: .compared(
        tornado: answer("TornadoServer/6.6.1", allow: false), squall: answer("SquallServer/0.1.0", allow: true),
        version: "6.6.1"))
    let before = state.log.store.total
    _ = update(&state, .compared(id: state.builder.sent, outcome))
    #expect(state.builder.comparison?.verdict == .documented)
    #expect(state.builder.responseTab == .compare)
    #expect(state.log.store.total == before + 1, "the exchange is in the log")
    #expect(
      state.message.hasPrefix("Compared: The same apart from one documented difference (see README): Squall's 405"))
    let screen = Self.screen(state)
    #expect(screen.contains("≈ Allow: Squall's 405 names the"))
    #expect(screen.contains("Tornado: — · Squall: GET"))
    // An older comparison arriving late is dropped.
    _ = update(&state, .key(.character("=")))
    _ = update(
      &state, .compared(id: state.builder.sent - 1, CompareOutcome(request: request, url: "", result: .failed("x"))))
    #expect(!state.message.hasPrefix("Compare: x"))
  }

  /// On the faults app, `=` compares answers no parser reads as bytes: the error, then the rows.
  @Test func answersNoParserReadsAreComparedAsBytes() {
    var state = Self.running()
    state.focus = .builder
    _ = update(&state, .key(.character("=")))
    let bytes = WireFault.shortBody.bytes()
    let said = "the answer could not be read: stream ended at an unexpected time"
    let outcome = CompareOutcome(
      request: WireRequest(method: "GET", target: "/fault/short-body"), url: "http://127.0.0.1:8888/fault/short-body",
      result: .comparedRaw(
        tornado: RawAnswer(bytes: bytes, end: .closed, parserSaid: said),
        squall: RawAnswer(bytes: bytes, end: .closed, parserSaid: said), version: "6.6.1"))
    _ = update(&state, .compared(id: state.builder.sent, outcome))
    #expect(state.builder.comparison?.verdict == .same && state.builder.comparison?.raw == true)
    #expect(state.message == "Compared as bytes: The same bytes on the wire, and the same end.")
    let screen = Self.screen(state)
    #expect(screen.contains("Not an answer HTTP's parser reads"))
    #expect(screen.contains("= bytes: 95 bytes"))
    #expect(screen.contains("= end: closed (FIN)"))
  }
}
