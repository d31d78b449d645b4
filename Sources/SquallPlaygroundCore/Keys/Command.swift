/// What a key does outside a text field. The keymap (`Keymap.bindings`) binds keys to these,
/// the palette runs them by name, and each pane carries out its own kind exhaustively (a new
/// case does not compile until its pane does something with it), so a key, its help line, its
/// palette entry and the key table are one table row.
package enum Command: Hashable, Sendable {
  case everywhere(GlobalCommand)
  /// A move in the pane's list or view: each pane says what moves.
  case move(Move, Pane)
  case server(ServerCommand)
  /// The builder's own commands, its row tables' (Params, Headers, Body fields, Options) and
  /// its Response section's.
  case builder(BuilderCommand)
  /// A builder section by its number key (the sections' own table makes the keys).
  case section(BuilderState.Section)
  case table(TableCommand)
  case response(ResponseCommand)
  /// The Log pane's list and open entry, and its timeline's own commands.
  case log(LogCommand)
  case timeline(TimelineCommand)
  case lessons(LessonsCommand)

  /// The pane the command works in; nil: everywhere.
  package var pane: Pane? {
    switch self {
    case .everywhere: nil
    case .move(_, let pane): pane
    case .server: .server
    case .builder, .section, .table, .response: .builder
    case .log, .timeline: .log
    case .lessons: .lessons
    }
  }

  /// Every command, from each kind's own cases.
  package static var allCases: [Command] {
    GlobalCommand.allCases.map(Command.everywhere)
      + Pane.allCases.flatMap { pane in Move.allCases.map { Command.move($0, pane) } }
      + ServerCommand.allCases.map(Command.server) + BuilderCommand.allCases.map(Command.builder)
      + BuilderState.Section.allCases.map(Command.section)
      + TableCommand.allCases.map(Command.table) + ResponseCommand.allCases.map(Command.response)
      + LogCommand.allCases.map(Command.log) + TimelineCommand.allCases.map(Command.timeline)
      + LessonsCommand.allCases.map(Command.lessons)
  }
}

/// Moving in a list or a view.
package enum Move: String, CaseIterable, Sendable {
  case up, down, pageUp, pageDown, top, bottom
}

/// The commands of every pane (`Keymap.everywhere`).
package enum GlobalCommand: String, CaseIterable, Sendable {
  case palette, help, messages, quit, nextPane, previousPane, focusServer, focusBuilder, focusLog, focusLessons, zoom,
    unzoom
}

/// The Server pane's commands.
package enum ServerCommand: String, CaseIterable, Sendable {
  case startStop, restart, closeConnections, useFreePort, editSetting, toggleSetting, addRoute, deleteRoute
  case undoDelete, switchApp, tornadoReference
}

/// The request builder's commands that work in any section.
package enum BuilderCommand: String, CaseIterable, Sendable {
  case send, cancel, editURL, chooseMethod
  case previousSection, nextSection, externalEditor
  case history, openSaved, saveRequest, newRequest, importCurl, export, burst, compareWithTornado, wirePreview
  /// `P`: a ping on the builder's open WebSocket.
  case ping
}

/// The commands of the builder's sections with rows: Params, Headers, Body, Auth, Options.
package enum TableCommand: String, CaseIterable, Sendable {
  case activateRow, addRow, editRow, toggleRow, deleteRow, bodyKind, fileField
}

/// The builder's Response section: tabs, search, folding, saving, copying.
package enum ResponseCommand: String, CaseIterable, Sendable {
  case previousTab, nextTab, search, nextMatch, fold, unfold, saveResponse
  /// `y`: a value of the response into a builder variable and the clipboard.
  case copyValue
}

/// The Log pane's list and open entry.
package enum LogCommand: String, CaseIterable, Sendable {
  case expand, closeEntry, rawBytes, filter, clearFilter, pause, follow, clearLog, exportHAR
  /// `y`: a field of the exchange into a builder variable and the clipboard.
  case copyValue
}

/// The Log pane's timeline (`t` shows it).
package enum TimelineCommand: String, CaseIterable, Sendable {
  case toggleTimeline, earlier, later, zoomIn, zoomOut, writeTrace
}

/// The Lessons pane's commands.
package enum LessonsCommand: String, CaseIterable, Sendable {
  case openLesson, leaveLesson, hint, predict, nextStep, previousStep, resetLesson
}

/// When a binding applies within its pane. A key whose binding does not apply where it is
/// pressed says where it works (`place`), instead of doing nothing silently.
enum KeyCondition: Sendable, Equatable {
  case always
  /// The builder shows one of these sections.
  case sections(Set<BuilderState.Section>)
  /// The builder's Body section with multipart fields.
  case multipartBody
  /// A request or burst from the builder is running, or its WebSocket is open.
  case inFlight
  /// The builder's WebSocket is open.
  case webSocketOpen
  case zoomed
  case logList, logEntryOpen, logFiltered
  /// The Log pane shows its timeline (`t`).
  case logTimeline
  case lessonList, lessonReading
  /// A lesson is open and its pane not zoomed (Esc unzooms first: leaving would swap the builder).
  case lessonReadingUnzoomed
  /// The open lesson's step asks for a prediction (`> predict:`) and is not done yet.
  case lessonPrediction
  case routeSelected, flagSelected, routeDeleted, freePortOffered

  /// Whether the binding applies in `state`. Pure.
  func holds(_ state: PlaygroundState) -> Bool {
    switch self {
    case .always: true
    case .sections(let sections): sections.contains(state.builder.section)
    case .multipartBody: state.builder.section == .body && state.builder.spec.bodyKind == .multipart
    case .inFlight:
      state.builder.inFlight != nil || (state.builder.burst.map { !$0.finished } ?? false)
        || (state.builder.webSocket?.isLive ?? false) || (state.builder.webSocketBurst.map { !$0.closed } ?? false)
    case .webSocketOpen: state.builder.webSocket?.isOpen ?? false
    case .zoomed: state.zoomed
    case .logList: !state.log.expanded && !state.log.timeline.shown
    case .logTimeline: state.log.timeline.shown && !state.log.expanded
    case .logEntryOpen: state.log.expanded
    case .logFiltered: !state.log.filter.text.isEmpty
    case .lessonList: !state.lessons.reading
    case .lessonReading: state.lessons.open != nil
    case .lessonReadingUnzoomed: state.lessons.open != nil && !state.zoomed
    case .lessonPrediction: state.lessons.asksPrediction
    case .routeSelected:
      state.server.selection >= ServerPaneState.settingLines
        && state.server.selection - ServerPaneState.settingLines < state.server.routes.count
    case .flagSelected:
      state.server.selection > 0 && state.server.selection < ServerPaneState.settingLines
        && state.server.options.flag(at: state.server.selection - 1) != nil
    case .routeDeleted: state.server.deletedRoute != nil
    case .freePortOffered: state.server.suggestedPort != nil
    }
  }

  /// Where the binding works, completing "it works …". Pure.
  var place: String {
    switch self {
    case .always: "everywhere in its pane"
    case .sections(let sections):
      sections.count == 1
        ? "in the \(sections.first!.title) section (press \(sections.first!.rawValue) first)"
        : "in the "
          + BuilderState.Section.allCases.filter(sections.contains).map { "\($0.title) (\($0.rawValue))" }
          .joined(separator: ", ") + " sections"
    case .multipartBody: "on a multipart field: 3 for Body, k until multipart"
    case .inFlight: "while a request from the builder is running, or its WebSocket is open"
    case .webSocketOpen: "while the builder's WebSocket is open (a ws:// URL, Ctrl-R connects)"
    case .zoomed: "when a pane is zoomed (z)"
    case .logList: "in the list (Esc closes the open entry; t leaves the timeline)"
    case .logTimeline: "in the timeline (t shows it)"
    case .logEntryOpen: "on an open entry (Enter opens the selected one)"
    case .logFiltered: "when a filter is set (/ sets one)"
    case .lessonList: "in the list of lessons (Esc goes back to it)"
    case .lessonReading: "in an open lesson (Enter opens the selected one)"
    case .lessonReadingUnzoomed: "in an open lesson once it is not zoomed (z or Esc unzooms first)"
    case .lessonPrediction: "on a step that says \"? Predict first\", until the step is done"
    case .routeSelected: "on a route: ↓ past the options to one"
    case .flagSelected: "on noKeepAlive, compressResponse or xheaders"
    case .routeDeleted: "after d deleted a route"
    case .freePortOffered: "when the port is taken and the pane offers a free one"
    }
  }

  /// Makes the condition hold where a palette run can (the right builder section), so a
  /// command chosen by name runs. Pure.
  func prepare(_ state: inout PlaygroundState) {
    switch self {
    case .sections(let sections) where !sections.contains(state.builder.section):
      if let first = BuilderState.Section.allCases.first(where: sections.contains) { state.builder.section = first }
    case .multipartBody:
      state.builder.section = .body
    default: break
    }
  }
}
