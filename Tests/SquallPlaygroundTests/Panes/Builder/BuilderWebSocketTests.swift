import Foundation
import NIOCore
import NIOHTTP1
import Squall
import SquallRequests
import Testing

@testable import SquallPlayground
@testable import SquallPlaygroundCore

/// The builder on a `ws://` URL: Ctrl-R connects, then sends Body as a message, Esc closes; the
/// Response section is the transcript; the log files the server's frames under the 101; the
/// timeline draws the WebSocket as one lane with a tick per frame. Golden screens at 80x24 first.
@Suite struct BuilderWebSocketTests {
  static let url = "ws://127.0.0.1:8888/ws"

  static func state(_ width: Int = 80, _ height: Int = 24) -> PlaygroundState {
    var state = Fixtures.state(width: width, height: height)
    state.focus = .builder
    state.now = Fixtures.noon
    state.builder.spec.url = url
    return state
  }

  static func frame(_ text: String, outbound: Bool, at seconds: Double = 0, opcode: UInt8 = 1) -> WebSocketFrameNote {
    WebSocketFrameNote(
      at: Fixtures.noon.addingTimeInterval(seconds), outbound: outbound, opcode: opcode, payload: Array(text.utf8))
  }

  /// Connected, "hello" sent and echoed, a ping answered.
  static func conversation(_ width: Int, _ height: Int) -> PlaygroundState {
    var state = Self.state(width, height)
    _ = update(&state, .key(.control("r")))
    let id = state.builder.webSocket!.id
    _ = update(&state, .webSocket(id: id, .opened(subprotocol: nil)))
    state.builder.spec.body = "hello ☃"
    _ = update(&state, .key(.control("r")))
    _ = update(&state, .webSocket(id: id, .frame(frame("hello ☃", outbound: true))))
    _ = update(&state, .webSocket(id: id, .frame(frame("hello ☃", outbound: false))))
    _ = update(&state, .webSocket(id: id, .frame(frame("abc", outbound: false, opcode: 9))))
    _ = update(&state, .webSocket(id: id, .frame(frame("abc", outbound: true, opcode: 10))))
    return state
  }

  @Test func ctrlRConnectsThenSendsTheBodyAndEscCloses() {
    var state = Self.state()
    #expect(update(&state, .key(.control("r"))) == [.webSocketConnect(id: 1, url: Self.url, headers: [])])
    #expect(state.builder.webSocket?.phase == .connecting)
    #expect(state.builder.section == .response)
    #expect(state.builder.spec.bodyKind == .raw, "the Body is the message composer")
    #expect(update(&state, .key(.control("r"))).isEmpty, "still connecting: nothing more")
    #expect(state.message.contains("Still connecting"))
    _ = update(&state, .webSocket(id: 1, .opened(subprotocol: nil)))
    #expect(update(&state, .key(.control("r"))).isEmpty, "an empty Body sends nothing")
    #expect(state.message.contains("Type the message in Body"))
    state.builder.spec.body = "hi {{port}}"
    #expect(update(&state, .key(.control("r"))) == [.webSocketSend(id: 1, text: "hi 8888")])
    #expect(update(&state, .key(.character("P"))) == [.webSocketPing(id: 1)])
    #expect(update(&state, .key(.escape)) == [.webSocketClose(id: 1)])
    #expect(state.builder.webSocket?.phase == .closing)
    _ = update(&state, .webSocket(id: 1, .ended(WebSocketEnd(code: 1000))))
    #expect(state.builder.webSocket?.phase == .ended(WebSocketEnd(code: 1000)))
    #expect(state.message.contains("closed 1000 (normal closure)"))
    #expect(update(&state, .key(.control("r"))) == [.webSocketConnect(id: 2, url: Self.url, headers: [])], "again")
  }

  @Test func aBadURLOrTLSIsSaidAndNothingGoesOut() {
    for (url, words) in [
      ("wss://127.0.0.1:8888/ws", "wss:// (TLS) is not supported"), ("ws://127.0.0.1:99999/ws", "port"),
      ("ws://127.0.0.1:8888/{{nope}}", "nope"),
    ] {
      var state = Self.state()
      state.builder.spec.url = url
      #expect(update(&state, .key(.control("r"))).isEmpty, "\(url)")
      #expect(state.message.contains(words), "\(url): \(state.message)")
      #expect(state.builder.webSocket == nil)
    }
  }

  @Test func aFailedConnectionSaysWhy() {
    var state = Self.state()
    _ = update(&state, .key(.control("r")))
    _ = update(
      &state,
      .webSocket(id: 1, .ended(WebSocketEnd(problem: "the server answered 404 Not Found, not 101 Switching Protocols")))
    )
    #expect(state.message.contains("404 Not Found"))
    #expect(state.messageIsError)
  }

  @Test func theServersFramesAreFiledUnderItsUpgrade() {
    var state = Self.state()
    var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: "/ws")
    head.headers.add(name: "Upgrade", value: "websocket")
    let upgrade = HTTPExchange(
      connectionID: 7, remote: "127.0.0.1", request: head, requestBody: ByteBuffer(), requestBodySize: 0,
      response: HTTPResponseHead(version: .http1_1, status: .switchingProtocols), responseBody: ByteBuffer(),
      responseBodySize: 0, duration: 0.001, startedAt: Fixtures.noon,
      timing: ExchangeTiming(eventLoop: 0, connectionOpened: 0, handlerStarted: 0, firstByte: 0.001))
    _ = update(&state, .servedExchange(ServedExchange(upgrade)))
    _ = update(&state, .serverWebSocket(.frame(connectionID: 7, Self.frame("hey", outbound: false, at: 0.5))))
    _ = update(&state, .serverWebSocket(.frame(connectionID: 7, Self.frame("hey", outbound: true, at: 0.6))))
    _ = update(&state, .serverWebSocket(.frame(connectionID: 99, Self.frame("elsewhere", outbound: true))))
    let close = WebSocketEnd(code: 1000)
    _ = update(&state, .serverWebSocket(.closed(connectionID: 7, close, at: Fixtures.noon.addingTimeInterval(2))))
    let entry = state.log.store.entries.last!
    #expect(entry.webSocket?.messagesIn == 1 && entry.webSocket?.messagesOut == 1)
    #expect(entry.webSocket?.summary == "⇄ 2 messages · closed 1000 (normal closure)")
    #expect(LogView.line(entry, width: 120, timeZone: .gmt).contains("/ws ⇄ 2 messages · closed 1000"))
    let detail = DetailView.lines(entry, timeZone: .gmt).map(\.0)
    #expect(detail.contains("WebSocket · ⇄ 2 messages · closed 1000 (normal closure)"))
    #expect(detail.contains("  12:00:00 ← text 3  hey"))
    // The timeline: one lane, a double line after the 101, a tick per frame.
    state.log.timeline.zoom = 6  // 0.1 s a column
    state.now = Fixtures.noon.addingTimeInterval(3)
    let layout = TimelineLayout(state.log.timeline, now: state.now, columns: 40)
    guard case .lane(let lane) = layout.rows.last else {
      Issue.record("no lane")
      return
    }
    #expect(lane.label == " ⇄7")
    let cells = layout.cells(lane, now: state.now)
    #expect(cells[layout.column(Fixtures.noon.addingTimeInterval(0.5))] == "╪")
    #expect(cells[layout.column(Fixtures.noon.addingTimeInterval(1.5))] == "═")
    #expect(cells[layout.column(Fixtures.noon.addingTimeInterval(2.5))] == " ", "over once closed")
  }

  @Test func theBurstFormOpensManyIdleWebSocketsAndEscClosesThem() {
    var state = Self.state()
    _ = update(&state, .key(.character("B")))
    for character in "200" { _ = update(&state, .key(.character(character))) }
    #expect(update(&state, .key(.enter)) == [.webSocketBurst(id: 1, url: Self.url, headers: [], count: 200)])
    #expect(state.builder.webSocketBurst?.line == "opening: 0 of 200 WebSockets open…")
    _ = update(&state, .webSocketBurst(id: 1, opened: 150, failed: 0, problem: nil))
    _ = update(&state, .webSocketBurst(id: 1, opened: 198, failed: 2, problem: "connection refused"))
    #expect(
      state.builder.webSocketBurst?.line
        == "198 WebSockets open, idle, 2 failed: connection refused · Esc closes them")
    #expect(state.message.contains("198 WebSockets open and idle, 2 failed"))
    #expect(BuilderView.webSocketLines(state.builder, width: 76).first?.0.hasPrefix("⇶ 198 WebSockets open") == true)
    #expect(update(&state, .key(.escape)) == [.webSocketBurstClose(id: 1)])
    #expect(state.builder.webSocketBurst?.closed == true)
    #expect(update(&state, .key(.escape)).isEmpty, "nothing more to close")
  }

  @Test func theServerPaneCountsWebSocketsAndTheirMemory() {
    var state = Self.state()
    var counters = ServerCounters(
      connectionsOpen: 201, requests: 201, bytesRead: 0, bytesWritten: 0, statusClasses: [201, 0, 0, 0, 0])
    counters.webSocketsOpen = 200
    counters.webSocketsTotal = 200
    counters.memoryKB = 48 * 1024
    _ = update(&state, .tick(counters))
    #expect(state.snapshot.webSockets == 200 && state.snapshot.memoryMB == 48)
    var canvas = GridCanvas(width: 80, height: 24)
    render(state, into: &canvas)
    #expect(canvas.text.contains("conns 201 (200 ws) · mem 48 MB"), "\(canvas.text)")
  }

  @Test func aDeflatedFrameShowsAsHexNotAsText() {
    let frame = WebSocketFrameNote(
      at: Fixtures.noon, outbound: false, opcode: 1, deflated: true, payload: [0xF2, 0x48])
    #expect(frame.line == "← text 2 deflated  f2 48")
  }

  /// The timeline with a WebSocket among requests: its lane a double line with a tick per frame.
  @Test func goldenTimelineWithAWebSocket() throws {
    try GoldenScreenTests().check("timeline-websocket") { width, height in
      var state = Fixtures.state(width: width, height: height)
      var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: "/ws")
      head.headers.add(name: "Upgrade", value: "websocket")
      let upgrade = HTTPExchange(
        connectionID: 3, remote: "127.0.0.1", request: head, requestBody: ByteBuffer(), requestBodySize: 0,
        response: HTTPResponseHead(version: .http1_1, status: .switchingProtocols), responseBody: ByteBuffer(),
        responseBodySize: 0, duration: 0.002, startedAt: Fixtures.noon.addingTimeInterval(0.2),
        timing: ExchangeTiming(eventLoop: 0, connectionOpened: 0, handlerStarted: 0, firstByte: 0.002))
      _ = update(&state, .servedExchange(ServedExchange(upgrade)))
      for (index, at) in [0.8, 0.9, 1.6, 2.4, 2.5].enumerated() {
        _ = update(
          &state,
          .serverWebSocket(.frame(connectionID: 3, Self.frame("m\(index)", outbound: index % 2 == 1, at: at))))
      }
      _ = update(&state, .servedExchange(TimelineTests.exchange("/", id: 4, loop: 0, at: 1.0, handler: 0.05)))
      _ = update(&state, .connectionClosed(4, at: Fixtures.noon.addingTimeInterval(1.2)))
      state.now = Fixtures.noon.addingTimeInterval(3)
      state.focus = .log
      _ = update(&state, .key(.character("t")))
      state.log.timeline.zoom = 6  // 0.1 s a column
      return state
    }
  }

  @Test func goldenScreens() throws {
    try GoldenScreenTests().check("builder-websocket") { width, height in Self.conversation(width, height) }
    try GoldenScreenTests().check("builder-websocket-ended") { width, height in
      var state = Self.conversation(width, height)
      _ = update(&state, .key(.escape))
      let close = WebSocketFrameNote(at: Fixtures.noon, outbound: true, opcode: 8, payload: [3, 232])
      _ = update(&state, .webSocket(id: 1, .frame(close)))
      _ = update(&state, .webSocket(id: 1, .ended(WebSocketEnd(code: 1000))))
      return state
    }
  }
}
