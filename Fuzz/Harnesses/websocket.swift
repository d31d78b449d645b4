// The WebSocket rules Squall writes itself (NIO parses the frame bytes): the state machine fed
// any frames, the server's handshake fed any headers, the client's URL parser fed any text.
// The first byte picks which; the rest is the input.
func check(_ bytes: [UInt8]) {
  guard let mode = bytes.first else { return }
  let rest = Array(bytes.dropFirst())
  switch mode % 3 {
  case 0: machine(rest)
  case 1: handshake(rest)
  default: url(rest)
  }
}

/// Frames as `[fin|rsv|opcode byte][length byte][payload]`, any of them. What is delivered is
/// whole, in order and within the limit; after an end, nothing more happens; a close is echoed.
func machine(_ bytes: [UInt8]) {
  let limit = 40
  var machine = WebSocketStateMachine(maxMessageSize: limit)
  var index = 0
  var ended = false
  var open: [UInt8]? = nil  // the fragments so far, as the harness sees them
  if bytes.count > 2, bytes[0] & 1 == 1 {
    require(machine.close(code: Int(bytes[1]) * 20, reason: nil) != .none, "a first close sends a close")
    require(!machine.canSend, "no send after this side's close")
  }
  while index + 2 <= bytes.count {
    let header = bytes[index]
    let length = min(Int(bytes[index + 1]) % 64, bytes.count - index - 2)
    let payload = Array(bytes[(index + 2)..<(index + 2 + length)])
    index += 2 + length
    let frame = WebSocketFrameValue(
      fin: header & 0x80 != 0, reserved: (header >> 4) & 0x7 == 0 ? 0 : (header >> 4) & 0x7, opcode: header & 0x0F,
      payload: payload)
    let action = machine.received(frame)
    if ended {
      require(action == .none, "a frame after the end did something: \(action)")
      continue
    }
    if !frame.isControl && frame.reserved == 0 {
      if frame.opcode == 0 { open?.append(contentsOf: payload) } else if open == nil { open = payload }
    }
    switch action {
    case .deliver(.message(let message)):
      require(message.bytes.count <= limit, "a message over the limit was delivered")
      require(message.bytes == open, "delivered \(message.bytes), the fragments were \(open ?? [])")
      open = nil
    case .deliver(.ping(let data)), .pong(let data):
      require(frame.opcode == 9 && data == payload, "a ping's data changed")
    case .deliver(.pong(let data)):
      require(frame.opcode == 10 && data == payload, "a pong's data changed")
    case .none, .inflate:
      break
    case .sendClose(let closing, let after):
      ended = after != .waitForPeer
      require(ended, "a received frame made this side wait")
      let sent = WebSocketFrameValue.parseClose(closing)
      if case .abort(.messageTooBig) = after {
        // Over the limit, counting a fragmented message's bytes so far (Tornado counts them for
        // a control frame too).
        require(sent.code == 1009 && sent.reason == "message too big", "a too-big close that is not 1009")
      } else {
        require(frame.opcode == 8, "a close sent for a frame that is not one")
        require(sent.code == WebSocketFrameValue.parseClose(payload).code, "the close code was not echoed")
        require(sent.reason == nil, "the reason was echoed")
      }
    case .closeConnection, .abort:
      ended = true
    }
    if ended { require(machine.state == .closed && !machine.canSend, "ended but \(machine.state)") }
  }
  for code in [0, 1000, 65535] {
    let reason = text(Array(bytes.prefix(20)))
    let parsed = WebSocketFrameValue.parseClose(WebSocketFrameValue.closePayload(code: code, reason: reason))
    require(parsed.code == code && (parsed.reason ?? "") == reason, "close payload round trip: \(parsed)")
  }
}

/// Header values split at NUL: Upgrade, Connection, Origin, Sec-Fetch-Site, Host, key, version.
func handshake(_ bytes: [UInt8]) {
  let values = fields(bytes, 7)
  let names = [
    "upgrade", "connection", "origin", "sec-fetch-site", "host", "sec-websocket-key", "sec-websocket-version",
  ]
  let lookup = Dictionary(uniqueKeysWithValues: zip(names, values)).filter { !$0.value.isEmpty }
  let verdict = WebSocketHandshake.evaluate(headers: { lookup[$0.lowercased()] }, isTrustedOrigin: { _ in false })
  if case .accept(let key, _) = verdict {
    require(lookup["upgrade"]?.lowercased() == "websocket", "accepted without Upgrade: websocket")
    require(lookup["sec-websocket-version"] == "13", "accepted another version")
    require(!key.isEmpty && lookup["host"] != nil, "accepted without a key or host")
    require(
      WebSocketHandshake.crossOriginAllowed(headers: { lookup[$0.lowercased()] }, isTrustedOrigin: { _ in false }),
      "accepted a cross-origin request")
  }
  _ = WebSocketHandshake.netloc(of: values[2])
}

/// A parsed URL says the same when written back.
func url(_ bytes: [UInt8]) {
  let input = text(bytes)
  guard case .success(let parsed) = WebSocketURL.parse(input) else { return }
  require((1...65535).contains(parsed.port), "port \(parsed.port)")
  require(parsed.target.hasPrefix("/"), "target \(parsed.target)")
  require(!parsed.host.isEmpty, "no host")
  let again = WebSocketURL.parse((parsed.secure ? "wss://" : "ws://") + parsed.hostHeader + parsed.target)
  require(again == .success(parsed), "\(input) read back as \(again)")
}
