import Foundation
import SquallRequests
import Testing

@testable import SquallPlaygroundCore

/// The overlays' and editors' keys as `Modal` lists them (the bar, help and the key table show
/// that list): each modal opens as `Modal.current` says, and each key it names does something
/// there — the screen changes or work is asked for.
@Suite struct ModalKeysTests {
  /// A playground with `modal` open, from the keys a user presses where one exists.
  static func opened(_ modal: Modal) -> PlaygroundState {
    var state = Fixtures.state()
    Fixtures.busyLog(&state)
    func press(_ keys: Key...) { for key in keys { _ = update(&state, .key(key)) } }
    switch modal {
    case .palette:
      press(.control("p"))
      for character in "zoom" { press(.character(character)) }  // Enter then runs a command that shows
    case .copyChooser:
      state.focus = .log
      press(.character("y"))
    case .help: press(.character("?"))
    case .messages:
      for index in 0..<40 { state.setMessage("message \(index)") }
      press(.character("M"))
    case .serverOption:
      state.focus = .server
      state.server.selection = 2
      press(.enter)
    case .routeEditor:
      state.focus = .server
      press(.character("a"))
    case .logFilter:
      state.focus = .log
      press(.character("/"))
    case .prediction:
      state = LessonPredictionTests.opened()
      press(.character("e"))
    case .methods, .history, .collection, .saveName, .importCurl, .export, .burst, .urlField, .rowEditor, .bodyEditor,
      .authEditor, .optionEditor, .search:
      state.focus = .builder
      openInBuilder(modal, &state)
    }
    return state
  }

  private static func openInBuilder(_ modal: Modal, _ state: inout PlaygroundState) {
    func press(_ keys: Key...) { for key in keys { _ = update(&state, .key(key)) } }
    switch modal {
    case .methods: press(.character("m"))
    case .history:
      let item = HistoryItem(
        spec: RequestSpec(), sentAt: Date(timeIntervalSince1970: 0), status: 200, summary: "GET /", duration: 0.01,
        size: 12)
      state.builder.history = [item, item]
      press(.character("H"))
    case .collection: _ = update(&state, .collectionListed(["login", "items"], problem: nil))
    case .saveName: press(.character("w"))
    case .importCurl: press(.character("i"))
    case .export: press(.character("x"), .tab)  // the Swift export: longer than the box
    case .burst: press(.character("B"))
    case .urlField: press(.character("u"), .character("x"))  // something to undo
    case .rowEditor: press(.character("2"), .character("a"))
    case .bodyEditor:
      state.builder.spec.bodyKind = .raw
      press(.character("3"), .character("e"), .character("x"))
    case .authEditor: press(.character("4"), .character("e"))
    case .optionEditor: press(.character("5"), .down, .character("e"))
    case .search:
      state.builder.response = BuilderScreenTests.response(body: "hello there", type: "text/plain")
      press(.character("6"), .character("/"))
    case .palette, .copyChooser, .help, .messages, .serverOption, .routeEditor, .logFilter, .prediction:
      Issue.record("\(modal) is not the builder's")
    }
  }

  /// The keys a row names, where they are single keys (typing and "any other key" left out).
  static func keys(_ row: Modal.Row) -> [Key] {
    let words: [String: [Key]] = [
      "Enter": [.enter], "Esc": [.escape], "Tab": [.tab], "↑↓": [.up, .down], "Tab/↑↓": [.tab, .up, .down],
      "Enter/Esc": [.enter, .escape], "↑↓ PgUp/PgDn": [.up, .down, .pageUp, .pageDown], "r": [.character("r")],
      "s": [.character("s")], "Ctrl-R": [.control("r")],
      "Ctrl-Z": [.control("z")],
    ]
    return words[row.keys] ?? []
  }

  static func screen(_ state: PlaygroundState) -> String {
    var canvas = GridCanvas(width: state.size.width, height: state.size.height)
    render(state, into: &canvas)
    return canvas.text
  }

  @Test(arguments: Modal.allCases) func eachListedKeyActs(_ modal: Modal) {
    let state = Self.opened(modal)
    #expect(Modal.current(state) == modal, "\(modal) opens")
    #expect(keyHints(state) == modal.bar, "the bar is the table's")
    let before = Self.screen(state)
    var tried = 0
    for row in modal.rows {
      let keys = Self.keys(row)
      guard !keys.isEmpty else { continue }
      tried += 1
      let acted = keys.contains { key in
        var after = state
        let effects = update(&after, .key(key))
        return !effects.isEmpty || Self.screen(after) != before
      }
      #expect(acted, "\(modal): \(row.keys) (\(row.does)) does nothing")
    }
    #expect(tried > 0 || modal == .help || modal == .messages, "\(modal) names keys the test can press")
  }

  @Test func helpAndTheKeyTableListEveryModal() {
    let table = KeymapDocument.markdown
    for modal in Modal.allCases {
      #expect(table.contains("| \(modal.title) |"), "the key table lists \(modal.title)")
      for pane in Pane.allCases {
        let listed = HelpView.lines(for: pane, width: 70).contains { $0.text == modal.title }
        #expect(listed == modal.panes.contains(pane), "\(pane.title)'s help and \(modal.title)")
      }
    }
  }
}
