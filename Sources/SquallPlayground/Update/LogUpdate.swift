/// Keys of the log pane: move, expand, filter, pause, clear, export.
func updateLog(_ state: inout PlaygroundState, _ key: Key) -> [Effect] {
  if state.log.editingFilter {
    switch key {
    case .escape, .enter: state.log.editingFilter = false
    default: _ = state.log.filter.apply(key)
    }
    return []
  }
  let visible = state.log.visible
  let currentIndex = state.log.selectedID.flatMap { id in visible.firstIndex { $0.id == id } } ?? (visible.count - 1)
  func select(_ index: Int) {
    guard !visible.isEmpty else { return }
    let clamped = min(max(0, index), visible.count - 1)
    state.log.selectedID = clamped == visible.count - 1 && !state.log.expanded ? nil : visible[clamped].id
    state.log.detailScroll = 0
  }
  /// Moves the selection, or scrolls the expanded entry, by `step` lines.
  func move(_ step: Int) {
    if state.log.expanded {
      state.log.detailScroll = max(0, state.log.detailScroll + step)
    } else {
      select(currentIndex + step)
    }
  }
  switch key {
  case .up: move(-1)
  case .down: move(1)
  case .pageUp: move(-10)
  case .pageDown: move(10)
  case .home: select(0)
  case .end, .character("f"):
    state.log.selectedID = nil
    state.log.expanded = false
  case .enter:
    guard !visible.isEmpty else { return [] }
    if state.log.selectedID == nil { state.log.selectedID = visible[currentIndex].id }
    state.log.expanded.toggle()
    state.log.detailScroll = 0
    if !state.log.expanded { followIfNewest(&state, visible) }
  case .escape:
    state.log.expanded = false
    followIfNewest(&state, visible)
  case .character("/"):
    state.log.editingFilter = true
  case .character("p"):
    if state.log.paused {
      let arrived = state.log.arrivedWhilePaused
      state.log.pausedAt = nil
      state.setMessage("Log resumed: \(arrived) exchanges arrived while paused and are shown now.")
    } else {
      state.log.pausedAt = state.log.store.total
      state.setMessage("Log paused: the view holds still while recording goes on. Press p to resume.")
    }
  case .character("c"):
    let count = state.log.store.entries.count
    state.log.store.clear()
    state.log.selectedID = nil
    state.log.expanded = false
    if state.log.paused { state.log.pausedAt = state.log.store.total }
    state.setMessage("Log cleared: \(count) exchanges removed (new ones keep arriving).")
  case .character("x") where !state.log.filter.text.isEmpty:
    state.log.filter = TextField()
    state.log.selectedID = nil
    state.setMessage("Filter cleared: every exchange is shown.")
  case .character("e"):
    let entries = Array(state.log.store.entries)
    guard !entries.isEmpty else {
      state.setMessage("Nothing to export: the log is empty. Send a request first.", error: true)
      return []
    }
    return [.exportHAR(entries)]
  default: break
  }
  return []
}

/// Closing the newest entry goes back to following the log (the learner who opened the last
/// exchange expects the next ones to show): only an older entry keeps the log still.
private func followIfNewest(_ state: inout PlaygroundState, _ visible: VisibleEntries) {
  if let id = state.log.selectedID, id == visible.last?.id { state.log.selectedID = nil }
}
