/// One WebSocket's life after the handshake, following Tornado's `WebSocketProtocol13`: frames
/// in, messages out, the close handshake, the limits. Every event goes in as a call and comes
/// back as one `Action` that `WebSocketConnectionHandler` executes and nothing more. Server and
/// client share it, as Tornado's two sides share one protocol class (the client masks what it
/// sends; that is the handler's). Pure: no I/O, no clock.
///
/// Tornado's rules, kept on purpose: reserved bits without an extension, a reserved opcode, a
/// continuation with no message open, a new message inside a fragmented one, a fragmented or
/// long control frame and invalid UTF-8 in a text message or a close reason all end the
/// connection at once,
/// without a close frame (Tornado's `_abort`); a message over `maxMessageSize` gets a close
/// with 1009 "message too big" first. A close frame's code is echoed, whatever it is.
package struct WebSocketStateMachine: Sendable {
  /// A message being received in fragments.
  package struct Partial: Equatable, Sendable {
    package var opcode: UInt8
    package var bytes: [UInt8]
    /// Its first frame had RSV1 set under `permessage-deflate`.
    package var compressed = false
  }

  package enum State: Equatable, Sendable {
    /// Messages flow both ways.
    case open
    /// This side sent its close and waits for the peer's (Tornado waits 5 s, then aborts);
    /// messages still arrive.
    case closeSent
    /// Both closes exchanged, or the connection ended: nothing more is read or written.
    case closed
  }

  /// The message being received in fragments, if any: kept apart from `state` so that each
  /// fragment appends in place (a copy per fragment would be quadratic in the message's size).
  package private(set) var partial: Partial?

  package typealias Event = WebSocketEvent

  /// Why a connection was ended without a close handshake: the log says it.
  package enum Violation: Equatable, Sendable, CustomStringConvertible {
    case reservedBits(UInt8)
    case reservedOpcode(UInt8)
    case fragmentedControlFrame
    case controlFrameTooLong(Int)
    case nothingToContinue
    case messageInsideMessage
    case invalidUTF8
    case invalidUTF8InCloseReason
    case messageTooBig(Int)
    case malformedFrame(String)
    case closeTimedOut

    package var description: String {
      switch self {
      case .reservedBits(let bits): "reserved bits \(bits) set without an extension"
      case .reservedOpcode(let opcode): "reserved opcode \(opcode)"
      case .fragmentedControlFrame: "a control frame in fragments"
      case .controlFrameTooLong(let length): "a control frame of \(length) bytes (the most is 125)"
      case .nothingToContinue: "a continuation frame with no message started"
      case .messageInsideMessage: "a new message while a fragmented one is open"
      case .invalidUTF8: "invalid UTF-8 in a text message"
      case .invalidUTF8InCloseReason: "invalid UTF-8 in a close frame's reason"
      case .messageTooBig(let size): "a message of \(size) bytes or more, over maxMessageSize"
      case .malformedFrame(let words): "a malformed frame (\(words))"
      case .closeTimedOut: "no close frame came back within 5 seconds"
      }
    }
  }

  /// What happens once a close frame is written.
  package enum AfterClose: Equatable, Sendable {
    /// Wait for the peer's close (arm the 5-second timer).
    case waitForPeer
    /// Close the connection: the handshake is complete.
    case closeConnection
    /// Close the connection: the close was the last word on a violation.
    case abort(Violation)
  }

  package enum Action: Equatable, Sendable {
    case none
    /// Hand this to the application.
    case deliver(Event)
    /// Answer a ping with a pong carrying its data, then hand the ping to the application.
    case pong([UInt8])
    /// Write a close frame with this payload, then do what `AfterClose` says.
    case sendClose([UInt8], then: AfterClose)
    /// Inflate this compressed message (`permessage-deflate`), then tell `inflated(…)`.
    case inflate(opcode: UInt8, [UInt8])
    /// Close the connection after what was written.
    case closeConnection
    /// End the connection now, no close frame (Tornado's `_abort`).
    case abort(Violation)
  }

  package private(set) var state: State = .open
  /// The peer's close code and reason, once its close frame came (Tornado's `close_code`).
  package private(set) var closeCode: Int?
  package private(set) var closeReason: String?
  /// Whether a pong came since the last ping this side sent.
  package private(set) var receivedPong = true
  /// Messages (or fragmented messages so far) larger than this end the connection with 1009.
  package let maxMessageSize: Int
  /// `permessage-deflate` was agreed: RSV1 on a message's first frame says it is compressed.
  package let deflate: Bool

  package init(maxMessageSize: Int, deflate: Bool = false) {
    self.maxMessageSize = maxMessageSize
    self.deflate = deflate
  }

  // MARK: Frames in

  /// A frame arrived.
  package mutating func received(_ frame: WebSocketFrameValue) -> Action {
    if state == .closed { return .none }
    // Under permessage-deflate, RSV1 marks a data message's first frame as compressed.
    let startsMessage = !frame.isControl && frame.opcode != WebSocketFrameValue.continuation
    let compressed = deflate && startsMessage && frame.reserved & 0b100 != 0
    let reserved = compressed ? frame.reserved & 0b011 : frame.reserved
    if reserved != 0 { return abort(.reservedBits(reserved)) }
    if frame.isControl {
      if !frame.fin { return abort(.fragmentedControlFrame) }
      if frame.payload.count > 125 { return abort(.controlFrameTooLong(frame.payload.count)) }
    }
    let size = frame.payload.count + (partial?.bytes.count ?? 0)
    if size > maxMessageSize { return tooBig(size) }
    if frame.isControl { return control(frame) }
    if frame.opcode == WebSocketFrameValue.continuation {
      guard partial != nil else { return abort(.nothingToContinue) }
      partial!.bytes.append(contentsOf: frame.payload)  // in place: `partial` is its only owner
      guard frame.fin else { return .none }
      let open = partial!
      partial = nil
      return open.compressed ? .inflate(opcode: open.opcode, open.bytes) : message(opcode: open.opcode, open.bytes)
    }
    if partial != nil { return abort(.messageInsideMessage) }
    guard frame.fin else {
      partial = Partial(opcode: frame.opcode, bytes: frame.payload, compressed: compressed)
      return .none
    }
    return compressed ? .inflate(opcode: frame.opcode, frame.payload) : message(opcode: frame.opcode, frame.payload)
  }

  /// A compressed message, inflated: `bytes` nil when it was not deflate data, `tooBig` when it
  /// inflated past `maxMessageSize` (Tornado's 1009 "message too big after decompression").
  package mutating func inflated(opcode: UInt8, _ bytes: [UInt8]?, tooBig: Bool) -> Action {
    guard state != .closed else { return .none }
    if tooBig {
      let violation = Violation.messageTooBig(maxMessageSize + 1)
      guard case .open = state else { return abort(violation) }
      state = .closed
      return .sendClose(
        WebSocketFrameValue.closePayload(code: 1009, reason: "message too big after decompression"),
        then: .abort(violation))
    }
    guard let bytes else { return abort(.malformedFrame("a compressed message that does not inflate")) }
    return message(opcode: opcode, bytes)
  }

  /// NIO's decoder refused the bytes: a frame longer than `maxMessageSize` (a close with 1009
  /// first, as Tornado), or a frame no peer may send.
  package mutating func receivedMalformed(frameTooLong: Bool, words: String) -> Action {
    guard state != .closed else { return .none }
    return frameTooLong ? tooBig(maxMessageSize + 1) : abort(.malformedFrame(words))
  }

  private mutating func message(opcode: UInt8, _ bytes: [UInt8]) -> Action {
    switch opcode {
    case WebSocketFrameValue.text:
      guard let text = String(validating: bytes, as: UTF8.self) else { return abort(.invalidUTF8) }
      return .deliver(.message(.text(text)))
    case WebSocketFrameValue.binary:
      return .deliver(.message(.binary(bytes)))
    default:
      return abort(.reservedOpcode(opcode))
    }
  }

  private mutating func control(_ frame: WebSocketFrameValue) -> Action {
    switch frame.opcode {
    case WebSocketFrameValue.close:
      // Tornado decodes the reason strictly: bad UTF-8 there ends the connection, no close back.
      if frame.payload.count > 2, String(validating: frame.payload[2...], as: UTF8.self) == nil {
        return abort(.invalidUTF8InCloseReason)
      }
      (closeCode, closeReason) = WebSocketFrameValue.parseClose(frame.payload)
      if case .closeSent = state {
        state = .closed
        return .closeConnection
      }
      state = .closed
      // Tornado echoes the code alone (RFC 6455 §5.5.1), whatever it is.
      return .sendClose(WebSocketFrameValue.closePayload(code: closeCode, reason: nil), then: .closeConnection)
    case WebSocketFrameValue.ping:
      // No frame may follow this side's close: the ping is heard, not answered.
      if case .closeSent = state { return .deliver(.ping(frame.payload)) }
      return .pong(frame.payload)
    case WebSocketFrameValue.pong:
      receivedPong = true
      return .deliver(.pong(frame.payload))
    default:
      return abort(.reservedOpcode(frame.opcode))
    }
  }

  private mutating func tooBig(_ size: Int) -> Action {
    let violation = Violation.messageTooBig(size)
    guard case .open = state else { return abort(violation) }
    state = .closed
    return .sendClose(WebSocketFrameValue.closePayload(code: 1009, reason: "message too big"), then: .abort(violation))
  }

  private mutating func abort(_ violation: Violation) -> Action {
    state = .closed
    partial = nil
    return .abort(violation)
  }

  // MARK: This side

  /// Whether this side may still send a message or a ping (not after its close).
  package var canSend: Bool {
    if case .open = state { true } else { false }
  }

  /// This side closes (Tornado's `close(code, reason)`): a close frame, then wait for the peer's.
  /// A reason without a code gets 1000. Nothing when a close was already sent.
  package mutating func close(code: Int?, reason: String?) -> Action {
    guard case .open = state else { return .none }
    state = .closeSent
    return .sendClose(WebSocketFrameValue.closePayload(code: code, reason: reason), then: .waitForPeer)
  }

  /// The peer did not answer this side's close in time.
  package mutating func closeTimerFired() -> Action {
    guard case .closeSent = state else { return .none }
    return abort(.closeTimedOut)
  }

  /// This side sent a ping (Tornado's `periodic_ping`): a pong is awaited.
  package mutating func pingSent() { receivedPong = false }

  /// `pingTimeout` passed since the last ping: no pong means a close, "ping timed out" (1000).
  package mutating func pingTimeoutFired() -> Action {
    guard !receivedPong else { return .none }
    return close(code: nil, reason: "ping timed out")
  }

  /// The connection ended (closed by either side, or failed).
  package mutating func connectionClosed() {
    state = .closed
    partial = nil
  }
}
