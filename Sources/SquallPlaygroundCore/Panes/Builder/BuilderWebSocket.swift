import Foundation
import SquallRequests
import SquallValues

/// The builder's WebSocket (a `ws://` URL): connecting, open, or over; what went by.
package struct BuilderWebSocket: Sendable, Equatable {
  package enum Phase: Sendable, Equatable {
    case connecting
    case open
    /// This side sent its close; the server's is awaited.
    case closing
    case ended(WebSocketEnd)
  }

  package var id: Int
  package var url: String
  package var phase: Phase
  package var subprotocol: String?
  /// The frames both ways, oldest first, the newest `transcriptLimit`.
  package var transcript: [WebSocketFrameNote] = []
  /// Frames no longer kept.
  package var dropped = 0
  package var sent = 0
  package var received = 0

  package static let transcriptLimit = 500

  package init(id: Int, url: String) {
    self.id = id
    self.url = url
    self.phase = .connecting
  }

  package var isOpen: Bool { phase == .open }
  package var isLive: Bool {
    if case .ended = phase { false } else { true }
  }

  mutating func add(_ frame: WebSocketFrameNote) {
    transcript.append(frame)
    if frame.opcode == 1 || frame.opcode == 2 {
      if frame.outbound { sent += 1 } else { received += 1 }
    }
    if transcript.count > Self.transcriptLimit {
      transcript.removeFirst(transcript.count - Self.transcriptLimit)
      dropped += 1
    }
  }

  /// The Response section's title line: `messages: 3 sent, 3 received` (the line under the
  /// URL says whether it is open). Pure.
  package var headline: String { "messages: \(sent) sent, \(received) received" }
}

extension RequestSpec {
  /// What is wrong with a `ws://` URL, or nil: the checks of an `http://` one, and no TLS. Pure.
  package func webSocketURLProblem(_ variables: Variables) -> String? {
    let (url, missing) = resolvedURL(variables)
    if let name = missing.first { return variables.whyMissing(name) }
    let lower = url.lowercased()
    if lower.hasPrefix("wss://") { return "wss:// (TLS) is not supported: use ws:// to the playground's server" }
    guard lower.hasPrefix("ws://") else { return "a WebSocket URL starts with ws://" }
    return URLCheck.problem("http://" + url.dropFirst(5)).map {
      $0.replacingOccurrences(of: "http://", with: "ws://")
    }
  }

  /// Whether the URL is a WebSocket's (`ws://`, `wss://`): the builder connects and sends
  /// messages instead of requests. Pure.
  package var isWebSocket: Bool {
    let lower = url.trimmingCharacters(in: .whitespaces).lowercased()
    return lower.hasPrefix("ws://") || lower.hasPrefix("wss://")
  }
}

extension BuilderState {
  /// Ctrl-R on a `ws://` URL: connect, or, once open, send the Body as a text message.
  mutating func sendWebSocket(_ context: BuilderContext, _ reply: inout PaneReply) -> [Effect] {
    let variables = variables(context)
    if let socket = webSocket, socket.isLive, socket.url == spec.resolvedURL(variables).url {
      switch socket.phase {
      case .connecting:
        reply.say("Still connecting to \(TerminalSafe.escape(socket.url))…")
        return []
      case .closing:
        reply.say("The WebSocket is closing: Ctrl-R connects again once it has.")
        return []
      case .open, .ended:
        let (text, missing) = variables.expand(spec.body)
        if let name = missing.first {
          reply.say("Body: \(variables.whyMissing(name))", .error)
          return []
        }
        guard !text.isEmpty else {
          reply.say("Type the message in Body (3, then Enter), then Ctrl-R sends it.", .error)
          return []
        }
        self.editor = nil
        self.section = .response
        reply.say("Sent a text message of \(text.utf8.count) bytes; Esc closes the WebSocket.")
        return [.webSocketSend(id: socket.id, text: text)]
      }
    }
    let url = spec.resolvedURL(variables).url
    if let problem = spec.webSocketURLProblem(variables) {
      reply.say("URL: \(problem)", .error)
      return []
    }
    var closing: [Effect] = []
    if let socket = webSocket, socket.isLive { closing.append(.webSocketClose(id: socket.id)) }
    self.editor = nil
    self.sent += 1
    self.webSocket = BuilderWebSocket(id: self.sent, url: url)
    // The Body is the message composer: raw text (JSON is text too).
    if spec.bodyKind == .none || spec.bodyKind == .form || spec.bodyKind == .multipart { spec.bodyKind = .raw }
    self.section = .response
    self.showsWire = false
    let headers = spec.headers.filter(\.enabled).map {
      "\(variables.expand($0.name).text): \(variables.expand($0.value).text)"
    }
    reply.say("Connecting to \(TerminalSafe.escape(url))… (the Response section shows every frame)")
    return closing + [.webSocketConnect(id: self.sent, url: url, headers: headers)]
  }

  /// Esc on an open WebSocket: close with 1000.
  mutating func closeWebSocket(_ reply: inout PaneReply) -> [Effect]? {
    guard var socket = webSocket, socket.isLive else { return nil }
    if socket.phase == .connecting {
      socket.phase = .ended(WebSocketEnd(problem: "cancelled while connecting"))
      webSocket = socket
      reply.say("Connecting cancelled.")
      return [.webSocketClose(id: socket.id)]
    }
    guard socket.phase == .open else { return [] }
    socket.phase = .closing
    webSocket = socket
    reply.say("Closing the WebSocket (1000)…")
    return [.webSocketClose(id: socket.id)]
  }

  /// What to do after a WebSocket that never opened, in the playground's terms. Pure.
  static func advice(for end: WebSocketEnd, serverPort: Int) -> String {
    let words = end.problem ?? ""
    if words.contains("404") {
      return
        " (no WebSocket route there: the echo app has /ws, /chat and /ws-deflate; A in the Server pane (F1) switches apps)"
    }
    if words.contains("connection refused") {
      return " (the playground's server listens on :\(serverPort): ws://127.0.0.1:\(serverPort)/ws)"
    }
    return ""
  }

  /// The client's WebSocket opened, sent or received a frame, or ended.
  mutating func webSocketNews(id: Int, _ news: BuilderWebSocketNews, serverPort: Int = 8888, _ reply: inout PaneReply) {
    guard var socket = webSocket, socket.id == id else { return }
    switch news {
    case .opened(let subprotocol):
      socket.phase = .open
      socket.subprotocol = subprotocol
      reply.say("WebSocket open: type a message in Body (3), Ctrl-R sends it; Esc closes.")
    case .frame(let frame):
      socket.add(frame)
    case .ended(let end):
      if socket.phase == .connecting {
        reply.say("WebSocket: \(end.words)" + Self.advice(for: end, serverPort: serverPort), .error)
      } else {
        reply.say("WebSocket \(end.words).", end.problem == nil ? .info : .error)
      }
      socket.phase = .ended(end)
    }
    webSocket = socket
  }
}

/// What the runtime tells of the builder's WebSocket.
package enum BuilderWebSocketNews: Sendable, Equatable {
  case opened(subprotocol: String?)
  case frame(WebSocketFrameNote)
  case ended(WebSocketEnd)
}

/// Many WebSockets opened at once by the burst form (B) on a `ws://` URL, each left idle until
/// Esc closes them: how many one event loop holds.
package struct WebSocketBurst: Sendable, Equatable {
  package var id: Int
  package var url: String
  package var count: Int
  package var opened = 0
  package var failed = 0
  /// The first failure's words.
  package var problem: String?
  /// Esc closed them.
  package var closed = false

  package init(id: Int, url: String, count: Int) {
    self.id = id
    self.url = url
    self.count = count
  }

  /// `200 WebSockets open (Esc closes them)`, `opening: 120 of 200…`. Pure.
  package var line: String {
    if closed { return "\(opened) WebSockets closed" }
    let failures = failed > 0 ? ", \(failed) failed" + (problem.map { ": \(TerminalSafe.escape($0))" } ?? "") : ""
    if opened + failed < count { return "opening: \(opened) of \(count) WebSockets open\(failures)…" }
    return "\(opened) WebSockets open, idle\(failures) · Esc closes them"
  }
}

extension BuilderState {
  /// The burst form's Enter on a `ws://` URL: `count` WebSockets at once, kept open.
  mutating func openWebSockets(count: Int, _ context: BuilderContext, _ reply: inout PaneReply) -> [Effect] {
    let variables = variables(context)
    if let problem = spec.webSocketURLProblem(variables) {
      reply.say("URL: \(problem)", .error)
      return []
    }
    var effects: [Effect] = []
    if let burst = webSocketBurst, !burst.closed { effects.append(.webSocketBurstClose(id: burst.id)) }
    let url = spec.resolvedURL(variables).url
    overlay = nil
    sent += 1
    webSocketBurst = WebSocketBurst(id: sent, url: url, count: count)
    section = .response
    let headers = spec.headers.filter(\.enabled).map {
      "\(variables.expand($0.name).text): \(variables.expand($0.value).text)"
    }
    reply.say("Opening \(count) WebSockets to \(TerminalSafe.escape(url)), each left idle (Esc closes them)…")
    return effects + [.webSocketBurst(id: sent, url: url, headers: headers, count: count)]
  }

  /// Esc with a burst of WebSockets open: close them all.
  mutating func closeWebSocketBurst(_ reply: inout PaneReply) -> [Effect]? {
    guard var burst = webSocketBurst, !burst.closed else { return nil }
    burst.closed = true
    webSocketBurst = burst
    reply.say("Closing \(burst.opened) WebSockets (1000 each)…")
    return [.webSocketBurstClose(id: burst.id)]
  }

  /// How many of the burst are open.
  mutating func webSocketBurstNews(id: Int, opened: Int, failed: Int, problem: String?, _ reply: inout PaneReply) {
    guard var burst = webSocketBurst, burst.id == id, !burst.closed else { return }
    burst.opened = opened
    burst.failed = failed
    burst.problem = burst.problem ?? problem
    webSocketBurst = burst
    if opened + failed == burst.count {
      reply.say(
        "\(opened) WebSockets open and idle\(failed > 0 ? ", \(failed) failed" : ""): the Server pane (F1) counts them.",
        failed > 0 ? .error : .info)
    }
  }
}
