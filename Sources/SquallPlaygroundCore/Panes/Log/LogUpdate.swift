/// Keys of the log pane while its filter is typed. Its commands are `performLog`'s.
func updateLogFilter(_ state: inout PlaygroundState, _ key: Key) -> [Effect] {
  switch key {
  case .escape, .enter: state.log.editingFilter = false
  default: _ = state.log.filter.apply(key)
  }
  return []
}

/// The log pane's moves: the selection in the list, the scroll of an open entry, or the
/// timeline's (`timelineMove`).
func moveLog(_ move: Move, _ state: inout PlaygroundState) -> [Effect] {
  if let effects = timelineMove(move, &state) { return effects }
  // An open entry scrolls as every view does (its end is clamped where it is drawn).
  if state.log.expanded {
    switch move {
    case .up, .down, .pageUp, .pageDown:
      let rows = (Layout(state).panes[.log]?.inner.height ?? Scroll.page) - 3
      state.log.detailScroll = Scroll.offset(state.log.detailScroll, after: move, page: max(1, min(Scroll.page, rows)))
      return []
    case .top, .bottom: break  // the list's oldest and newest, as the keys say
    }
  }
  let visible = state.log.visible
  let currentIndex = state.log.selectedID.flatMap { id in visible.firstIndex { $0.id == id } } ?? (visible.count - 1)
  func select(_ index: Int) {
    guard !visible.isEmpty else { return }
    let clamped = min(max(0, index), visible.count - 1)
    state.log.selectedID = clamped == visible.count - 1 && !state.log.expanded ? nil : visible[clamped].id
    state.log.detailScroll = 0
  }
  switch move {
  case .up: select(currentIndex - 1)
  case .down: select(currentIndex + 1)
  case .pageUp: select(currentIndex - 10)
  case .pageDown: select(currentIndex + 10)
  case .top: select(0)
  case .bottom:
    state.log.selectedID = nil
    state.log.expanded = false
  }
  return []
}

/// The log pane's commands (see `Keymap.log`): expand, filter, pause, clear, export; the
/// timeline gives some of them its own meaning while shown (`timelineLogCommand`).
func performLog(_ command: LogCommand, _ state: inout PlaygroundState) -> [Effect] {
  if let effects = timelineLogCommand(command, &state) { return effects }
  let visible = state.log.visible
  let currentIndex = state.log.selectedID.flatMap { id in visible.firstIndex { $0.id == id } } ?? (visible.count - 1)
  switch command {
  case .follow:
    state.log.selectedID = nil
    state.log.expanded = false
  case .expand:
    guard !visible.isEmpty else {
      state.setMessage(
        state.log.filter.text.isEmpty
          ? "Nothing to open: the log is empty. Send a request from the builder (F2)."
          : "Nothing matches the filter \"\(state.log.filter.text)\": x clears it.")
      return []
    }
    // The row drawn as selected: a selection the filter hides falls back to the newest row shown.
    state.log.selectedID = visible[currentIndex].id
    state.log.expanded = true
    state.log.detailScroll = 0
  case .copyValue:
    guard !visible.isEmpty else {
      state.setMessage("Nothing to copy: the log is empty.")
      return []
    }
    state.copyChooser = CopyChooser(choices: CopyChooser.exchange(visible[currentIndex]))
  case .rawBytes:
    guard state.log.expanded else { return [] }
    state.log.rawOnly.toggle()
    state.log.detailScroll = 0
    state.setMessage(
      state.log.rawOnly
        ? "The exchange's raw bytes, as they crossed the socket. r: back to the parsed view."
        : "The parsed exchange, raw bytes at the end. r: the raw bytes alone.")
  case .closeEntry:
    state.log.expanded = false
    followIfNewest(&state, visible)
  case .filter:
    state.log.editingFilter = true
  case .pause:
    if state.log.paused {
      let arrived = state.log.arrivedWhilePaused
      state.log.pausedAt = nil
      state.setMessage("Log resumed: \(arrived) exchanges arrived while paused and are shown now.")
    } else {
      state.log.pausedAt = state.log.store.total
      state.setMessage("Log paused: the view holds still while recording goes on. Press p to resume.")
    }
  case .clearLog:
    let count = state.log.store.entries.count
    state.log.store.clear()
    state.log.selectedID = nil
    state.log.expanded = false
    if state.log.paused { state.log.pausedAt = state.log.store.total }
    state.setMessage("Log cleared: \(count) exchanges removed (new ones keep arriving).")
  case .clearFilter:
    state.log.filter = TextField()
    state.log.selectedID = nil
    state.setMessage("Filter cleared: every exchange is shown.")
  case .exportHAR:
    let entries = Array(state.log.store.entries)
    guard !entries.isEmpty else {
      state.setMessage("Nothing to export: the log is empty. Send a request first.", error: true)
      return []
    }
    return [.exportHAR(entries)]
  }
  return []
}

/// Closing the newest entry goes back to following the log (the learner who opened the last
/// exchange expects the next ones to show): only an older entry keeps the log still.
private func followIfNewest(_ state: inout PlaygroundState, _ visible: VisibleEntries) {
  if let id = state.log.selectedID, id == visible.last?.id { state.log.selectedID = nil }
}
