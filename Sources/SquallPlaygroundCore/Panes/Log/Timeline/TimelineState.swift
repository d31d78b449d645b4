import DequeModule
import Foundation

/// One bar of the timeline: a request the hosted server answered or the builder sent, and the
/// moments that split it into phases. Pure data.
package struct TimelineSpan: Sendable, Equatable {
  package enum Place: Sendable, Equatable {
    /// On a connection of the hosted server, which lives on one event loop.
    case server(connection: UInt64, eventLoop: Int, connectionOpened: Date)
    /// Sent by the builder's client (a single send or one request of a burst).
    case client
  }

  /// Numbers spans as they arrive: what the selection holds on to.
  package var serial = 0
  package var place: Place
  /// The log entry it opens (nil for a burst's requests, which the log does not keep).
  package var entryID: Int?
  package var method: String
  package var target: String
  package var status: Int
  package var start: Date
  /// Seconds from `start`: the handler began (server) or the request went out (client).
  package var began: Double?
  /// Seconds from `start`: the response head was written (server) or arrived (client).
  package var firstByte: Double?
  package var duration: Double

  package init(
    place: Place, entryID: Int?, method: String, target: String, status: Int, start: Date, began: Double?,
    firstByte: Double?, duration: Double
  ) {
    self.place = place
    self.entryID = entryID
    self.method = method
    self.target = target
    self.status = status
    self.start = start
    self.began = began
    self.firstByte = firstByte
    self.duration = duration
  }

  package var end: Date { start.addingTimeInterval(duration) }

  /// What the request was doing `offset` seconds after its start.
  package enum Phase: Sendable {
    /// The body arriving, or waiting for the loop (server); queued or connecting (client).
    case before
    /// The handler running (server); waiting for the answer (client).
    case running
    /// The response going out (server) or coming in (client).
    case transfer
  }

  /// The phase that lasts longest between two offsets; the handler's (or the wait for the
  /// answer) wins a tie. Pure.
  package func dominantPhase(from lower: Double, to upper: Double) -> Phase {
    let began = min(max(self.began ?? 0, 0), duration)
    let firstByte = min(max(self.firstByte ?? duration, began), duration)
    func overlap(_ a: Double, _ b: Double) -> Double { max(0, min(b, upper) - max(a, lower)) }
    let before = overlap(0, began)
    let running = overlap(began, firstByte)
    let transfer = overlap(firstByte, duration)
    if running >= before && running >= transfer { return .running }
    return before >= transfer ? .before : .transfer
  }

  package func phase(at offset: Double) -> Phase {
    if let began, offset < began { return .before }
    if let firstByte, offset >= firstByte { return .transfer }
    return .running
  }
}

/// The Log pane's timeline: the spans of the newest requests (bounded), when connections
/// closed, and how the view is zoomed and scrolled. Recording is a few appends per request
/// on the UI thread; the server side costs only what observing exchanges costs.
package struct TimelineState: Sendable {
  package static let capacity = 4000
  /// Seconds a column stands for, from the finest to the coarsest.
  package static let zoomLevels: [Double] = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60]

  package var spans = Deque<TimelineSpan>()
  /// When each connection closed, by id. Ids start again with each server: a close before a
  /// connection's opening belongs to another one.
  package var closed: [UInt64: Date] = [:]
  /// The Log pane shows the timeline instead of the list.
  package var shown = false
  /// An index into `zoomLevels`.
  package var zoom = 5
  /// The right edge of the view when paused or scrolled back; nil follows the present.
  package var end: Date?
  /// The selected span's serial.
  package var selected: Int?
  private var nextSerial = 0

  package init() {}

  package var secondsPerColumn: Double { Self.zoomLevels[zoom] }

  package mutating func add(_ span: TimelineSpan) {
    var span = span
    nextSerial += 1
    span.serial = nextSerial
    if spans.count == Self.capacity { spans.removeFirst() }
    spans.append(span)
  }

  package mutating func connectionClosed(_ id: UInt64, at date: Date) {
    closed[id] = date
    if closed.count > Self.capacity {
      // The oldest closes go first, a quarter at a time (one sort per thousand closes, not one
      // per close): their connections have long left the view.
      for key in closed.sorted(by: { $0.value < $1.value }).prefix(Self.capacity / 4).map(\.key) {
        closed.removeValue(forKey: key)
      }
    }
  }

  /// When each WebSocket's frames went by, by connection: the lane draws a tick for each.
  package var webSocketFrames: [UInt64: Deque<Date>] = [:]
  package static let framesPerWebSocket = 1000

  package mutating func webSocketFrame(_ id: UInt64, at date: Date) {
    webSocketFrames[id, default: []].append(date)
    if webSocketFrames[id]!.count > Self.framesPerWebSocket { webSocketFrames[id]!.removeFirst() }
    if webSocketFrames.count > Self.capacity / 4,
      let oldest = webSocketFrames.min(by: { ($0.value.last ?? .distantPast) < ($1.value.last ?? .distantPast) })?.key
    {
      webSocketFrames.removeValue(forKey: oldest)
    }
  }

  /// A WebSocket closed: its connection's lane ends there.
  package mutating func webSocketClosed(_ id: UInt64, at date: Date) { connectionClosed(id, at: date) }

  package mutating func clear() {
    spans.removeAll()
    closed.removeAll()
    webSocketFrames.removeAll()
    selected = nil
  }

  package func span(_ serial: Int) -> TimelineSpan? { spans.last { $0.serial == serial } }
}
