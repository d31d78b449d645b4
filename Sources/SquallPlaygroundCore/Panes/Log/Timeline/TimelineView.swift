import Foundation
import SquallValues

/// The Log pane as a timeline (`t`): the time axis, a lane per connection grouped by event
/// loop, the builder's requests, and a line on the selected request (or the legend). Readable
/// without colour: the phases are told apart by their characters.
enum TimelineView {
  static func draw<C: Canvas>(_ state: PlaygroundState, in rect: Rect, into canvas: inout C) {
    guard rect.height > 0 else { return }
    let timeline = state.log.timeline
    let label = TimelineLayout.labelWidth
    let layout = TimelineLayout(timeline, now: state.now, columns: rect.width - label - 1)
    let mode =
      timeline.end.map { "⏸ at " + LogView.clock($0, timeZone: state.timeZone) } ?? "● following"
    let zoom = LogView.milliseconds(timeline.secondsPerColumn).replacingOccurrences(of: ".00", with: "")
    let header =
      rect.width >= 70
      ? " Timeline · \(zoom) a column · ←→ scroll · +- zoom · t list" : " Timeline · \(zoom)/col · t list"
    let headerWidth = rect.width - CellWidth.of(mode) - 1
    canvas.draw(CellWidth.pad(header, to: headerWidth), x: rect.x, y: rect.y, width: headerWidth, style: .dim)
    canvas.draw(
      mode + " ", x: rect.x + headerWidth, y: rect.y, width: rect.width - headerWidth,
      style: timeline.end == nil ? .dim : .warning)
    guard rect.height > 1 else { return }
    canvas.draw(
      String(repeating: " ", count: label) + layout.axis(), x: rect.x, y: rect.y + 1, width: rect.width, style: .dim)

    let body = Rect(x: rect.x, y: rect.y + 2, width: rect.width, height: max(0, rect.height - 3))
    if layout.rows.isEmpty {
      let hint =
        timeline.spans.isEmpty
        ? "No requests yet: send one from the builder (F2), or a burst (B there)."
        : "Nothing in this stretch of time: f follows the present, - zooms out."
      canvas.drawWrapped(hint, in: body, style: .dim)
    } else {
      drawRows(layout, timeline, now: state.now, in: body, into: &canvas)
    }
    guard rect.height > 2 else { return }
    let footer = timeline.selected.flatMap(timeline.span).map(describe) ?? legend(width: rect.width - 1)
    canvas.draw(
      CellWidth.truncate(" " + footer, to: rect.width), x: rect.x, y: rect.y + rect.height - 1, width: rect.width,
      style: timeline.selected == nil ? .dim : .normal)
  }

  static let legend =
    "░ body or queue  █ handler running / awaited  ▓ response going  · open, idle  ═╪ WebSocket, a frame  ↑↓ pick"
  /// The legend's longest form that fits `width` whole (the full one is in `?` help).
  static func legend(width: Int) -> String {
    let forms = [
      legend, "░ body/queue █ handler ▓ response · idle ═╪ ws ↑↓ pick",
      "░ body/queue █ handler ▓ response · idle ↑↓ pick", "░ queue █ handler ▓ response ═╪ ws",
      "░ queue █ handler ▓ response ↑↓",
      "█ handler ▓ response",
    ]
    return forms.first { CellWidth.of($0) <= width } ?? ""
  }

  private static func drawRows<C: Canvas>(
    _ layout: TimelineLayout, _ timeline: TimelineState, now: Date, in body: Rect, into canvas: inout C
  ) {
    let label = TimelineLayout.labelWidth
    // Scrolled so that the selected request's lane is in view.
    let selectedRow =
      timeline.selected.flatMap { serial in
        layout.rows.firstIndex { row in
          if case .lane(let lane) = row { return lane.spans.contains { $0.serial == serial } }
          return false
        }
      } ?? 0
    let first = max(0, min(selectedRow - body.height + 1, layout.rows.count - body.height))
    for (offset, row) in layout.rows.dropFirst(max(0, first)).prefix(body.height).enumerated() {
      let y = body.y + offset
      switch row {
      case .heading(let text):
        canvas.draw(CellWidth.truncate(" " + text, to: body.width), x: body.x, y: y, width: body.width, style: .dim)
      case .lane(let lane):
        let chosen = lane.spans.first { $0.serial == timeline.selected }
        let name = (chosen == nil ? " " : "▸") + lane.label.dropFirst()
        canvas.draw(CellWidth.pad(name, to: label), x: body.x, y: y, width: label, style: chosen == nil ? .dim : .bold)
        let cells = layout.cells(lane, now: now)
        canvas.draw(String(cells), x: body.x + label, y: y, width: layout.columns, style: .info)
        if let chosen {
          let from = max(0, layout.column(chosen.start))
          let to = min(layout.columns - 1, max(from, layout.column(chosen.end)))
          if from <= to, from < cells.count {
            canvas.draw(
              String(cells[from...min(to, cells.count - 1)]), x: body.x + label + from, y: y, width: to - from + 1,
              style: .selected)
          }
        }
      }
    }
  }

  /// The selected request in one line: what, where, and how long each phase took.
  static func describe(_ span: TimelineSpan) -> String {
    let target = TerminalSafe.escape(span.target)
    let total = LogView.milliseconds(span.duration)
    let began = span.began ?? 0
    let firstByte = span.firstByte ?? span.duration
    let phases = [
      LogView.milliseconds(began), LogView.milliseconds(max(0, firstByte - began)),
      LogView.milliseconds(max(0, span.duration - firstByte)),
    ]
    let opens = span.entryID == nil ? "" : " · Enter opens it"
    switch span.place {
    case .server(let connection, let loop, _):
      return
        "← \(span.method) \(target) \(span.status) · #\(connection) on event loop \(loop) · \(total): waited \(phases[0]), handler \(phases[1]), writing \(phases[2])\(opens)"
    case .client:
      return
        "→ \(span.method) \(target) \(span.status) · \(total): queued or connecting \(phases[0]), awaiting \(phases[1]), reading \(phases[2])\(opens)"
    }
  }
}
