import Foundation
import NIOConcurrencyHelpers
import Squall
import SquallCompare
import SquallValues

/// `squall compare --websocket`: the same WebSocket session with Squall's twin and Tornado's,
/// through Squall's client: the handshake, each message and what came back, the close.
enum WebSocketCompare {
  static func run(
    path: String, headers: [HeaderLine], messages: [String], tornadoPort: Int, squallPort: Int, timeout: Double
  ) async -> Comparison {
    async let tornado = session(
      port: tornadoPort, path: path, headers: headers, messages: messages, timeout: timeout)
    async let squall = session(port: squallPort, path: path, headers: headers, messages: messages, timeout: timeout)
    let request = WireRequest(method: "GET", target: path, headers: headers)
    return Comparison.compareWebSocket(request, messages: messages, tornado: await tornado, squall: await squall)
  }

  /// One side: connect, send each message and gather what comes back until the next goes
  /// (a quiet 300 ms, or `timeout`), close with 1000 and wait for the close.
  static func session(
    port: Int, path: String, headers: [HeaderLine], messages: [String], timeout: Double
  ) async -> WebSocketSession {
    let started = ContinuousClock.now
    let connection: WebSocketConnection
    do {
      connection = try await websocketConnect(
        "ws://127.0.0.1:\(port)\(path)", connectTimeout: timeout, headers: headers.map { ($0.name, $0.value) })
    } catch let error as WebSocketHandshakeError {
      let answer = WireResponse(
        status: error.status ?? 0, reason: error.reason, headers: error.headers.map { HeaderLine($0.name, $0.value) },
        body: Array(error.body.utf8), framing: "length")
      return WebSocketSession(handshake: answer, replies: [], closeCode: nil, problem: error.words)
    } catch {
      let answer = WireResponse(status: 0, reason: "", headers: [], body: [], framing: "none")
      return WebSocketSession(handshake: answer, replies: [], closeCode: nil, problem: "\(error)")
    }
    let handshake = connection.handshake
    let elapsed = ContinuousClock.now - started
    let answer = WireResponse(
      status: handshake?.status ?? 101, reason: handshake?.reason ?? "",
      headers: (handshake?.responseHeaders ?? []).map { HeaderLine($0.name, $0.value) }, body: [], framing: "none",
      duration: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    // One reader for the whole session; each message's replies are those that arrive before
    // the next goes out (within `timeout` for the first, then until 300 ms pass quietly).
    let received = NIOLockedValueBox<[String]>([])
    let reader = Task {
      while let message = await connection.readMessage() {
        let shown = Comparison.describeMessage(
          text: message.isBinary ? nil : message.text, bytes: message.isBinary ? message.bytes : [])
        received.withLockedValue { $0.append(shown) }
      }
    }
    var replies: [[String]] = []
    for message in messages {
      let before = received.withLockedValue { $0.count }
      try? await connection.writeMessage(message)
      let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
      var lastChange = ContinuousClock.now
      var count = before
      while ContinuousClock.now < deadline {
        try? await Task.sleep(for: .milliseconds(10))
        let now = received.withLockedValue { $0.count }
        if now != count {
          count = now
          lastChange = .now
        } else if count > before, ContinuousClock.now - lastChange > .milliseconds(300) {
          break
        }
      }
      replies.append(received.withLockedValue { Array($0[before..<count]) })
    }
    connection.close(code: 1000)
    await reader.value
    await connection.waitUntilClosed()
    return WebSocketSession(
      handshake: answer, replies: replies, closeCode: connection.closeCode, problem: connection.protocolViolation)
  }
}
