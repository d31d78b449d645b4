import Foundation
import NIOCore
import NIOHTTP1
import Squall
import Testing

@testable import SquallPlayground
@testable import SquallPlaygroundCore

/// The Log pane's timeline: the lanes a burst makes, what each cell says, the keys, the
/// Chrome trace it writes, and golden screens at 80x24 and 120x40.
@Suite struct TimelineTests {
  static let noon = Fixtures.noon

  /// An exchange of the hosted server: head at `at` seconds after noon on connection `id`.
  static func exchange(
    _ target: String, id: UInt64, loop: Int, at: Double, waited: Double = 0, handler: Double, opened: Double? = nil
  ) -> ServedExchange {
    let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: target)
    return ServedExchange(
      HTTPExchange(
        connectionID: id, remote: "127.0.0.1", request: head, requestBody: ByteBuffer(), requestBodySize: 0,
        response: HTTPResponseHead(version: .http1_1, status: .ok), responseBody: ByteBuffer(), responseBodySize: 10,
        duration: waited + handler + 0.001, startedAt: noon.addingTimeInterval(at),
        timing: ExchangeTiming(
          eventLoop: loop, connectionOpened: (opened ?? at) - at, handlerStarted: waited, firstByte: waited + handler)))
  }

  /// Ten awaiting requests at once on ten connections over two loops, then ten blocking ones:
  /// two at a time, one per loop, each waiting for the one before on its loop.
  static func bursts(_ state: inout PlaygroundState) {
    for index in 0..<10 {
      _ = update(
        &state,
        .servedExchange(exchange("/slow?delay=0.3", id: UInt64(index + 1), loop: index % 2, at: 0, handler: 0.3)))
    }
    for index in 0..<10 {
      let turn = Double(index / 2) * 0.3
      _ = update(
        &state,
        .servedExchange(
          exchange(
            "/blocking?delay=0.3", id: UInt64(index + 11), loop: index % 2, at: 1, waited: turn, handler: 0.3)))
    }
    for id in 1...20 { _ = update(&state, .connectionClosed(UInt64(id), at: noon.addingTimeInterval(2.6))) }
    state.now = noon.addingTimeInterval(2.8)
  }

  static func timeline(width: Int, height: Int) -> PlaygroundState {
    var state = Fixtures.state(width: width, height: height)
    bursts(&state)
    state.focus = .log
    _ = update(&state, .key(.character("z")))
    _ = update(&state, .key(.character("t")))
    return state
  }

  /// Found by a learner walk: a request sent, the timeline opened, and a second later ↑ said
  /// "No request in view" while it followed the present at 50 ms a column. ↑ now holds the
  /// window on the newest request and picks it.
  @Test func pickingWithNothingInViewFindsTheNewestRequest() {
    var state = Fixtures.state()
    _ = update(&state, .servedExchange(Self.exchange("/", id: 1, loop: 0, at: 0, handler: 0.002)))
    state.now = Self.noon.addingTimeInterval(0.1)
    state.focus = .log
    _ = update(&state, .key(.character("t")))
    state.log.timeline.zoom = 0  // the finest: a few seconds across
    state.now = Self.noon.addingTimeInterval(30)
    let serial = state.log.timeline.spans.last?.serial
    _ = update(&state, .key(.up))
    #expect(state.log.timeline.selected == serial && serial != nil, "\(state.message)")
    #expect(state.log.timeline.end != nil, "held on it, not following the present")
  }

  @Test func awaitingRequestsShareTheirLoopAndBlockingOnesWaitTheirTurn() {
    var state = Self.timeline(width: 120, height: 40)
    state.log.timeline.zoom = 4  // 20 ms a column
    let layout = TimelineLayout(state.log.timeline, now: state.now, columns: 150)
    let lanes = layout.rows.compactMap { row -> TimelineLayout.Lane? in
      if case .lane(let lane) = row { return lane }
      return nil
    }
    #expect(
      layout.rows.filter { if case .heading = $0 { return true } else { return false } }.count == 2,
      "a heading per event loop")
    #expect(lanes.count == 20, "a lane per connection")
    // At 0.15 s after noon all ten awaiting handlers run at once.
    let running = lanes.filter { lane in lane.spans.contains { $0.target.hasPrefix("/slow") } }
      .map { layout.cells($0, now: state.now)[layout.column(Self.noon.addingTimeInterval(0.15))] }
    #expect(running == Array(repeating: "█", count: 10))
    // At 1.45 s the blocking burst's second pair runs (one per loop); the rest wait (░) or are done.
    let blocking = lanes.filter { lane in lane.spans.contains { $0.target.hasPrefix("/blocking") } }
      .map { layout.cells($0, now: state.now)[layout.column(Self.noon.addingTimeInterval(1.45))] }
    #expect(blocking.filter { $0 == "█" }.count == 2, "one handler per loop at a time")
    #expect(blocking.filter { $0 == "░" }.count == 6, "the later ones wait for their loop")
  }

  @Test func theBuildersRequestsTakeAsFewLanesAsRunAtOnce() {
    var timeline = TimelineState()
    for index in 0..<50 {
      // Five waves of ten, each wave starting as the one before ends: ten lanes, reused.
      let wave = Double(index / 10) * 0.1
      timeline.add(
        TimelineSpan(
          place: .client, entryID: nil, method: "GET", target: "http://127.0.0.1:8888/slow?delay=0.1", status: 200,
          start: Self.noon.addingTimeInterval(wave), began: 0, firstByte: 0.09, duration: 0.095))
    }
    let layout = TimelineLayout(timeline, now: Self.noon.addingTimeInterval(1), columns: 100)
    #expect(layout.rows.first == .heading("the builder's client · 10 at once at most"))
    #expect(layout.rows.count == 11, "a heading and ten lanes")
    #expect(layout.order.count == 50)
    // Fifty started at once (a burst queued in the client) take fifty lanes: each is running.
    var queued = TimelineState()
    for _ in 0..<50 {
      queued.add(
        TimelineSpan(
          place: .client, entryID: nil, method: "GET", target: "/", status: 200, start: Self.noon, began: 0.2,
          firstByte: 0.3, duration: 0.31))
    }
    #expect(
      TimelineLayout(queued, now: Self.noon.addingTimeInterval(1), columns: 100).rows.first
        == .heading("the builder's client · 50 at once at most"))
  }

  @Test func keysPickScrollZoomAndOpen() throws {
    var state = Self.timeline(width: 120, height: 40)
    #expect(state.log.timeline.shown)
    _ = update(&state, .key(.down))
    let first = try #require(state.log.timeline.selected)
    #expect(state.log.timeline.end == state.now, "picking holds the view still")
    _ = update(&state, .key(.down))
    #expect(state.log.timeline.selected != first)
    _ = update(&state, .key(.character("+")))
    #expect(state.log.timeline.zoom == 4)
    _ = update(&state, .key(.character("-")))
    _ = update(&state, .key(.character("-")))
    #expect(state.log.timeline.zoom == 6)
    _ = update(&state, .key(.enter))
    #expect(state.log.expanded, "Enter opens the picked request's log entry")
    #expect(state.log.selectedID == state.log.timeline.span(state.log.timeline.selected!)?.entryID)
    _ = update(&state, .key(.escape))
    #expect(!state.log.expanded && state.log.timeline.shown, "Esc comes back to the timeline")
    _ = update(&state, .key(.character("f")))
    #expect(state.log.timeline.end == nil && state.log.timeline.selected == nil)
    _ = update(&state, .key(.left))
    #expect(state.log.timeline.end != nil, "scrolling back holds the view")
    let effects = update(&state, .key(.character("w")))
    guard case .file(.writeTrace(let json)) = try #require(effects.first) else {
      Issue.record("w writes the trace")
      return
    }
    let root = try #require(try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any])
    let events = try #require(root["traceEvents"] as? [[String: Any]])
    let spans = events.filter { $0["ph"] as? String == "X" }
    #expect(spans.count == 20)
    #expect(Set(spans.compactMap { $0["tid"] as? Int }) == [1, 2], "the event loop is the thread")
    #expect(spans.allSatisfy { ($0["args"] as? [String: Any])?["connection"] is Int })
    _ = update(&state, .key(.character("t")))
    #expect(!state.log.timeline.shown)
  }

  @Test func goldenTimeline() throws {
    try GoldenScreenTests().check("timeline") { Self.timeline(width: $0, height: $1) }
    try GoldenScreenTests().check("timeline-picked") { width, height in
      var state = Self.timeline(width: width, height: height)
      for _ in 0..<13 { _ = update(&state, .key(.down)) }
      return state
    }
  }
}
