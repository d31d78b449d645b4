import Foundation
import SquallValues

/// The log pane: a filter line, then one line per exchange (or the selected one expanded).
enum LogView {
  /// Why nothing is listed: the filter's query does not read (its words and column), or
  /// nothing passes it.
  static func noMatch(_ filter: LogFilter) -> String {
    guard case .invalid(let error) = filter else { return "Nothing matches the filter." }
    return TerminalSafe.escape("The filter reads as a query but column \(error.column): \(error.message). ")
      + "A single word filters text (404, 4xx, POST, refused)."
  }

  static func draw<C: Canvas>(_ state: PlaygroundState, in rect: Rect, into canvas: inout C) {
    guard rect.height > 0 else { return }
    let log = state.log
    let visible = log.visible
    var header: String
    if log.editingFilter {
      header = "Filter: " + log.filter.shown
    } else if !log.filter.text.isEmpty {
      let kind = if case .query = LogFilter(log.filter.text) { "query, " } else { "" }
      header = "Filter: \(TerminalSafe.escape(log.filter.text)) (\(kind)\(visible.count) match · x clears)"
    } else {
      header = ""
    }
    // Browsing holds the selection; what arrived below it is counted, and End follows again.
    let below = log.selectedID.flatMap { id in visible.firstIndex { $0.id == id } }.map { visible.count - 1 - $0 } ?? 0
    let mode =
      log.paused
      ? "⏸ paused (+\(log.arrivedWhilePaused) new)"
      : (log.selectedID == nil ? "● following" : below > 0 ? "○ browsing +\(below) (End)" : "○ browsing")
    let headerWidth = rect.width - CellWidth.of(mode) - 1
    if header.isEmpty {
      // The legend's longest form that fits whole beside the mode.
      let forms = [
        "← served · → sent by the builder · by finish time", "← served · → sent · by finish", "← served · → sent",
      ]
      header = forms.first { CellWidth.of($0) + 2 <= headerWidth } ?? ""
    }
    canvas.draw(
      CellWidth.pad(" " + header, to: headerWidth - 1) + " ", x: rect.x, y: rect.y, width: headerWidth,
      style: log.editingFilter ? .selected : .dim)
    canvas.draw(
      mode + " ", x: rect.x + headerWidth, y: rect.y, width: rect.width - headerWidth,
      style: log.paused ? .warning : .dim)

    let body = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
    if log.expanded, let id = log.selectedID, let entry = visible.first(where: { $0.id == id }) {
      // Wrapped, never cut: an error or a refusal is read in full.
      let lines = DetailView.lines(entry, timeZone: state.timeZone, rawOnly: log.rawOnly, width: body.width - 4)
        .flatMap { text, style in
          CellWidth.wrap(text, to: body.width - 1, indent: "    ").map { ($0, style) }
        }
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
        : LogView.noMatch(LogFilter(log.filter.text))
      canvas.drawWrapped(hint, in: body, style: .dim)
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
  static func firstShown(_ visible: VisibleEntries, selectedID: Int?, rows: Int) -> Int {
    guard rows > 0, visible.count > rows else { return 0 }
    guard let id = selectedID, let index = visible.firstIndex(where: { $0.id == id }) else {
      return visible.count - rows
    }
    return max(0, min(index - rows / 2, visible.count - rows))
  }

  /// Which optional columns a log line of `width` cells has room for. Method, target and
  /// status always stay; the finish time goes first, then the size, then the duration.
  struct Columns: Equatable {
    var time = true
    var size = true
    var duration = true

    /// Cells the target keeps at least before a column is dropped.
    static let minimumTarget = 16

    init(width: Int) {
      func targetWidth() -> Int {
        width - 1 - (time ? 9 : 0) - 2 - 8 - 4 - (size ? 8 : 0) - (duration ? 9 : 0)
      }
      if targetWidth() < Self.minimumTarget { time = false }
      if targetWidth() < Self.minimumTarget { size = false }
      if targetWidth() < Self.minimumTarget { duration = false }
    }
  }

  /// `12:00:01 ← GET     /path          200    12 B  0.60 ms`, columns of fixed width (the
  /// numbers right-aligned), the time being when the exchange finished.
  static func line(_ entry: LogEntry, width: Int, timeZone: TimeZone) -> String {
    let columns = Columns(width: width)
    var head = " "
    if columns.time { head += clock(entry.finishedAt, timeZone: timeZone) + " " }
    head += entry.direction.rawValue + " " + TerminalSafe.escape(entry.method).padded(8)  // never cut
    var tail = " " + statusText(entry)
    if columns.size { tail += rightAligned(ServerView.bytes(entry.responseBodySize), 8) }
    if columns.duration { tail += rightAligned(milliseconds(entry.duration), 9) }
    var target = TerminalSafe.escape(shortTarget(entry.target))
    if let refusal = entry.refusal { target += (target.isEmpty ? "" : " ") + "⊘ " + TerminalSafe.escape(refusal) }
    if entry.detached { target += " ⇄ detached: \(max(entry.rawResponseSize, entry.rawResponse.count)) raw bytes" }
    if let socket = entry.webSocket { target += " " + socket.summary }
    let targetWidth = max(4, width - CellWidth.of(head) - CellWidth.of(tail))
    return CellWidth.pad(head + CellWidth.pad(target, to: targetWidth) + tail, to: width)
  }

  /// A URL on this machine's loopback written as `squall fetch` takes it, `:8888/path`, so that
  /// the path shows in a narrow pane (the open entry shows the whole URL). Pure.
  static func shortTarget(_ target: String) -> String {
    let prefix = "http://127.0.0.1:"
    guard target.hasPrefix(prefix), target.dropFirst(prefix.count).first?.isNumber == true else { return target }
    return ":" + target.dropFirst(prefix.count)
  }

  /// The status column: the code (599 for a failed fetch, as Tornado reports it), or `—` when
  /// the server closed without answering.
  static func statusText(_ entry: LogEntry) -> String {
    entry.status == 0 ? "  —" : rightAligned(String(entry.status), 3)
  }

  private static func rightAligned(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - CellWidth.of(text))) + text
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
    case 0: .warning
    case 200..<300: .success
    case 300..<400: .redirect
    case 400..<500: .clientError
    default: .serverError
    }
  }
}
