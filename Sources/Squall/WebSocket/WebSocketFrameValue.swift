/// One WebSocket frame as Squall reads it (RFC 6455 §5.2): NIO's `WebSocketFrameDecoder` turns
/// bytes into frames, and what a frame means — fragments, control frames, sizes, close codes —
/// is `WebSocketStateMachine`'s. A value without NIO, so the fuzz harness can make any frame;
/// observers of a server (`ServerEvent.webSocketFrame`) see frames as these.
public struct WebSocketFrameValue: Equatable, Sendable {
  /// The last frame of its message.
  public var fin: Bool
  /// RSV1, RSV2, RSV3 as the low three bits (RSV1 is 0b100): set only by an extension.
  public var reserved: UInt8
  /// 0 continuation, 1 text, 2 binary, 8 close, 9 ping, 10 pong; 3–7 and 11–15 are reserved.
  public var opcode: UInt8
  /// The payload, unmasked.
  public var payload: [UInt8]

  public init(fin: Bool = true, reserved: UInt8 = 0, opcode: UInt8, payload: [UInt8] = []) {
    self.fin = fin
    self.reserved = reserved
    self.opcode = opcode
    self.payload = payload
  }

  package static let continuation: UInt8 = 0x0
  package static let text: UInt8 = 0x1
  package static let binary: UInt8 = 0x2
  package static let close: UInt8 = 0x8
  package static let ping: UInt8 = 0x9
  package static let pong: UInt8 = 0xA

  /// A control frame (close, ping, pong, and the reserved 11–15). Pure.
  package var isControl: Bool { opcode & 0x8 != 0 }

  /// A close frame's payload: the code big-endian, then the reason (RFC 6455 §5.5.1); empty
  /// without a code, as Tornado's `close()` writes it. Pure.
  package static func closePayload(code: Int?, reason: String?) -> [UInt8] {
    guard let code = code ?? (reason == nil ? nil : 1000) else { return [] }
    let clamped = UInt16(clamping: code)
    return [UInt8(clamped >> 8), UInt8(clamped & 0xFF)] + Array((reason ?? "").utf8)
  }

  /// The code and reason of a close frame's payload: no code under two bytes; the reason
  /// decoded as UTF-8 with bad bytes replaced. Pure.
  package static func parseClose(_ payload: [UInt8]) -> (code: Int?, reason: String?) {
    guard payload.count >= 2 else { return (nil, nil) }
    let code = Int(payload[0]) << 8 | Int(payload[1])
    guard payload.count > 2 else { return (code, nil) }
    return (code, String(decoding: payload[2...], as: UTF8.self))
  }
}

/// What a WebSocket hears from its peer: a message, or a ping or pong with its data.
public enum WebSocketEvent: Equatable, Sendable {
  case message(WebSocketMessage)
  case ping([UInt8])
  case pong([UInt8])
}

/// Thrown when writing to a WebSocket that is closed or closing (Tornado's `WebSocketClosedError`).
public struct WebSocketClosedError: Error, Sendable, CustomStringConvertible {
  public init() {}
  public var description: String { "the WebSocket is closed" }
}

/// A message of a WebSocket, whole (Tornado's `on_message` gets a `str` or `bytes`).
public enum WebSocketMessage: Equatable, Sendable, CustomStringConvertible {
  case text(String)
  case binary([UInt8])

  /// The text, or the bytes decoded as UTF-8 (bad bytes replaced).
  public var text: String {
    switch self {
    case .text(let text): text
    case .binary(let bytes): String(decoding: bytes, as: UTF8.self)
    }
  }

  /// The message's bytes: a text's UTF-8.
  public var bytes: [UInt8] {
    switch self {
    case .text(let text): Array(text.utf8)
    case .binary(let bytes): bytes
    }
  }

  public var isBinary: Bool {
    if case .binary = self { true } else { false }
  }

  public var description: String {
    switch self {
    case .text(let text): text
    case .binary(let bytes): bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
