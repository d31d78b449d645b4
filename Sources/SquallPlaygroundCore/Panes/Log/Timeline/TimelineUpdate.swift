import Foundation
import SquallValues

/// The timeline's own commands (see `Keymap.log`, condition `logTimeline`), and `t` anywhere
/// in the Log pane.
func performTimeline(_ command: TimelineCommand, _ state: inout PlaygroundState) -> [Effect] {
  if command == .toggleTimeline {
    state.log.timeline.shown.toggle()
    state.log.expanded = false
    if state.log.timeline.shown {
      fitTimeline(&state)
    } else {
      state.log.selectedID = nil  // the list follows the newest again
    }
    state.setMessage(
      state.log.timeline.shown
        ? "Timeline: a lane per connection, by event loop (░ waits █ handler ▓ response); t: the list."
        : "The list of exchanges. t: the timeline.")
    return []
  }
  guard state.log.timeline.shown, !state.log.expanded else { return [] }  // its keys say where it works
  var timeline = TimelineWindow(state)
  defer { state.log.timeline = timeline.state }
  switch command {
  case .toggleTimeline: break  // above
  case .earlier: timeline.shift(-timeline.window / 4)
  case .later: timeline.shift(timeline.window / 4)
  case .zoomIn, .zoomOut:
    let level = timeline.state.zoom + (command == .zoomIn ? -1 : 1)
    guard TimelineState.zoomLevels.indices.contains(level) else {
      state.setMessage(
        command == .zoomIn ? "Zoomed in as far as it goes: 1 ms a column." : "Zoomed out as far as it goes.")
      return []
    }
    // Zoom around the picked request, or keep the right edge.
    let center = timeline.state.selected.flatMap(timeline.state.span).map {
      $0.start.addingTimeInterval($0.duration / 2)
    }
    timeline.state.zoom = level
    if let center {
      let half = Double(timeline.layout.columns) * timeline.state.secondsPerColumn / 2
      let end = center.addingTimeInterval(half)
      timeline.state.end = end >= state.now ? nil : end
    }
    state.setMessage("\(LogView.milliseconds(timeline.state.secondsPerColumn)) a column.")
  case .writeTrace:
    guard !timeline.state.spans.isEmpty else {
      state.setMessage("Nothing to write: no request yet. Send one from the builder (F2).", error: true)
      return []
    }
    return [.writeTrace(TimelineTrace.json(timeline.state))]
  }
  return []
}

/// The Log pane's moves while the timeline is shown: ↑↓ pick a request, a page scrolls in
/// time, Home and End go to the first request and the present. Nil when the list moves.
func timelineMove(_ move: Move, _ state: inout PlaygroundState) -> [Effect]? {
  guard state.log.timeline.shown, !state.log.expanded else { return nil }
  var timeline = TimelineWindow(state)
  defer { state.log.timeline = timeline.state }
  switch move {
  case .up, .down:
    guard !timeline.layout.order.isEmpty else {
      state.setMessage("No request in view: f follows the present, - zooms out.")
      return []
    }
    let order = timeline.layout.order
    let index = timeline.state.selected.flatMap { order.firstIndex(of: $0) }
    let next =
      index.map { min(max(0, $0 + (move == .up ? -1 : 1)), order.count - 1) } ?? (move == .up ? order.count - 1 : 0)
    timeline.state.selected = order[next]
    if timeline.state.end == nil { timeline.state.end = state.now }  // hold still while picking
  case .pageUp: timeline.shift(-timeline.window)
  case .pageDown: timeline.shift(timeline.window)
  case .bottom:
    timeline.state.end = nil
    timeline.state.selected = nil
  case .top:
    guard let first = timeline.state.spans.first else { return [] }
    timeline.state.end = first.start.addingTimeInterval(timeline.window * 0.9)
  }
  return []
}

/// The Log pane's list commands while the timeline is shown: what each means there. Nil when
/// the list's meaning applies.
func timelineLogCommand(_ command: LogCommand, _ state: inout PlaygroundState) -> [Effect]? {
  guard state.log.timeline.shown, !state.log.expanded else { return nil }
  var timeline = TimelineWindow(state)
  defer { state.log.timeline = timeline.state }
  switch command {
  case .expand:
    guard let serial = timeline.state.selected, let span = timeline.state.span(serial) else {
      state.setMessage("Pick a request first: ↑ or ↓.")
      return []
    }
    guard let id = span.entryID, state.log.store.entries.contains(where: { $0.id == id }) else {
      state.setMessage(
        span.entryID == nil
          ? "A burst's requests have no log entry of their own: the server's ← side of each is in the log."
          : "That exchange has left the log (it keeps the newest 2,000).")
      return []
    }
    state.log.filter = TextField()
    state.log.selectedID = id
    state.log.expanded = true
    state.log.detailScroll = 0
  case .pause:
    timeline.state.end = timeline.state.end == nil ? state.now : nil
    state.setMessage(
      timeline.state.end == nil ? "Following the present." : "Timeline held still: ←→ scroll, f follows again.")
  case .follow:
    timeline.state.end = nil
    timeline.state.selected = nil
  case .filter, .copyValue:
    state.setMessage(
      "The timeline shows every request: t goes back to the list to \(command == .filter ? "filter" : "copy").")
  case .clearLog:
    timeline.state.clear()
    return nil  // the list clears too
  case .closeEntry, .rawBytes, .clearFilter, .exportHAR:
    return nil  // the list's meaning
  }
  return []
}

/// The timeline as the commands see it: its state, its layout at the pane's width now, and the
/// time its window spans. Pure.
private struct TimelineWindow {
  var state: TimelineState
  let layout: TimelineLayout
  let now: Date

  init(_ playground: PlaygroundState) {
    state = playground.log.timeline
    now = playground.now
    layout = TimelineLayout(state, now: now, columns: timelineColumns(playground))
  }

  /// Seconds the lanes show.
  var window: Double { Double(layout.columns) * state.secondsPerColumn }

  /// Moves the window by `seconds`; at or past the present it follows the present again.
  mutating func shift(_ seconds: Double) {
    let end = (state.end ?? now).addingTimeInterval(seconds)
    state.end = end >= now ? nil : end
  }
}

/// The columns the timeline's lanes get: the Log pane's inside less the lane labels.
func timelineColumns(_ state: PlaygroundState) -> Int {
  let rect = Layout(state).panes[.log]
  return max(1, (rect?.width ?? 80) - 2 - TimelineLayout.labelWidth - 1)
}

/// The timeline as a Chrome trace: the server's requests on the threads of their event loops
/// (process 1), the builder's on the lanes it packs them into (process 2). Pure.
enum TimelineTrace {
  static func json(_ timeline: TimelineState) -> [UInt8] {
    var spans: [ChromeTrace.Span] = []
    var loops: Set<Int> = []
    var lanes: [Date] = []  // the end of each client lane's last request
    for span in timeline.spans.sorted(by: { $0.start < $1.start }) {
      let path = String(span.target.prefix { $0 != "?" })
      var args: [String: ChromeTrace.Value] = ["status": .int(span.status), "target": .string(span.target)]
      if let began = span.began { args["began_ms"] = .double((began * 1_000_000).rounded() / 1000) }
      if let firstByte = span.firstByte { args["first_byte_ms"] = .double((firstByte * 1_000_000).rounded() / 1000) }
      switch span.place {
      case .server(let connection, let loop, _):
        args["connection"] = .int(Int(connection))
        loops.insert(loop)
        spans.append(
          ChromeTrace.Span(
            name: "\(span.method) \(path)", category: "server", start: span.start, duration: span.duration,
            process: 1, thread: loop + 1, args: args))
      case .client:
        let lane = lanes.firstIndex { $0 <= span.start } ?? lanes.count
        if lane == lanes.count { lanes.append(span.end) } else { lanes[lane] = span.end }
        spans.append(
          ChromeTrace.Span(
            name: "\(span.method) \(URLComponents(string: span.target)?.path ?? path)", category: "client",
            start: span.start, duration: span.duration, process: 2, thread: lane + 1, args: args))
      }
    }
    var threads: [Int: String] = [:]
    for loop in loops { threads[loop + 1] = "event loop \(loop)" }
    var clientThreads: [Int: String] = [:]
    for lane in lanes.indices { clientThreads[lane + 1] = "request lane \(lane + 1)" }
    return Array(
      ChromeTrace.json(
        spans,
        processes: [
          ChromeTrace.Process(id: 1, name: "squall playground server", threads: threads),
          ChromeTrace.Process(id: 2, name: "the builder's client", threads: clientThreads),
        ]))
  }
}

/// Zooms the timeline so that the requests of the last minute fit its width, following the
/// present: opened after a burst, it shows the burst whole.
func fitTimeline(_ state: inout PlaygroundState) {
  var timeline = state.log.timeline
  timeline.end = nil
  timeline.selected = nil
  let columns = Double(timelineColumns(state))
  let recent = timeline.spans.filter { state.now.timeIntervalSince($0.start) <= 60 }
  if let earliest = recent.map(\.start).min() {
    let needed = state.now.timeIntervalSince(earliest) * 1.1
    timeline.zoom =
      TimelineState.zoomLevels.firstIndex { $0 * columns >= needed } ?? TimelineState.zoomLevels.count - 1
  }
  state.log.timeline = timeline
}
