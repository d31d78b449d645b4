import Foundation
import Testing

@testable import SquallPlaygroundCore

/// A terminal shrunk below 80x24 mid-typing: what is pressed meanwhile waits and runs, in order,
/// once it is big enough again; nothing typed is lost, and nothing runs unseen.
@Suite struct TooSmallTerminalTests {
  private static func typeURL(_ state: inout PlaygroundState, _ text: String) {
    for character in text { _ = update(&state, .key(.character(character))) }
  }

  @Test func keysTypedWhileTooSmallRunWhenTheWindowGrowsBack() {
    var state = Fixtures.state()
    state.focus = .builder
    _ = update(&state, .key(.character("u")))
    _ = update(&state, .key(.control("u")))
    Self.typeURL(&state, "{{base}}/a")
    _ = update(&state, .resize(Size(width: 60, height: 20)))
    Self.typeURL(&state, "bc?q=1")  // q among them: typed, not a quit
    #expect(!state.quitting)
    #expect(state.builder.spec.url == "{{base}}/a", "nothing runs while it cannot be seen")
    var canvas = GridCanvas(width: 60, height: 20)
    render(state, into: &canvas)
    #expect(canvas.text.contains("6 keys pressed meanwhile wait to run."))
    #expect(canvas.text.contains("Esc drops them"))
    _ = update(&state, .resize(Size(width: 80, height: 24)))
    #expect(state.waitingKeys.keys.isEmpty)
    #expect(state.builder.isTyping, "still typing in the URL")
    _ = update(&state, .key(.enter))
    #expect(state.builder.spec.url == "{{base}}/abc?q=1")
  }

  @Test func escDropsWhatWaitsAndQQuitsOnlyWhenNothingWaits() {
    var state = Fixtures.state()
    _ = update(&state, .resize(Size(width: 40, height: 10)))
    _ = update(&state, .key(.character("s")))  // would stop the server
    #expect(update(&state, .key(.character("q"))) == [], "q waits behind the s, as typed")
    #expect(state.waitingKeys.keys == [.character("s"), .character("q")])
    _ = update(&state, .key(.escape))
    #expect(state.waitingKeys.keys.isEmpty)
    _ = update(&state, .resize(Size(width: 100, height: 30)))
    #expect(state.server.status == .running && !state.quitting, "dropped keys never run")
    _ = update(&state, .resize(Size(width: 40, height: 10)))
    #expect(update(&state, .key(.character("q"))) == [.quit])
  }

  @Test func pastTheLimitKeysAreCountedAndSaidWhenItGrows() {
    var state = Fixtures.state()
    state.focus = .builder
    _ = update(&state, .key(.character("u")))
    _ = update(&state, .resize(Size(width: 40, height: 10)))
    for _ in 0..<(PlaygroundState.waitingKeyLimit + 3) { _ = update(&state, .key(.character("x"))) }
    #expect(state.waitingKeys.keys.count == PlaygroundState.waitingKeyLimit)
    #expect(state.waitingKeys.refused == 3)
    var canvas = GridCanvas(width: 40, height: 10)
    render(state, into: &canvas)
    #expect(canvas.text.contains("3 more not taken"))
    _ = update(&state, .resize(Size(width: 80, height: 24)))
    #expect(state.message.contains("3 keys were not taken while the window was too small"))
    #expect(state.messageIsError)
  }

  @Test func theWirePreviewOpenedByWaitingKeysShowsTheEditsThatFollowedIt() {
    var state = Fixtures.state()
    state.focus = .builder
    _ = update(&state, .resize(Size(width: 60, height: 20)))
    for key: Key in [.character("W"), .character("u"), .character("x")] { _ = update(&state, .key(key)) }
    let effects = update(&state, .resize(Size(width: 80, height: 24)))
    #expect(state.builder.showsWire)
    #expect(effects.last == .previewWire(spec: state.builder.spec, variables: state.variables))
    #expect(state.builder.spec.url.hasSuffix("x"), "the edit ran after W")
  }

  @Test func aQuitAmongTheWaitingKeysEndsThem() {
    var state = Fixtures.state()
    _ = update(&state, .resize(Size(width: 60, height: 20)))
    _ = update(&state, .key(.character("?")))  // help: a key that waits, so q waits behind it
    _ = update(&state, .key(.character("q")))
    _ = update(&state, .key(.character("s")))
    #expect(state.waitingKeys.keys.count == 3)
    _ = update(&state, .resize(Size(width: 80, height: 24)))
    #expect(state.server.status == .running, "nothing runs after the quit")
  }

  @Test func whileTypingTheScreenDoesNotOfferQAndUnknownKeysOrClicksDoNotWait() {
    var state = Fixtures.state()
    state.focus = .builder
    _ = update(&state, .key(.character("u")))
    _ = update(&state, .resize(Size(width: 60, height: 20)))
    var canvas = GridCanvas(width: 60, height: 20)
    render(state, into: &canvas)
    #expect(!canvas.text.contains("press q"))
    #expect(canvas.text.contains("what you type waits"))
    _ = update(&state, .key(.unknown("\\e[99~")))
    _ = update(&state, .click(x: 3, y: 3))
    _ = update(&state, .scroll(x: 3, y: 3, lines: 2))
    #expect(state.waitingKeys.keys.isEmpty && state.focus == .builder)
  }
}
