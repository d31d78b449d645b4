import Foundation
import SquallLessons
import SquallRequests
import SquallValues

// The root's part of the lessons: what each event shows a check, the server pane as state
// checks see it, and what a lesson sets up in the other panes (each pane's own update does it).

/// After every event: the open lesson's current step is checked against it.
func checkLesson(_ state: inout PlaygroundState, after event: PlaygroundEvent) -> [Effect] {
  guard state.lessons.open != nil else { return [] }
  let snapshot = state.lessons.checksState ? state.snapshot : nil
  let seen = state.lessons.checksState ? nil : observation(of: event, state)
  return state.take(state.lessons.check(snapshot: snapshot, seen: seen))
}

/// What a check can see of an event.
func observation(of event: PlaygroundEvent, _ state: PlaygroundState) -> SquallLessons.Observation? {
  switch event {
  case .servedExchange(let exchange): .served(observed(exchange.entry))
  case .refusedRequest(let refusal):
    .refused(
      cause: refusal.cause, status: refusal.status, method: refusal.method, path: refusal.path,
      bytes: refusal.entry.rawRequest.count)
  case .fetched(let id, let response) where id >= state.lessons.firstSendID: .sent(observed(response.entry))
  case .compared(let id, let outcome) where id >= state.lessons.firstSendID:
    outcome.observation
  case .burstFinished(let id, _) where id >= state.lessons.firstSendID:
    state.builder.burst.map { burst in
      .burst(
        count: burst.done, concurrency: burst.concurrency, p50: burst.percentile(0.5) ?? 0,
        max: burst.latencies.max() ?? 0,
        failures: burst.statuses.filter { !(200..<400).contains($0.key) }.values.reduce(0, +))
    }
  // A WebSocket outlives the step that opened it: what it does from now on counts.
  case .webSocket(let id, _) where id == state.builder.webSocket?.id:
    state.builder.webSocket.map { .webSocket(observed($0)) }
  // An answer to a request sent before the step began passes nothing (`firstSendID`).
  case .fetched, .compared, .burstFinished, .webSocket: nil
  // What a check cannot see: keys, the terminal, the clock, the runtime's news. State checks
  // (an option, a route, the server) read the state after each of these instead.
  case .key, .click, .scroll, .resize, .launched, .hangUp, .queueDropped, .tick, .connectionClosed, .tornadoStarted,
    .tornadoFailed, .sendRefused, .wirePreview, .burstResults, .collectionListed, .requestLoaded, .requestSaved,
    .savedResponsesLoaded, .editorClosed, .clock, .serverStarted, .serverStopped, .connectionsOpen, .serverFailed,
    .reported, .serverWebSocket, .webSocketBurst:
    nil
  }
}

/// The builder's WebSocket as the checks see it.
func observed(_ socket: BuilderWebSocket) -> ObservedWebSocket {
  let state: String
  var close: Int?
  switch socket.phase {
  case .connecting: state = "connecting"
  case .open: state = "open"
  case .closing: state = "closing"
  case .ended(let end):
    state = "closed"
    close = end.code
  }
  let last = socket.transcript.last { !$0.outbound && ($0.opcode == 1 || $0.opcode == 2) }
  let shown =
    last.map { frame in
      frame.opcode == 1
        ? String(decoding: frame.preview, as: UTF8.self) : frame.preview.map { String(format: "%02x", $0) }.joined()
    } ?? ""
  return ObservedWebSocket(
    state: state, sent: socket.sent, received: socket.received, last: shown, close: close,
    frames: socket.transcript.count + socket.dropped,
    pongs: socket.transcript.filter { !$0.outbound && $0.opcode == 10 }.count)
}

/// A log entry as the checks see it: path and query apart, the error in one word.
func observed(_ entry: LogEntry) -> ObservedExchange {
  let target =
    entry.direction == .fetched
    ? (URLComponents(string: entry.target).map { components in
      components.percentEncodedPath + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
    } ?? entry.target) : entry.target
  let path = String(target.prefix { $0 != "?" })
  let query = target.contains("?") ? String(target.drop { $0 != "?" }.dropFirst()) : ""
  let error = entry.error == nil ? "" : (entry.failure ?? .other).rawValue
  let details = entry.details  // made once, where the entry deferred them
  var exchange = ObservedExchange(
    method: entry.method, path: path.isEmpty ? "/" : path, query: query, status: entry.status, reason: entry.reason,
    body: String(decoding: details.responseBody, as: UTF8.self),
    headers: Dictionary(details.responseHeaders, uniquingKeysWith: { _, last in last }),
    requestHeaders: Dictionary(details.requestHeaders, uniquingKeysWith: { _, last in last }), error: error,
    duration: entry.duration)
  // Line ends kept as CR LF, other control bytes escaped: `raw~"Transfer-Encoding: chunked"`.
  exchange.raw = TerminalSafe.escape(details.rawResponse, keepNewlines: true).replacingOccurrences(of: "\\r", with: "")
  exchange.rawRequest = TerminalSafe.escape(details.rawRequest, keepNewlines: true).replacingOccurrences(
    of: "\\r", with: "")
  return exchange
}

extension PlaygroundState {
  /// The server pane, as state checks see it.
  var snapshot: ServerSnapshot {
    let options = server.options
    return ServerSnapshot(
      app: server.app.rawValue, status: server.status.word,
      options: options.checkValues,
      routes: server.routes.map {
        ServerSnapshot.Route(
          method: $0.method, pattern: $0.pattern, status: $0.status, body: $0.body, delay: $0.delay,
          fault: $0.fault?.rawValue ?? "")
      }, connections: server.counters.connectionsOpen, webSockets: server.counters.webSocketsOpen,
      memoryMB: server.counters.memoryKB / 1024, timelineShown: log.timeline.shown,
      tornado: server.tornado.word, wireShown: builder.showsWire,
      responseTab: builder.responseTab.title.lowercased())
  }
}
