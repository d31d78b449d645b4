import Foundation
import SquallValues

// A WebSocket's frames and end as the playground shows them: the builder's transcript and the
// Log's entry of a `101`. Values only (the HAR fuzz harness compiles them with the log entry).

/// A WebSocket frame as the playground shows it, either side: who sent it, its kind, its size,
/// the start of its payload. Pure value.
package struct WebSocketFrameNote: Sendable, Equatable {
  package var at: Date
  /// Sent by this side: the builder's client, or, in the log, the server.
  package var outbound: Bool
  package var opcode: UInt8
  package var fin: Bool
  /// Compressed (permessage-deflate's RSV1): its payload is deflate, shown as hex.
  package var deflated: Bool
  package var length: Int
  /// The first `previewLimit` bytes of the payload, as they came: escape before showing.
  package var preview: [UInt8]

  package static let previewLimit = 512

  package init(
    at: Date, outbound: Bool, opcode: UInt8, fin: Bool = true, deflated: Bool = false, payload: [UInt8],
    length: Int? = nil
  ) {
    self.at = at
    self.outbound = outbound
    self.opcode = opcode
    self.fin = fin
    self.deflated = deflated
    self.length = length ?? payload.count
    self.preview = Array(payload.prefix(Self.previewLimit))
  }

  /// `text`, `binary`, `close`, `ping`, `pong`, `continuation`, `opcode 3`.
  package var kind: String { WebSocketNames.opcode(opcode) }

  /// The payload in words: text escaped, a close's code and name, a ping's or pong's data as
  /// text when it is, anything else as hex. Pure.
  package var summary: String {
    let more = length > preview.count ? "…" : ""
    let hex =
      preview.prefix(48).map { String($0, radix: 16).leftPadded() }.joined(separator: " ") + (length > 48 ? " …" : "")
    switch opcode {
    case 0,
      1 where !deflated:
      return TerminalSafe.escape(String(decoding: preview, as: UTF8.self)) + more
    case 8:
      guard preview.count >= 2 else { return "no code" }
      let code = Int(preview[0]) << 8 | Int(preview[1])
      let reason = TerminalSafe.escape(String(decoding: preview.dropFirst(2), as: UTF8.self))
      return "\(code) \(WebSocketNames.closeCode(code))" + (reason.isEmpty ? "" : ": \(reason)")
    case 9 where !deflated, 10 where !deflated:
      // A ping's data is often text (`squall 12:00:01.250`): shown so when it reads as text.
      if let text = String(validating: preview, as: UTF8.self),
        text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F })
      {
        return text.isEmpty ? "(no data)" : "\"" + TerminalSafe.escape(text) + "\"" + more
      }
      return hex
    default:
      return hex
    }
  }

  /// One transcript line: `→ text 5  hello` (→ sent, ← received). Pure.
  package var line: String {
    "\(outbound ? "→" : "←") \(kind) \(length)\(fin ? "" : " (more)")\(deflated ? " deflated" : "")  \(summary)"
  }
}

/// How a WebSocket ended: the peer's close code and reason, or what went wrong.
package struct WebSocketEnd: Sendable, Equatable {
  package var code: Int?
  package var reason: String?
  /// Why it ended without a close handshake, or why it never opened, in words.
  package var problem: String?

  package init(code: Int? = nil, reason: String? = nil, problem: String? = nil) {
    self.code = code
    self.reason = reason
    self.problem = problem
  }

  /// `closed 1000 (normal closure)`, `ended: invalid UTF-8 in a text message`. Pure.
  package var words: String {
    if let problem { return problem }
    guard let code else { return "closed without a close frame" }
    let reason = reason.map { ": \(TerminalSafe.escape($0))" } ?? ""
    return "closed \(code) (\(WebSocketNames.closeCode(code)))\(reason)"
  }
}

/// What the server's side of a WebSocket did, kept on the log entry of its `101`.
package struct WebSocketLog: Sendable, Equatable {
  /// The frames both ways (`outbound`: the server sent it), the newest `limit`.
  package var frames: [WebSocketFrameNote] = []
  /// Frames ever seen, kept or not.
  package var frameCount = 0
  package var messagesIn = 0
  package var messagesOut = 0
  package var closedAt: Date?
  package var end: WebSocketEnd?

  package static let limit = 200

  package init() {}

  mutating func add(_ frame: WebSocketFrameNote) {
    frameCount += 1
    if frame.opcode == 1 || frame.opcode == 2 {
      if frame.outbound { messagesOut += 1 } else { messagesIn += 1 }
    }
    frames.append(frame)
    if frames.count > Self.limit { frames.removeFirst(frames.count - Self.limit) }
  }

  /// `⇄ 4 messages · open`, `⇄ 6 messages · closed 1000 (normal closure)`. Pure.
  package var summary: String {
    let messages = messagesIn + messagesOut
    let state = end.map(\.words) ?? "open"
    return "⇄ \(messages) message\(messages == 1 ? "" : "s") · \(state)"
  }
}

extension String {
  fileprivate func leftPadded() -> String { count >= 2 ? self : "0" + self }
}
