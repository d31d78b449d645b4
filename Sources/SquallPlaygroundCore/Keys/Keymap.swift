import SquallValues

/// One key binding: a command, the pane it works in (nil: everywhere), its keys, what it does,
/// its words in the keys bar, and when it applies.
struct KeyBinding: Sendable {
  var command: Command
  /// The pane it works in (the command's); nil: everywhere.
  var pane: Pane? { command.pane }
  var keys: [Key]
  /// What it does, for help, the palette and README ("start or stop the server").
  var summary: String
  /// Its entry in the keys bar ("s start/stop"); nil keeps it out of the bar. `{port}` is
  /// the free port the server pane offers.
  var bar: String?
  var when: KeyCondition = .always
  /// Whether the palette lists it (moves are not commands one looks for by name).
  var inPalette = true

  /// The keys as help and README write them: "↑ k", "Ctrl-P :".
  var label: String { keys.map(\.label).joined(separator: " ") }
}

/// The playground's one keymap. The key handling (`Keymap.resolve`), the `?` help, the keys
/// bar, the command palette and README's key table are all made from `bindings`, so none of
/// them can drift from another. Text fields have their own table, `FieldKeys`.
enum Keymap {
  private static func bind(
    _ command: Command, _ keys: [Key], _ summary: String, bar: String? = nil, when: KeyCondition = .always,
    palette: Bool = true
  ) -> KeyBinding {
    KeyBinding(command: command, keys: keys, summary: summary, bar: bar, when: when, inPalette: palette)
  }

  private static let tables = Set(BuilderState.Section.allCases.filter(\.hasRows))
  private static let editable = Set(BuilderState.Section.allCases.filter(\.isEditable))

  /// Every binding, in the order help, the palette and README list them. Within a pane the
  /// first binding of a key whose condition holds runs.
  static let bindings: [KeyBinding] = everywhere + server + builder + log + lessons

  static let everywhere: [KeyBinding] = [
    bind(
      .everywhere(.palette), [.control("p"), .character(":")], "find and run any command by name",
      bar: "Ctrl-P commands"),
    bind(.everywhere(.help), [.character("?")], "the keys of this pane, and everywhere", bar: "? help"),
    bind(
      .everywhere(.messages), [.character("M")], "the messages so far, each whole, newest last (as vim's :messages)"),
    bind(.everywhere(.nextPane), [.tab], "focus the next pane"),
    bind(.everywhere(.previousPane), [.backTab], "focus the previous pane"),
    bind(.everywhere(.focusServer), [.function(1)], "go to the Server pane"),
    bind(.everywhere(.focusBuilder), [.function(2)], "go to the Request builder"),
    bind(.everywhere(.focusLog), [.function(3)], "go to the Log pane"),
    bind(.everywhere(.focusLessons), [.function(4)], "go to the Lessons pane"),
    bind(.everywhere(.zoom), [.character("z")], "zoom the focused pane full screen, and back", bar: "z zoom"),
    bind(.everywhere(.unzoom), [.escape], "back from a zoomed pane", when: .zoomed, palette: false),
    bind(.everywhere(.quit), [.character("q"), .control("c")], "quit (Ctrl-C also while typing)"),
  ]

  static let server: [KeyBinding] = [
    bind(.move(.up, .server), [.up, .character("k")], "select the line above", bar: "↑↓ select", palette: false),
    bind(.move(.down, .server), [.down, .character("j")], "select the line below", palette: false),
    bind(.move(.pageUp, .server), [.pageUp], "select ten lines up", palette: false),
    bind(.move(.pageDown, .server), [.pageDown], "select ten lines down", palette: false),
    bind(.move(.top, .server), [.home, .character("g")], "select the port line", palette: false),
    bind(.move(.bottom, .server), [.end, .character("G")], "select the last line", palette: false),
    bind(
      .server(.startStop), [.character("s")], "start or stop the server (stop(): open connections stay)",
      bar: "s start/stop"),
    bind(.server(.restart), [.character("r")], "restart the server", bar: "r restart"),
    bind(
      .server(.editSetting), [.enter, .character("e")], "edit the port, an option or a route; toggle a boolean",
      bar: "Enter edit/toggle"),
    bind(.server(.toggleSetting), [.character(" ")], "toggle a boolean option", when: .flagSelected),
    bind(.server(.addRoute), [.character("a")], "add a route (no compiling)", bar: "a add route"),
    bind(.server(.deleteRoute), [.character("d")], "delete the selected route", bar: "d delete", when: .routeSelected),
    bind(
      .server(.undoDelete), [.character("u")], "bring back the route deleted last", bar: "u undo", when: .routeDeleted),
    bind(
      .server(.closeConnections), [.character("K")], "close every open connection (close_all_connections())",
      bar: "K close connections"),
    bind(.server(.switchApp), [.character("A")], "switch the hosted app: \(ExampleApp.namesInWords)", bar: "A app"),
    bind(
      .server(.tornadoReference), [.character("T")],
      "start or stop the Tornado reference: the same app on real Tornado, for Compare (=)", bar: "T Tornado"),
    bind(
      .server(.useFreePort), [.character("n")], "use the free port offered when the port is taken",
      bar: "n use :{port}", when: .freePortOffered),
  ]

  /// The builder's sections by their number keys, from the sections' own table.
  static let sections: [KeyBinding] = BuilderState.Section.allCases.map { section in
    bind(
      .section(section), [section.key], section.summary,
      bar: section == .params ? "1-\(BuilderState.Section.allCases.count) section" : nil)
  }

  static let builder: [KeyBinding] = builderRequest + sections + builderViews

  /// The builder's request: cancel, send, the row, the URL, the method.
  private static let builderRequest: [KeyBinding] = [
    bind(
      .builder(.cancel), [.escape], "cancel the request or burst in flight; close the WebSocket", bar: "Esc cancel",
      when: .inFlight),
    bind(
      .builder(.send), [.control("r")], "send the request (from any section, also while typing)", bar: "Ctrl-R send"),
    bind(
      .table(.activateRow), [.enter], "edit the selected row (a boolean option toggles)", bar: "Enter edit",
      when: .sections(editable)),
    bind(.builder(.editURL), [.character("u")], "edit the URL (Enter there sends)", bar: "u URL"),
    bind(.builder(.chooseMethod), [.character("m")], "choose the method", bar: "m method"),
  ]

  /// The builder's sections and what each shows.
  private static let builderViews: [KeyBinding] = [
    bind(.builder(.previousSection), [.left], "the section to the left", palette: false),
    bind(.builder(.nextSection), [.right], "the section to the right", palette: false),
    bind(.move(.up, .builder), [.up], "select the row above", when: .sections(editable), palette: false),
    bind(.move(.down, .builder), [.down], "select the row below", when: .sections(editable), palette: false),
    bind(
      .move(.up, .builder), [.up], "scroll the response up", bar: "↑↓ PgUp/PgDn scroll", when: .sections([.response]),
      palette: false),
    bind(.move(.down, .builder), [.down], "scroll the response down", when: .sections([.response]), palette: false),
    bind(.move(.pageUp, .builder), [.pageUp], "scroll or select a page up", palette: false),
    bind(.move(.pageDown, .builder), [.pageDown], "scroll or select a page down", palette: false),
    bind(.move(.top, .builder), [.home], "the first row or line", palette: false),
    bind(.move(.bottom, .builder), [.end], "the last row or line", palette: false),
    bind(
      .table(.addRow), [.character("a")], "add a row (a variable in Options)", bar: "a add", when: .sections(tables)),
    bind(.table(.editRow), [.character("e")], "edit the selected row, the body or auth", when: .sections(editable)),
    bind(
      .table(.toggleRow), [.character(" ")], "switch the row on or off", bar: "Space on/off", when: .sections(tables)),
    bind(
      .table(.deleteRow), [.character("d")], "delete the row (an option: back to the default)", bar: "d delete",
      when: .sections(tables)),
    bind(
      .table(.bodyKind), [.character("k")], "the body kind: none, raw, JSON, form, multipart", bar: "k kind",
      when: .sections([.body])),
    bind(.table(.fileField), [.character("f")], "make a multipart field a file", bar: "f file", when: .multipartBody),
    bind(
      .builder(.externalEditor), [.character("E")], "edit the body in $EDITOR", bar: "E $EDITOR",
      when: .sections([.body])),
    bind(
      .response(.previousTab), [.character("[")], "the response tab to the left", bar: "[ ] tabs",
      when: .sections([.response])),
    bind(.response(.nextTab), [.character("]")], "the response tab to the right", when: .sections([.response])),
    bind(
      .response(.search), [.character("/")], "search the response body", bar: "/ search", when: .sections([.response])),
    bind(.response(.nextMatch), [.character("n")], "the next match", bar: "n next", when: .sections([.response])),
    bind(
      .response(.fold), [.character("-")], "fold JSON one level more", bar: "-/+ fold", when: .sections([.response])),
    bind(.response(.unfold), [.character("+")], "unfold JSON one level", when: .sections([.response])),
    bind(
      .response(.saveResponse), [.character("s")], "save the response body or headers to a file", bar: "s save",
      when: .sections([.response])),
    bind(
      .response(.copyValue), [.character("y")], "copy a header or JSON value into a variable and the clipboard",
      bar: "y copy", when: .sections([.response])),
    bind(.builder(.history), [.character("H")], "history: load or re-send a request sent before", bar: "H history"),
    bind(.builder(.openSaved), [.character("o")], "open a saved request", bar: "o open"),
    bind(.builder(.saveRequest), [.character("w")], "save the request under a name", bar: "w save"),
    bind(.builder(.newRequest), [.character("N")], "new request: a clean builder", bar: "N new"),
    bind(.builder(.importCurl), [.character("i")], "import a pasted curl command", bar: "i curl"),
    bind(.builder(.export), [.character("x")], "export as curl, Swift, Python or Hurl", bar: "x export"),
    bind(
      .builder(.wirePreview), [.character("W")],
      "the exact bytes the request puts on the wire, sent nowhere (W again hides them)", bar: "W wire"),
    bind(.builder(.burst), [.character("B")], "burst: send the request N times, C at once", bar: "B burst"),
    bind(
      .builder(.ping), [.character("P")], "ping the builder's open WebSocket (the pong shows in Response)",
      bar: "P ping", when: .webSocketOpen),
    bind(
      .builder(.compareWithTornado), [.character("=")],
      "compare: send the request to Squall and to the Tornado reference, side by side", bar: "= compare"),
  ]

  static let log: [KeyBinding] = [
    // The timeline's first, so its keys lead the bar while it is shown.
    bind(
      .move(.up, .log), [.up, .character("k")], "pick the request before", bar: "↑↓ pick", when: .logTimeline,
      palette: false),
    bind(.move(.down, .log), [.down, .character("j")], "pick the request after", when: .logTimeline, palette: false),
    bind(.log(.expand), [.enter], "open the picked request's log entry", bar: "Enter open", when: .logTimeline),
    bind(
      .timeline(.earlier), [.left, .character("h")], "scroll back in time (holds the view)", bar: "←→ scroll",
      when: .logTimeline),
    bind(.timeline(.later), [.right, .character("l")], "scroll forward in time", when: .logTimeline),
    bind(
      .timeline(.zoomIn), [.character("+"), .character("=")], "zoom in: less time a column", bar: "+- zoom",
      when: .logTimeline),
    bind(.timeline(.zoomOut), [.character("-")], "zoom out: more time a column", when: .logTimeline),
    bind(
      .timeline(.writeTrace), [.character("w")], "write the timeline as a Chrome trace (Perfetto, chrome://tracing)",
      bar: "w trace", when: .logTimeline),
    bind(
      .move(.up, .log), [.up, .character("k")], "select the exchange above", bar: "↑↓ select", when: .logList,
      palette: false),
    bind(.move(.down, .log), [.down, .character("j")], "select the exchange below", when: .logList, palette: false),
    bind(
      .move(.up, .log), [.up, .character("k")], "scroll the open exchange", bar: "↑↓ PgUp/PgDn scroll",
      when: .logEntryOpen,
      palette: false),
    bind(
      .move(.down, .log), [.down, .character("j")], "scroll the open exchange", when: .logEntryOpen, palette: false),
    bind(.move(.pageUp, .log), [.pageUp], "a page up", palette: false),
    bind(.move(.pageDown, .log), [.pageDown], "a page down", palette: false),
    bind(.move(.top, .log), [.home, .character("g")], "the oldest exchange", palette: false),
    bind(.move(.bottom, .log), [.end, .character("G")], "the newest exchange, following new ones", palette: false),
    bind(.log(.expand), [.enter], "open the selected exchange: parsed and raw", bar: "Enter expand", when: .logList),
    bind(
      .log(.closeEntry), [.enter, .escape], "back to the list (or the timeline)", bar: "Enter/Esc back",
      when: .logEntryOpen),
    bind(
      .log(.rawBytes), [.character("r")], "the open exchange's raw bytes alone, or back to parsed", bar: "r raw",
      when: .logEntryOpen),
    bind(
      .log(.filter), [.character("/")], "filter: a word (404, 4xx, GET) or a query (status >= 400)", bar: "/ filter"),
    bind(.log(.clearFilter), [.character("x")], "clear the filter", bar: "x clear filter", when: .logFiltered),
    bind(.log(.pause), [.character("p")], "pause or resume the view (recording goes on)", bar: "p pause/resume"),
    bind(.log(.follow), [.character("f")], "follow the newest exchanges", bar: "f follow"),
    bind(
      .log(.copyValue), [.character("y")], "copy a field of the exchange into a variable and the clipboard",
      bar: "y copy"),
    bind(.log(.clearLog), [.character("c")], "clear the log", bar: "c clear"),
    bind(.log(.exportHAR), [.character("e")], "export everything recorded as HAR 1.2", bar: "e export HAR"),
    bind(
      .timeline(.toggleTimeline), [.character("t")],
      "the timeline: requests over time, a lane per connection by event loop",
      bar: "t timeline"),
  ]

  static let lessons: [KeyBinding] = [
    bind(
      .move(.up, .lessons), [.up, .character("k")], "choose the lesson above", bar: "↑↓ choose", when: .lessonList,
      palette: false),
    bind(
      .move(.down, .lessons), [.down, .character("j")], "choose the lesson below", when: .lessonList, palette: false),
    bind(
      .move(.up, .lessons), [.up, .character("k")], "scroll the lesson up", bar: "↑↓ PgUp/PgDn scroll",
      when: .lessonReading,
      palette: false),
    bind(
      .move(.down, .lessons), [.down, .character("j")], "scroll the lesson down", when: .lessonReading, palette: false),
    bind(.move(.pageUp, .lessons), [.pageUp], "a page up", when: .lessonReading, palette: false),
    bind(.move(.pageDown, .lessons), [.pageDown], "a page down", when: .lessonReading, palette: false),
    bind(.move(.top, .lessons), [.home, .character("g")], "the top", palette: false),
    bind(.move(.bottom, .lessons), [.end, .character("G")], "the bottom", palette: false),
    bind(
      .lessons(.openLesson), [.enter], "open the chosen lesson (progress is kept)",
      bar: "Enter open (progress is kept)",
      when: .lessonList),
    bind(
      .lessons(.hint), [.character("h")],
      "a hint, one at a time; after the last (or once the step is done), its solution",
      bar: "h hint", when: .lessonReading),
    bind(
      .lessons(.predict), [.character("e")], "write your prediction before you act",
      bar: "e predict", when: .lessonPrediction),
    bind(.lessons(.nextStep), [.character("n")], "the next step", bar: "n/p next/previous step", when: .lessonReading),
    bind(.lessons(.previousStep), [.character("p")], "the previous step", when: .lessonReading),
    bind(
      .lessons(.leaveLesson), [.escape, .backspace], "back to the list (your own request and server come back)",
      bar: "Esc the list", when: .lessonReadingUnzoomed),
    bind(
      .lessons(.resetLesson), [.character("R")], "reset the lesson (asks first)", bar: "R reset", when: .lessonReading),
  ]

  /// What a key does where it is pressed: the focused pane's bindings first, then those of
  /// everywhere. Pure; a dictionary lookup and a few condition checks.
  static func resolve(_ key: Key, in state: PlaygroundState) -> Resolution {
    let candidates = byKey[key] ?? []
    let here = candidates.filter { $0.pane == state.focus } + candidates.filter { $0.pane == nil }
    if let binding = here.first(where: { $0.when.holds(state) }) { return .run(binding) }
    if let binding = here.first { return .notHere(binding) }
    // A key of another pane: the one the open lesson's step works in first (its ▶ line says
    // "in the builder (F2): u…", and u is also the Server pane's undo).
    let stepPane = state.lessons.open.map { LessonsView.stepPane(LessonsView.currentStep($0, state.lessons)) }
    if let binding = candidates.first(where: { $0.pane == stepPane }) ?? candidates.first {
      return .otherPane(binding)
    }
    return .unbound
  }

  enum Resolution {
    /// The binding to run.
    case run(KeyBinding)
    /// The key belongs to this pane, but not to what it shows now.
    case notHere(KeyBinding)
    /// The key does something in another pane only.
    case otherPane(KeyBinding)
    case unbound
  }

  private static let byKey: [Key: [KeyBinding]] = {
    var index: [Key: [KeyBinding]] = [:]
    for binding in bindings { for key in binding.keys { index[key, default: []].append(binding) } }
    return index
  }()

  /// The bindings of a pane (nil: everywhere), for help and README.
  static func bindings(of pane: Pane?) -> [KeyBinding] { bindings.filter { $0.pane == pane } }
}
