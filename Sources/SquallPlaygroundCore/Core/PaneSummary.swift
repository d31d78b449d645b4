import SquallValues

/// A pane collapsed to one row while a lesson and the pane in use share the screen: its key
/// and name, then what matters of it at a glance (the server running, its counters; the last
/// exchange). F1–F3 or a click on the row expands it. Pure.
enum PaneSummary {
  static func text(_ pane: Pane, _ state: PlaygroundState) -> String {
    switch pane {
    case .server:
      let server = state.server
      let status = "\(server.status.mark) \(server.status.word) on :\(server.port)"
      let counters = server.counters
      let refused = counters.refused > 0 ? " · refused \(counters.refused)" : ""
      return "\(status) · app \(server.app) · conns \(counters.connectionsOpen) · reqs \(counters.requests)\(refused)"
    case .builder:
      let spec = state.builder.spec
      let request = TerminalSafe.escape(spec.method.uppercased() + " " + spec.url)
      if state.builder.inFlight != nil { return request + " · ◌ sending" }
      guard let entry = state.builder.response?.entry else { return request }
      return request + " → \(entry.status) \(TerminalSafe.escape(entry.reason)) · "
        + LogView.milliseconds(entry.duration)
    case .log:
      let store = state.log.store
      let paused = state.log.paused ? "⏸ paused · " : ""
      guard let last = store.entries.last else { return "(\(store.countSummary)) \(paused)nothing yet" }
      let line = LogView.line(last, width: max(30, state.size.width - 24), timeZone: state.timeZone)
      return "(\(store.countSummary)) \(paused)last:" + line.trimmingTrailingSpaces
    case .lessons:
      guard let lesson = state.lessons.open else { return "\(state.lessons.lessons.count) lessons" }
      let progress = state.lessons.progress(of: lesson)
      return "Lesson \(state.lessons.selection + 1) · step \(progress.current + 1) of \(lesson.steps.count)"
    }
  }

  /// `─ F1 Server ─ ● running on :8888 · … ─────`: the row, in the style of a box's top border.
  static func draw<C: Canvas>(_ pane: Pane, _ state: PlaygroundState, in rect: Rect, into canvas: inout C) {
    var x = rect.x
    x += canvas.draw("─ ", x: x, y: rect.y, width: rect.width, style: .border)
    x += canvas.draw(
      "F\(pane.rawValue + 1) \(pane.title) ", x: x, y: rect.y, width: rect.x + rect.width - x, style: .title)
    let rest = " " + text(pane, state) + " "
    x += canvas.draw(
      CellWidth.truncate(rest, to: max(0, rect.x + rect.width - x - 2)), x: x, y: rect.y,
      width: rect.x + rect.width - x, style: .dim)
    let fill = max(0, rect.x + rect.width - x)
    canvas.draw(String(repeating: "─", count: fill), x: x, y: rect.y, width: fill, style: .border)
  }
}

extension String {
  /// Without the spaces at its end.
  var trimmingTrailingSpaces: String {
    var text = self
    while text.last == " " { text.removeLast() }
    return text
  }
}
