import Foundation
import SquallRequests
import Testing

@testable import SquallPlayground
@testable import SquallPlaygroundCore

/// The one keymap: keys, help, keys bar, palette and the Keys article are made from it, and a key that
/// does not apply where it is pressed says where it works.
@Suite struct KeymapTests {
  func builder(_ section: BuilderState.Section = .params) -> PlaygroundState {
    var state = Fixtures.state()
    state.focus = .builder
    state.builder.section = section
    return state
  }

  @Test func everyCommandHasAKeyAndEveryBindingCanBeReached() {
    let bound = Set(Keymap.bindings.map(\.command))
    #expect(Set(Command.allCases).subtracting(bound).isEmpty, "a command no key runs")
    for pane in [nil] + Pane.allCases.map(Optional.some) {
      let scope = Keymap.bindings.filter { $0.pane == pane }
      for (index, binding) in scope.enumerated() {
        for key in binding.keys {
          let shadowing = scope[..<index].first { $0.keys.contains(key) && $0.when == .always }
          #expect(shadowing == nil, "\(key.label) in \(pane?.title ?? "everywhere"): \(binding.command) never runs")
        }
      }
    }
    // A pane never takes a key that works everywhere (Esc aside: it closes what the pane shows first).
    let global = Set(Keymap.bindings(of: nil).flatMap(\.keys)).subtracting([.escape])
    for binding in Keymap.bindings where binding.pane != nil {
      #expect(global.isDisjoint(with: binding.keys), "\(binding.command) takes a key of everywhere")
    }
  }

  @Test func aKeyThatDoesNotApplySaysWhereItWorks() {
    var state = builder(.response)
    #expect(update(&state, .key(.character("k"))).isEmpty)
    #expect(state.builder.spec.bodyKind == .none)
    #expect(
      state.message
        == "k: the body kind: none, raw, JSON, form, multipart — it works in the Body section (press 3 first).")
    state.focus = .server
    _ = update(&state, .key(.character("x")))
    #expect(state.message.hasPrefix("x does nothing in the Server pane; in Request builder (F2) it does: export"))
    _ = update(&state, .key(.character("Q")))
    #expect(state.message == "Q does nothing here: ? lists this pane's keys, Ctrl-P finds any command by name.")
  }

  @Test func enterActivatesTheRowAndCtrlRSendsFromEverySection() {
    var state = builder(.options)
    // requestTimeout: Enter edits it, nothing is sent.
    #expect(update(&state, .key(.enter)).isEmpty)
    guard case .option(index: 0, _) = state.builder.editor else {
      Issue.record("Enter on requestTimeout opens its field: \(String(describing: state.builder.editor))")
      return
    }
    _ = update(&state, .key(.escape))
    // followRedirects: Enter toggles it.
    _ = update(&state, .key(.down))
    _ = update(&state, .key(.down))
    #expect(update(&state, .key(.enter)).isEmpty)
    #expect(state.builder.spec.options.followRedirects == false && state.builder.editor == nil)
    // Params with no rows: Enter adds one.
    state.builder.section = .params
    _ = update(&state, .key(.enter))
    #expect(state.builder.editor == .row(.table(0), name: TextField(), value: TextField(), onValue: false))
    _ = update(&state, .key(.escape))
    for section in BuilderState.Section.allCases {
      var sending = builder(section)
      let effects = update(&sending, .key(.control("r")))
      #expect(effects.count == 1 && sending.builder.inFlight != nil, "Ctrl-R sends from \(section.title)")
    }
    // Enter on the Response section says how to send.
    var response = builder(.response)
    #expect(update(&response, .key(.enter)).isEmpty)
    #expect(
      response.message.contains("it works in the Params (1), Headers (2), Body (3), Auth (4), Options (5) sections"))
  }

  @Test func typingInAFieldNeverFiresACommand() {
    var state = builder(.headers)
    _ = update(&state, .key(.character("a")))
    for character in "HOST: xBNowq" { _ = update(&state, .key(.character(character))) }
    #expect(state.builder.overlay == nil && !state.quitting && state.focus == .builder)
    guard case .row(_, let name, _, _) = state.builder.editor else {
      Issue.record("the header row is still being typed")
      return
    }
    #expect(name.text == "HOST: xBNowq")
  }

  @Test func vimMovesInListsAndViews() {
    var state = Fixtures.state()
    Fixtures.busyLog(&state)
    state.focus = .log
    let ids = state.log.visible.map(\.id)
    _ = update(&state, .key(.character("k")))
    #expect(state.log.selectedID == ids[ids.count - 2])
    _ = update(&state, .key(.character("g")))
    #expect(state.log.selectedID == ids[0])
    _ = update(&state, .key(.character("j")))
    #expect(state.log.selectedID == ids[1])
    _ = update(&state, .key(.character("G")))
    #expect(state.log.selectedID == nil, "following the newest again")
    state.focus = .server
    _ = update(&state, .key(.character("j")))
    _ = update(&state, .key(.character("j")))
    #expect(state.server.selection == 2)
    _ = update(&state, .key(.character("g")))
    #expect(state.server.selection == 0)
  }

  @Test func enterOpensTheFilteredRowShown() {
    var state = Fixtures.state()
    Fixtures.busyLog(&state)
    state.focus = .log
    let first = state.log.visible[0]
    state.log.selectedID = first.id
    // A filter that hides the selected exchange: Enter opens the newest one shown, at once.
    _ = update(&state, .key(.character("/")))
    for character in "404" { _ = update(&state, .key(.character(character))) }
    _ = update(&state, .key(.enter))
    _ = update(&state, .key(.enter))
    let shown = state.log.visible
    #expect(state.log.expanded && state.log.selectedID == shown.last?.id && shown.last?.id != first.id)
  }

  @Test func thePaletteFindsAndRunsAnyCommand() {
    var state = builder()
    _ = update(&state, .key(.control("p")))
    #expect(state.palette != nil && state.isTyping)
    for character in "har" { _ = update(&state, .key(.character(character))) }
    #expect(PaletteState.matches("har").first?.command == .log(.exportHAR))
    Fixtures.busyLog(&state)
    let effects = update(&state, .key(.enter))
    #expect(state.palette == nil && state.focus == .log)
    #expect(effects == [.exportHAR(Array(state.log.store.entries))])
    // `:` opens it too; a command of a builder section shows that section first.
    state.focus = .builder
    _ = update(&state, .key(.character(":")))
    for character in "body kind" { _ = update(&state, .key(.character(character))) }
    _ = update(&state, .key(.enter))
    #expect(state.builder.section == .body && state.builder.spec.bodyKind == .raw)
    // Esc closes it without running anything; nothing matching says so.
    _ = update(&state, .key(.control("p")))
    for character in "zzzz" { _ = update(&state, .key(.character(character))) }
    #expect(update(&state, .key(.enter)).isEmpty && state.messageIsError)
    _ = update(&state, .key(.escape))
    #expect(state.palette == nil)
  }

  @Test func helpAndTheKeysBarComeFromTheKeymap() {
    var state = builder(.body)
    let help = HelpView.lines(for: .builder, width: 200).map(\.text).joined(separator: "\n")
    for binding in Keymap.bindings(of: .builder) + Keymap.bindings(of: nil) {
      #expect(help.contains(binding.summary), "help lists \(binding.command)")
    }
    #expect(help.contains("In a text field") && help.contains("Ctrl-W"))
    // A key bound more than once in a pane says where each binding works.
    let log = HelpView.lines(for: .log, width: 200).map(\.text).joined(separator: "\n")
    #expect(log.contains("pick the request before — in the timeline (t shows it)"))
    #expect(log.contains("select the exchange above — in the list"))
    #expect(!log.contains("clear the log —"), "a key bound once says nothing more")
    #expect(commandHints(state).hasPrefix("Ctrl-R send · Enter edit · u URL · m method · 1-6 section"))
    #expect(commandHints(state).contains("k kind"))
    state.builder.section = .response
    #expect(!commandHints(state).contains("k kind") && commandHints(state).contains("[ ] tabs"))
  }

  @Test func theKeysArticleTableIsTheKeymap() throws {
    try DocumentSection.check(
      DocumentSection.playgroundCatalog + "Keys.md",
      between: "<!-- keys:begin -->\n", and: "\n<!-- keys:end -->", is: KeymapDocument.markdown,
      regenerate: "SQUALL_UPDATE_GOLDEN=1 swift test --filter KeymapTests")
  }

}
