import Foundation

/// The timeline as rows for a window of time: a heading per event loop with one lane per
/// connection of the hosted server (a kept-alive connection's lane goes on between its
/// requests), then the builder's requests, packed into as few lanes as run at once. Pure.
struct TimelineLayout {
  struct Lane: Equatable {
    var label: String
    /// When the connection was open (server lanes), to draw it between requests.
    var opened: Date?
    var closed: Date?
    var spans: [TimelineSpan]
    /// A WebSocket's connection: when its frames went by (drawn as ticks on a double line).
    var frames: [Date]? = nil
  }

  enum Row: Equatable {
    case heading(String)
    case lane(Lane)
  }

  var rows: [Row] = []
  var start: Date
  var end: Date
  var columns: Int
  /// The serials of the spans in view, lane by lane, each lane's in time order: ↑ and ↓ walk it.
  var order: [Int] = []

  /// The width of a lane's label (" #12  ", " →3  ").
  static let labelWidth = 7

  init(_ timeline: TimelineState, now: Date, columns: Int) {
    self.columns = max(1, columns)
    end = timeline.end ?? now
    start = end.addingTimeInterval(-Double(self.columns) * timeline.secondsPerColumn)
    let (start, end) = (self.start, self.end)
    func inView(_ span: TimelineSpan) -> Bool { span.start <= end && span.end >= start }

    struct Connection {
      var id: UInt64
      var opened: Date
      var loop: Int
      var spans: [TimelineSpan]
    }
    // Connection ids are unique in the process (`HTTPServer` numbers them across restarts);
    // each exchange says when its connection opened, to within microseconds: the earliest counts.
    var connections: [UInt64: Connection] = [:]
    var client: [TimelineSpan] = []
    for span in timeline.spans {
      switch span.place {
      case .server(let id, let loop, let opened):
        connections[id, default: Connection(id: id, opened: opened, loop: loop, spans: [])].spans.append(span)
        if opened < connections[id]!.opened { connections[id]!.opened = opened }
      case .client:
        if inView(span) { client.append(span) }
      }
    }
    var byLoop: [Int: [Lane]] = [:]
    for connection in connections.values.sorted(by: { ($0.opened, $0.id) < ($1.opened, $1.id) }) {
      let spans = connection.spans
      let closed = timeline.closed[connection.id].flatMap { $0 >= connection.opened ? $0 : nil }
      guard connection.opened <= end, (closed ?? .distantFuture) >= start else { continue }
      let isWebSocket = spans.contains { $0.status == 101 } || timeline.webSocketFrames[connection.id] != nil
      byLoop[connection.loop, default: []].append(
        Lane(
          label: isWebSocket ? " ⇄\(connection.id)" : " #\(connection.id)", opened: connection.opened, closed: closed,
          spans: spans.filter(inView),
          frames: isWebSocket
            ? (timeline.webSocketFrames[connection.id].map { Array($0.filter { $0 >= start && $0 <= end }) } ?? [])
            : nil))
    }
    for loop in byLoop.keys.sorted() {
      let lanes = byLoop[loop]!
      let open = lanes.filter { $0.closed == nil }.count
      rows.append(
        .heading("event loop \(loop) · \(lanes.count) connection\(lanes.count == 1 ? "" : "s") (\(open) open)"))
      rows += lanes.map(Row.lane)
    }
    // The builder's requests: a request takes the first lane free when it starts, so the
    // number of lanes is the most that ran at once (a burst's max_clients shows as lanes).
    var lanes: [[TimelineSpan]] = []
    for span in client.sorted(by: { $0.start < $1.start }) {
      if let free = lanes.firstIndex(where: { ($0.last?.end ?? .distantPast) <= span.start }) {
        lanes[free].append(span)
      } else {
        lanes.append([span])
      }
    }
    if !lanes.isEmpty {
      rows.append(.heading("the builder's client · \(lanes.count) at once at most"))
      for (index, spans) in lanes.enumerated() {
        rows.append(.lane(Lane(label: " →\(index + 1)", opened: nil, closed: nil, spans: spans)))
      }
    }
    for row in rows {
      if case .lane(let lane) = row { order += lane.spans.sorted { $0.start < $1.start }.map(\.serial) }
    }
  }

  /// The column of a moment (may lie outside 0..<columns).
  func column(_ date: Date) -> Int {
    let seconds = end.timeIntervalSince(start)
    return Int((date.timeIntervalSince(start) / seconds * Double(columns)).rounded(.down))
  }

  /// The cells of a lane: `·` while its connection is open between requests, and each request
  /// drawn by phase: `░` before its handler (body arriving, waiting for the loop; for the
  /// client: queued or connecting), `█` while the handler runs (the client: waiting for the
  /// answer), `▓` while the response travels. A request shorter than a column still takes one.
  func cells(_ lane: Lane, now: Date) -> [Character] {
    var cells = [Character](repeating: " ", count: columns)
    if let opened = lane.opened {
      let from = max(0, column(opened))
      let to = min(columns - 1, column(lane.closed ?? min(now, end)))
      if from <= to { for index in from...to { cells[index] = "·" } }
    }
    // A WebSocket: a double line from its 101 on, a tick for each frame's column.
    if let frames = lane.frames, let upgrade = lane.spans.first(where: { $0.status == 101 }) ?? lane.spans.last {
      let from = max(0, column(upgrade.end))
      let to = min(columns - 1, column(lane.closed ?? min(now, end)))
      if from <= to { for index in from...to { cells[index] = "═" } }
      for frame in frames {
        let index = column(frame)
        if (0..<columns).contains(index) { cells[index] = "╪" }
      }
    }
    let width = end.timeIntervalSince(start) / Double(columns)
    for span in lane.spans {
      let from = max(0, column(span.start))
      let to = min(columns - 1, max(column(span.end), column(span.start)))
      guard from <= to else { continue }
      // A request shorter than a cell is one █: too short to tell its phases apart.
      if span.duration < width {
        cells[from] = Self.glyph(.running)
        continue
      }
      for index in from...to {
        // The phase that takes most of the cell's time.
        let cellStart = start.addingTimeInterval(Double(index) * width).timeIntervalSince(span.start)
        cells[index] = Self.glyph(span.dominantPhase(from: cellStart, to: cellStart + width))
      }
    }
    return cells
  }

  static func glyph(_ phase: TimelineSpan.Phase) -> Character {
    switch phase {
    case .before: "░"
    case .running: "█"
    case .transfer: "▓"
    }
  }

  /// The time axis: a mark every ten columns, each labelled with its distance from the right
  /// edge (`-1.5s`), as far as labels fit.
  func axis() -> String {
    var cells = [Character](repeating: "─", count: columns)
    let seconds = end.timeIntervalSince(start)
    var index = 0
    while index < columns {
      let label = "┬" + Self.duration(seconds * Double(columns - index) / Double(columns))
      if index + label.count <= columns - 4 {
        for (offset, character) in label.enumerated() { cells[index + offset] = character }
      }
      index += 10
    }
    return String(cells)
  }

  /// `-1.5s`, `-300ms`.
  static func duration(_ seconds: Double) -> String {
    if seconds >= 1 {
      let rounded = (seconds * 10).rounded() / 10
      return rounded == rounded.rounded() ? "-\(Int(rounded))s" : "-\(rounded)s"
    }
    return "-\(Int((seconds * 1000).rounded()))ms"
  }
}
