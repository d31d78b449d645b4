import Foundation

// The Log pane as a component: its keys, commands and moves change `LogPaneState` only and
// answer with a `PaneReply`; the timeline's are in Timeline/TimelineUpdate.swift.

/// What the Log pane's update needs of the world around it: the time now and its size on screen.
struct LogContext {
  var now: Date
  /// Rows inside the pane's border.
  var rows: Int
  /// Columns the timeline's lanes get (`timelineColumns`).
  var timelineColumns: Int
}

extension LogPaneState {
  /// Keys while the filter is typed.
  mutating func typeFilter(_ key: Key) {
    switch key {
    case .escape, .enter: editingFilter = false
    default: _ = filter.apply(key)
    }
  }

  /// The moves: the selection in the list, the scroll of an open entry, or the timeline's.
  mutating func move(_ move: Move, _ context: LogContext) -> PaneReply {
    if let reply = timelineMove(move, context) { return reply }
    // An open entry scrolls as every view does (its end is clamped where it is drawn).
    if expanded {
      switch move {
      case .up, .down, .pageUp, .pageDown:
        detailScroll = Scroll.offset(detailScroll, after: move, page: max(1, min(Scroll.page, context.rows - 3)))
        return .none
      case .top, .bottom: break  // the list's oldest and newest, as the keys say
      }
    }
    let visible = visible
    let currentIndex = selectedID.flatMap { id in visible.firstIndex { $0.id == id } } ?? (visible.count - 1)
    func select(_ index: Int) {
      guard !visible.isEmpty else { return }
      let clamped = min(max(0, index), visible.count - 1)
      selectedID = clamped == visible.count - 1 && !expanded ? nil : visible[clamped].id
      detailScroll = 0
    }
    switch move {
    case .up: select(currentIndex - 1)
    case .down: select(currentIndex + 1)
    case .pageUp: select(currentIndex - 10)
    case .pageDown: select(currentIndex + 10)
    case .top: select(0)
    case .bottom:
      selectedID = nil
      expanded = false
    }
    return .none
  }

  /// The commands (see `Keymap.log`): expand, filter, pause, clear, export; the timeline gives
  /// some of them its own meaning while shown (`timelineCommand`).
  mutating func perform(_ command: LogCommand, _ context: LogContext) -> PaneReply {
    if let reply = timelineCommand(command, context) { return reply }
    let visible = visible
    let currentIndex = selectedID.flatMap { id in visible.firstIndex { $0.id == id } } ?? (visible.count - 1)
    switch command {
    case .follow:
      selectedID = nil
      expanded = false
    case .expand:
      guard !visible.isEmpty else {
        return .say(
          filter.text.isEmpty
            ? "Nothing to open: the log is empty. Send a request from the builder (F2)."
            : "Nothing matches the filter \"\(filter.text)\": x clears it.")
      }
      // The row drawn as selected: a selection the filter hides falls back to the newest row shown.
      selectedID = visible[currentIndex].id
      expanded = true
      rawOnly = false  // each entry opens parsed; r shows its bytes alone
      detailScroll = 0
    case .copyValue:
      guard !visible.isEmpty else { return .say("Nothing to copy: the log is empty.") }
      return PaneReply(outputs: [.offerCopy(CopyChooser(choices: CopyChooser.exchange(visible[currentIndex])))])
    case .rawBytes:
      guard expanded else { return .none }
      rawOnly.toggle()
      detailScroll = 0
      return .say(
        rawOnly
          ? "The exchange's raw bytes, as they crossed the socket. r: back to the parsed view."
          : "The parsed exchange, raw bytes at the end. r: the raw bytes alone.")
    case .closeEntry:
      expanded = false
      rawOnly = false
      // Closing the newest entry goes back to following the log (the learner who opened the
      // last exchange expects the next ones to show): only an older entry keeps the log still.
      if let id = selectedID, id == visible.last?.id { selectedID = nil }
    case .filter:
      editingFilter = true
    case .pause:
      if paused {
        let arrived = arrivedWhilePaused
        pausedAt = nil
        return .say("Log resumed: \(arrived) exchanges arrived while paused and are shown now.")
      }
      pausedAt = store.total
      return .say("Log paused: the view holds still while recording goes on. Press p to resume.")
    case .clearLog:
      let count = store.entries.count
      store.clear()
      selectedID = nil
      expanded = false
      if paused { pausedAt = store.total }
      return .say("Log cleared: \(count) exchanges removed (new ones keep arriving).")
    case .clearFilter:
      filter = TextField()
      selectedID = nil
      return .say("Filter cleared: every exchange is shown.")
    case .exportHAR:
      let entries = Array(store.entries)
      guard !entries.isEmpty else { return .say("Nothing to export: the log is empty. Send a request first.", .error) }
      return .run([.exportHAR(entries)])
    }
    return .none
  }
}

extension LogPaneState {
  /// Back to the list (a lesson starts): a step that asks for the timeline starts from it, and
  /// fits it to the lesson's requests then.
  mutating func backToList() {
    closeTimeline()
    expanded = false
  }

  /// The timeline closed and following the present again.
  mutating func closeTimeline() {
    timeline.shown = false
    timeline.end = nil
    timeline.selected = nil
  }
}
