import Foundation
import Squall

/// The log pane: a filter line, then one line per exchange (or the selected one expanded).
enum LogView {
  static func draw<C: Canvas>(_ state: PlaygroundState, in rect: Rect, into canvas: inout C) {
    guard rect.height > 0 else { return }
    let log = state.log
    let visible = log.visible
    var header: String
    if log.editingFilter {
      header = "Filter: " + TerminalSafe.escape(log.filter.text) + "▏"
    } else if !log.filter.text.isEmpty {
      header = "Filter: \(TerminalSafe.escape(log.filter.text)) (\(visible.count) match)"
    } else {
      header = "/ filter · ← served by the server, → sent by the builder"
    }
    let mode =
      log.paused ? "⏸ paused (+\(log.missedWhilePaused))" : (log.selectedID == nil ? "● following" : "○ browsing")
    let headerWidth = rect.width - CellWidth.of(mode) - 1
    canvas.draw(
      CellWidth.pad(" " + header, to: headerWidth - 1) + " ", x: rect.x, y: rect.y, width: headerWidth,
      style: log.editingFilter ? .selected : .dim)
    canvas.draw(
      mode + " ", x: rect.x + headerWidth, y: rect.y, width: rect.width - headerWidth,
      style: log.paused ? .warning : .dim)

    let body = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
    if log.expanded, let id = log.selectedID, let entry = visible.first(where: { $0.id == id }) {
      let lines = DetailView.lines(entry, timeZone: state.timeZone)
      let scroll = min(log.detailScroll, max(0, lines.count - body.height))
      for (row, line) in lines.dropFirst(scroll).prefix(body.height).enumerated() {
        canvas.draw(
          CellWidth.truncate(" " + line.0, to: body.width), x: body.x, y: body.y + row, width: body.width, style: line.1
        )
      }
      return
    }
    if visible.isEmpty {
      let hint =
        log.store.entries.isEmpty
        ? "No exchanges yet. Send one from the builder, or run: curl http://127.0.0.1:\(state.server.port)/"
        : "Nothing matches the filter."
      canvas.draw(CellWidth.truncate(" " + hint, to: body.width), x: body.x, y: body.y, width: body.width, style: .dim)
      return
    }
    let first = firstShown(visible, selectedID: log.selectedID, rows: body.height)
    for row in 0..<min(body.height, visible.count - first) {
      let entry = visible[first + row]
      let selected = entry.id == log.selectedID
      let text = line(entry, width: body.width, timeZone: state.timeZone)
      canvas.draw(
        text, x: body.x, y: body.y + row, width: body.width, style: selected ? .selected : statusStyle(entry.status))
    }
  }

  /// The index of the first visible entry shown, keeping the selection (or the newest) in view.
  static func firstShown(_ visible: [LogEntry], selectedID: Int?, rows: Int) -> Int {
    guard rows > 0, visible.count > rows else { return 0 }
    guard let id = selectedID, let index = visible.firstIndex(where: { $0.id == id }) else {
      return visible.count - rows
    }
    return max(0, min(index - rows / 2, visible.count - rows))
  }

  /// `12:00:01 ← GET     /path          200    12 B   0.6 ms`
  static func line(_ entry: LogEntry, width: Int, timeZone: TimeZone) -> String {
    let time = clock(entry.time, timeZone: timeZone)
    let method = TerminalSafe.escape(entry.method)
    let status = entry.error == nil ? String(entry.status) : "ERR"
    let size = ServerView.bytes(entry.responseBodySize)
    let tail = " " + status.padded(4) + size.padded(8) + milliseconds(entry.duration)
    let head = " \(time) \(entry.direction.rawValue) " + method.padded(8)
    let targetWidth = max(4, width - CellWidth.of(head) - CellWidth.of(tail) - 1)
    let target = CellWidth.pad(TerminalSafe.escape(entry.target), to: targetWidth)
    return CellWidth.pad(head + target + tail, to: width)
  }

  static func clock(_ date: Date, timeZone: TimeZone) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
    func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
    return "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))"
  }

  static func milliseconds(_ seconds: Double) -> String {
    let ms = seconds * 1000
    return ms < 10
      ? String(format: "%.2f ms", ms) : ms < 1000 ? String(format: "%.0f ms", ms) : String(format: "%.1f s", seconds)
  }

  static func statusStyle(_ status: Int) -> Style {
    switch status {
    case 200..<300: .success
    case 300..<400: .redirect
    case 400..<500: .clientError
    default: .serverError
    }
  }
}
