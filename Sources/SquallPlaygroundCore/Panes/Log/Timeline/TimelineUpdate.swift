import Foundation
import SquallValues

// The Log pane's timeline: its commands, and what the list's keys mean while it is shown.
// Each changes the Log pane's state only and answers with a `PaneReply`.

extension LogPaneState {
  /// The timeline's own commands (see `Keymap.log`, condition `logTimeline`), and `t`
  /// anywhere in the Log pane.
  mutating func perform(_ command: TimelineCommand, _ context: LogContext) -> PaneReply {
    var reply = PaneReply()
    if command == .toggleTimeline {
      timeline.shown.toggle()
      expanded = false
      if timeline.shown {
        fitTimeline(context)
      } else {
        selectedID = nil  // the list follows the newest again
      }
      reply.say(
        timeline.shown
          ? "Timeline: a lane per connection, by event loop (░ waits █ handler ▓ response); t: the list."
          : "The list of exchanges. t: the timeline.")
      return reply
    }
    guard timeline.shown, !expanded else { return reply }  // its keys say where it works
    var window = TimelineWindow(timeline, context)
    defer { timeline = window.state }
    switch command {
    case .toggleTimeline: break  // above
    case .earlier: window.shift(-window.seconds / 4)
    case .later: window.shift(window.seconds / 4)
    case .zoomIn, .zoomOut:
      let level = window.state.zoom + (command == .zoomIn ? -1 : 1)
      guard TimelineState.zoomLevels.indices.contains(level) else {
        reply.say(command == .zoomIn ? "Zoomed in as far as it goes: 1 ms a column." : "Zoomed out as far as it goes.")
        return reply
      }
      // Zoom around the picked request, or keep the right edge.
      let center = window.state.selected.flatMap(window.state.span).map {
        $0.start.addingTimeInterval($0.duration / 2)
      }
      window.state.zoom = level
      if let center {
        let half = Double(window.layout.columns) * window.state.secondsPerColumn / 2
        let end = center.addingTimeInterval(half)
        window.state.end = end >= context.now ? nil : end
      }
      reply.say("\(LogView.milliseconds(window.state.secondsPerColumn)) a column.")
    case .writeTrace:
      guard !window.state.spans.isEmpty else {
        reply.say("Nothing to write: no request yet. Send one from the builder (F2).", .error)
        return reply
      }
      reply.effects.append(.writeTrace(TimelineTrace.json(window.state)))
    }
    return reply
  }

  /// The moves while the timeline is shown: ↑↓ pick a request, a page scrolls in time, Home
  /// and End go to the first request and the present. Nil when the list moves.
  mutating func timelineMove(_ move: Move, _ context: LogContext) -> PaneReply? {
    guard timeline.shown, !expanded else { return nil }
    var reply = PaneReply()
    var window = TimelineWindow(timeline, context)
    defer { timeline = window.state }
    switch move {
    case .up, .down:
      let order = window.layout.order
      guard !order.isEmpty else {
        // The newest request scrolled out of a following window (a learner sent one, opened
        // the timeline, and a second later ↑ found nothing): hold the window on it and pick it.
        guard let newest = window.state.spans.max(by: { $0.start < $1.start }) else {
          reply.say("No request yet: send one from the builder (F2), then ↑ picks it.")
          return reply
        }
        let end = newest.start.addingTimeInterval(newest.duration + window.seconds / 4)
        window.state.end = end >= context.now ? nil : end
        window.state.selected = newest.serial
        reply.say("The newest request was out of view: the timeline holds on it. f follows the present again.")
        return reply
      }
      let index = window.state.selected.flatMap { order.firstIndex(of: $0) }
      let next =
        index.map { min(max(0, $0 + (move == .up ? -1 : 1)), order.count - 1) } ?? (move == .up ? order.count - 1 : 0)
      window.state.selected = order[next]
      if window.state.end == nil { window.state.end = context.now }  // hold still while picking
    case .pageUp: window.shift(-window.seconds)
    case .pageDown: window.shift(window.seconds)
    case .bottom:
      window.state.end = nil
      window.state.selected = nil
    case .top:
      guard let first = window.state.spans.first else { return reply }
      window.state.end = first.start.addingTimeInterval(window.seconds * 0.9)
    }
    return reply
  }

  /// The list's commands while the timeline is shown: what each means there. Nil when the
  /// list's meaning applies.
  mutating func timelineCommand(_ command: LogCommand, _ context: LogContext) -> PaneReply? {
    guard timeline.shown, !expanded else { return nil }
    var reply = PaneReply()
    var window = TimelineWindow(timeline, context)
    defer { timeline = window.state }
    switch command {
    case .expand:
      guard let serial = window.state.selected, let span = window.state.span(serial) else {
        reply.say("Pick a request first: ↑ or ↓.")
        return reply
      }
      guard let id = span.entryID, store.entries.contains(where: { $0.id == id }) else {
        reply.say(
          span.entryID == nil
            ? "A burst's requests have no log entry of their own: the server's ← side of each is in the log."
            : "That exchange has left the log (it keeps the newest 2,000).")
        return reply
      }
      filter = TextField()
      selectedID = id
      expanded = true
      rawOnly = false
      detailScroll = 0
    case .pause:
      window.state.end = window.state.end == nil ? context.now : nil
      reply.say(
        window.state.end == nil ? "Following the present." : "Timeline held still: ←→ scroll, f follows again.")
    case .follow:
      window.state.end = nil
      window.state.selected = nil
    case .filter, .copyValue:
      reply.say(
        "The timeline shows every request: t goes back to the list to \(command == .filter ? "filter" : "copy").")
    case .clearLog:
      window.state.clear()
      return nil  // the list clears too
    case .closeEntry, .rawBytes, .clearFilter, .exportHAR:
      return nil  // the list's meaning
    }
    return reply
  }

  /// Zooms the timeline so that the requests of the last minute fit its width, following the
  /// present: opened after a burst, it shows the burst whole.
  mutating func fitTimeline(_ context: LogContext) {
    timeline.end = nil
    timeline.selected = nil
    let columns = Double(context.timelineColumns)
    let recent = timeline.spans.filter { context.now.timeIntervalSince($0.start) <= 60 }
    if let earliest = recent.map(\.start).min() {
      let needed = context.now.timeIntervalSince(earliest) * 1.1
      timeline.zoom =
        TimelineState.zoomLevels.firstIndex { $0 * columns >= needed } ?? TimelineState.zoomLevels.count - 1
    }
  }
}

/// The timeline as the commands see it: its state, its layout at the pane's width now, and the
/// time its window spans. Pure.
private struct TimelineWindow {
  var state: TimelineState
  let layout: TimelineLayout
  let now: Date

  init(_ timeline: TimelineState, _ context: LogContext) {
    state = timeline
    now = context.now
    layout = TimelineLayout(timeline, now: now, columns: context.timelineColumns)
  }

  /// Seconds the lanes show.
  var seconds: Double { Double(layout.columns) * state.secondsPerColumn }

  /// Moves the window by `seconds`; at or past the present it follows the present again.
  mutating func shift(_ seconds: Double) {
    let end = (state.end ?? now).addingTimeInterval(seconds)
    state.end = end >= now ? nil : end
  }
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
