/// The keys of what takes the keyboard for a while: overlays, editors, the filter. Its one
/// table makes the keys bar while it is open (`keyHints`), the `?` help's sections and the key
/// table (`KeymapDocument`), so none of them says a key the others do not. The keys are
/// handled by each modal's own update (a switch over `Key`); `ModalKeysTests` presses them.
package enum Modal: CaseIterable, Sendable {
  case palette, copyChooser, help, messages
  case serverOption, routeEditor
  case methods, history, collection, saveName, importCurl, export, burst
  case urlField, rowEditor, bodyEditor, authEditor, optionEditor, search
  case logFilter
  case prediction

  /// One row: the keys as the bar writes them, and what they do (either may be empty: "type"
  /// alone, or words that say what to type).
  package struct Row: Sendable, Equatable {
    package var keys: String
    package var does: String
    /// What help and the key table say when the bar's words are too short for them.
    package var detail: String?

    /// Its words in help and the key table: never empty.
    package var explained: String { detail ?? (does.isEmpty ? keys : does) }
  }

  /// The panes whose help lists it.
  package var panes: Set<Pane> {
    switch self {
    case .palette, .help, .messages: Set(Pane.allCases)
    case .copyChooser: [.builder, .log]  // y in the Response section and in the Log pane
    case .serverOption, .routeEditor: [.server]
    case .methods, .history, .collection, .saveName, .importCurl, .export, .burst, .urlField, .rowEditor, .bodyEditor,
      .authEditor, .optionEditor, .search:
      [.builder]
    case .logFilter: [.log]
    case .prediction: [.lessons]
    }
  }

  /// Its name in help and the key table.
  package var title: String {
    switch self {
    case .palette: "The command palette (Ctrl-P)"
    case .copyChooser: "The copy chooser (y)"
    case .help: "This help (?)"
    case .messages: "The messages (M)"
    case .serverOption: "Editing an option or the port"
    case .routeEditor: "The route editor (a, Enter on a route)"
    case .methods: "Choosing the method (m)"
    case .history: "History (H)"
    case .collection: "Saved requests (o)"
    case .saveName: "Saving: a name or a path (w, s)"
    case .importCurl: "Importing curl (i)"
    case .export: "Export (x)"
    case .burst: "Burst (B)"
    case .urlField: "The URL (u)"
    case .rowEditor: "A row: name and value (a, e)"
    case .bodyEditor: "The body (3, e)"
    case .authEditor: "Auth: user and password (4, e)"
    case .optionEditor: "A request option (5, e)"
    case .search: "Search in the response (/)"
    case .logFilter: "The log's filter (/)"
    case .prediction: "Your prediction (e)"
    }
  }

  /// Its keys, in the order the bar shows them.
  package var rows: [Row] {
    switch self {
    case .palette: [.init("type", "to filter"), .init("↑↓", "choose"), .init("Enter", "run"), .init("Esc", "close")]
    case .copyChooser:
      [.init("type", "to filter"), .init("↑↓", "choose"), .init("Enter", "copy"), .init("Esc", "close")]
    case .help: [.init("↑↓ PgUp/PgDn", "scroll"), .init("any other key", "closes help")]
    case .messages: [.init("↑↓ PgUp/PgDn Home/End", "scroll"), .init("any other key", "closes them")]
    case .serverOption: [.init("type", "a value"), .init("Enter", "apply"), .init("Esc", "cancel")]
    case .routeEditor:
      [
        .init("Tab/↑↓", "next field"), .init("Enter", "save route"), .init("Esc", "keeps a draft"),
        .init("{1} {name} {query:x}", "in body"),
      ]
    case .methods:
      [.init("↑↓", "choose"), .init("type", "another method"), .init("Enter", "use it"), .init("Esc", "close")]
    case .history: [.init("↑↓", "choose"), .init("Enter", "load"), .init("r", "re-send"), .init("Esc", "close")]
    case .collection: [.init("↑↓", "choose"), .init("Enter", "load"), .init("Esc", "close")]
    case .saveName:
      [
        .init("type", "", detail: "a name (w) or a path (s): ~ is your home"), .init("Enter", "save"),
        .init("Esc", "cancel"),
      ]
    case .importCurl: [.init("paste", "a curl command"), .init("Enter", "import"), .init("Esc", "cancel")]
    case .export:
      [
        .init("Tab", "curl/swift/python"), .init("↑↓ PgUp/PgDn", "scroll"), .init("s", "save to a file"),
        .init("Esc", "close"),
      ]
    case .burst: [.init("Tab", "next field"), .init("Enter", "run"), .init("Esc", "cancel")]
    case .urlField:
      [
        .init("type", "the URL ({{base}}, {{port}})"), .init("Enter", "send"), .init("Esc", "done"),
        .init("Ctrl-W/U/K", "", detail: "delete the word before the cursor, to the start, to the end"),
        .init("Alt-B/F", "", detail: "a word left, a word right"), .init("Ctrl-Z", "undo"),
      ]
    case .rowEditor:
      [
        .init("type", "", detail: "the name, then the value"), .init("Tab", "name↔value (completes header names)"),
        .init("Enter", "next/save"),
        .init("Esc", "done"), .init("Ctrl-R", "send"),
      ]
    case .bodyEditor:
      [
        .init("type", "the body"), .init("Enter", "new line"), .init("Esc", "done"), .init("Ctrl-Z", "undo"),
        .init("Ctrl-R", "send"),
      ]
    case .authEditor:
      [
        .init("type", "", detail: "the user, then the password"), .init("Tab", "user↔password"),
        .init("Enter", "save"), .init("Esc", "cancel"),
      ]
    case .optionEditor: [.init("type", "a value (empty: default)"), .init("Enter", "save"), .init("Esc", "cancel")]
    case .search: [.init("type", "what to find"), .init("Enter", "search"), .init("Esc", "cancel")]
    case .logFilter:
      // The filter's words are its binding's (what `/` says in help and the palette).
      [
        .init("", Keymap.bindings(of: .log).first { $0.command == .log(.filter) }?.summary ?? "type a filter"),
        .init("Enter/Esc", "done"),
      ]
    case .prediction:
      [.init("type", "your guess (a status, a count, a value)"), .init("Enter", "keep it"), .init("Esc", "cancel")]
    }
  }

  /// The keys bar while it is open: "↑↓ choose · Enter load · Esc close". Pure.
  package var bar: String {
    rows.map { [$0.keys, $0.does].filter { !$0.isEmpty }.joined(separator: " ") }.joined(separator: " · ")
  }

  /// What has the keyboard now, if anything: overlays over the panes first, then the focused
  /// pane's editor. Pure.
  static func current(_ state: PlaygroundState) -> Modal? {
    if state.palette != nil { return .palette }
    if state.copyChooser != nil { return .copyChooser }
    if state.showHelp { return .help }
    if state.showMessages { return .messages }
    switch state.focus {
    case .server:
      switch state.server.editor {
      case .option: return .serverOption
      case .route: return .routeEditor
      case nil: return nil
      }
    case .builder: return builder(state.builder)
    case .log: return state.log.editingFilter ? .logFilter : nil
    case .lessons: return state.lessons.predicting != nil ? .prediction : nil
    }
  }

  /// The builder's overlay or editor, if one has the keyboard. Pure.
  static func builder(_ builder: BuilderState) -> Modal? {
    switch builder.overlay {
    case .methods: return .methods
    case .history: return .history
    case .collection: return .collection
    case .saveAs, .savePath: return .saveName
    case .importCurl: return .importCurl
    case .export: return .export
    case .burst: return .burst
    case nil: break
    }
    switch builder.editor {
    case .url: return .urlField
    case .row: return .rowEditor
    case .body: return .bodyEditor
    case .auth: return .authEditor
    case .option: return .optionEditor
    case .search: return .search
    case nil: return nil
    }
  }
}

extension Modal.Row {
  init(_ keys: String, _ does: String, detail: String? = nil) {
    self.keys = keys
    self.does = does
    self.detail = detail
  }
}
