import SquallValues

/// One side of a WebSocket comparison: the handshake's answer, the messages that came back for
/// each one sent, and the close. Pure value.
package struct WebSocketSession: Sendable, Equatable {
  package var handshake: WireResponse
  /// For each message sent, what came back before the next went out: `text "hello"`,
  /// `binary 3 bytes`, in order.
  package var replies: [[String]]
  /// The code of the server's close frame answering the client's 1000; nil without one.
  package var closeCode: Int?
  /// Why the session ended early, in words.
  package var problem: String?

  package init(handshake: WireResponse, replies: [[String]], closeCode: Int?, problem: String? = nil) {
    self.handshake = handshake
    self.replies = replies
    self.closeCode = closeCode
    self.problem = problem
  }
}

extension Comparison {
  /// Headers of a 101 that differ by nature: the accept value answers each side's own key.
  static let webSocketNormalised = ["sec-websocket-accept": "answers each connection's own key (checked by the client)"]

  /// A WebSocket session on Tornado and on Squall side by side: the handshake as any answer
  /// (`Date`, `Server` and the accept value aside), then each message's replies, then the close.
  /// Pure.
  package static func compareWebSocket(
    _ request: WireRequest, messages: [String], tornado: WebSocketSession, squall: WebSocketSession
  ) -> Comparison {
    var handshake = compare(request, tornado: tornado.handshake, squall: squall.handshake)
    for index in handshake.rows.indices {
      let name = handshake.rows[index].label.lowercased().split(separator: "/").first.map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      if let name, let reason = webSocketNormalised[name], handshake.rows[index].kind == .different {
        handshake.rows[index].kind = .normalised(reason)
      }
    }
    var rows = handshake.rows.filter { $0.label != "body" && $0.label != "framing" }
    for (index, message) in messages.enumerated() {
      let left = index < tornado.replies.count ? tornado.replies[index] : []
      let right = index < squall.replies.count ? squall.replies[index] : []
      rows.append(
        Row(
          label: "→ \(TerminalSafe.escape(String(message.prefix(20))))",
          tornado: left.isEmpty ? "nothing back" : left.joined(separator: " · "),
          squall: right.isEmpty ? "nothing back" : right.joined(separator: " · "),
          kind: left == right ? .same : .different))
    }
    let close = { (session: WebSocketSession) in
      session.problem.map { TerminalSafe.escape($0) } ?? session.closeCode.map { "close \($0)" } ?? "no close frame"
    }
    rows.append(
      Row(
        label: "close", tornado: close(tornado), squall: close(squall),
        kind: close(tornado) == close(squall) ? .same : .different))
    let verdict: Verdict =
      rows.contains { $0.kind == .different }
      ? .different
      : rows.contains(where: { if case .documented = $0.kind { true } else { false } }) ? .documented : .same
    return Comparison(rows: rows, verdict: verdict)
  }

  /// `text 5 "hello"`, `binary 3 bytes`: a message as the comparison shows it. Pure.
  package static func describeMessage(text: String?, bytes: [UInt8]) -> String {
    if let text { return "text \"" + TerminalSafe.escape(String(text.prefix(40))) + (text.count > 40 ? "…\"" : "\"") }
    return "binary \(bytes.count) byte\(bytes.count == 1 ? "" : "s")"
  }
}
