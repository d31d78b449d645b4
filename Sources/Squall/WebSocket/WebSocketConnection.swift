import NIOConcurrencyHelpers
import NIOCore
import NIOWebSocket

/// An open WebSocket, either side: what a `WebSocketHandler` writes through, and what
/// `websocketConnect` returns (Tornado's `WebSocketClientConnection`). Safe to use from any
/// task; each call hops to the connection's event loop.
///
/// ```swift
/// let ws = try await websocketConnect("ws://127.0.0.1:8888/ws")
/// try await ws.writeMessage("hello")
/// let echo = await ws.readMessage()   // .text("hello"); nil once closed
/// ws.close()
/// ```
public final class WebSocketConnection: Sendable {
  /// What the connection learnt as it went: the peer's close, a violation that ended it.
  final class Record: Sendable {
    struct Values {
      var closeCode: Int?
      var closeReason: String?
      var violation: WebSocketStateMachine.Violation?
      var closed = false
    }
    let values = NIOLockedValueBox(Values())
    let eventLoop: any EventLoop
    private let closedPromise: EventLoopPromise<Void>

    init(eventLoop: any EventLoop) {
      self.eventLoop = eventLoop
      self.closedPromise = eventLoop.makePromise()
    }

    func finish(code: Int?, reason: String?) {
      values.withLockedValue {
        $0.closeCode = code
        $0.closeReason = reason
        $0.closed = true
      }
      closedPromise.succeed()
    }

    func violation(_ violation: WebSocketStateMachine.Violation) {
      values.withLockedValue { $0.violation = $0.violation ?? violation }
    }

    var closed: EventLoopFuture<Void> { closedPromise.futureResult }
  }

  private let handler: NIOLoopBound<WebSocketConnectionHandler>
  private let inbox: WebSocketInbox
  private let record: Record
  /// The channel, for the remote address and a close that cannot wait.
  let channel: any Channel
  /// The subprotocol the server chose (`Sec-WebSocket-Protocol`), if any.
  public let selectedSubprotocol: String?
  /// The client's handshake as it went: its `GET` and the server's `101` (nil on the server).
  public let handshake: WebSocketHandshakeRecord?

  init(
    handler: WebSocketConnectionHandler, channel: any Channel, selectedSubprotocol: String?,
    handshake: WebSocketHandshakeRecord? = nil
  ) {
    self.handler = NIOLoopBound(handler, eventLoop: channel.eventLoop)
    self.inbox = handler.inbox
    self.record = handler.record
    self.channel = channel
    self.selectedSubprotocol = selectedSubprotocol
    self.handshake = handshake
  }

  private var eventLoop: any EventLoop { channel.eventLoop }

  // MARK: Writing

  /// Sends a text message (Tornado's `write_message(str)`); returns once it is handed to the
  /// socket. Throws `WebSocketClosedError` once the connection is closed or closing.
  public func writeMessage(_ text: String) async throws {
    try await writeMessage(.text(text))
  }

  /// Sends bytes, as a binary message unless `binary` is false (then they must be UTF-8).
  public func writeMessage(_ bytes: [UInt8], binary: Bool = true) async throws {
    try await writeMessage(binary ? .binary(bytes) : .text(String(decoding: bytes, as: UTF8.self)))
  }

  /// Sends a message as it is.
  public func writeMessage(_ message: WebSocketMessage) async throws {
    try await onLoop { $0.send(message) }
  }

  /// Sends a JSON object as a text message, keys in the order written (Tornado's
  /// `write_message(dict)`, through `json_encode`).
  public func writeMessage(_ object: KeyValuePairs<String, (any JSONRepresentable)?>) async throws {
    let json = JSONValue.object(ordered: object.map { ($0.key, $0.value?.jsonValue ?? .null) })
    try await writeMessage(.text(String(decoding: json.tornadoBytes, as: UTF8.self)))
  }

  /// Sends a ping with up to 125 bytes of data; the peer answers with a pong carrying them.
  public func ping(_ data: [UInt8] = []) async throws {
    try await onLoop { $0.ping(data) }
  }

  /// Starts the close handshake (Tornado's `close(code, reason)`): a close frame, then the
  /// peer's, then the connection ends (after 5 seconds without an answer, it is dropped).
  /// A reason without a code sends 1000. Returns at once; `waitUntilClosed()` waits.
  public func close(code: Int? = nil, reason: String? = nil) {
    let handler = handler
    eventLoop.execute { handler.value.close(code: code, reason: reason) }
  }

  /// Ends the connection at once, without a close handshake.
  public func abort() {
    let handler = handler
    eventLoop.execute { handler.value.abort() }
  }

  private func onLoop(_ body: @escaping @Sendable (WebSocketConnectionHandler) -> EventLoopFuture<Void>) async throws {
    let handler = handler
    try await eventLoop.flatSubmit { body(handler.value) }.get()
  }

  // MARK: Reading

  /// The next message; nil once the connection is closed (Tornado's `read_message()`). Pings
  /// and pongs are skipped (the pong to a ping is sent already).
  public func readMessage() async -> WebSocketMessage? {
    while let event = await inbox.next() {
      if case .message(let message) = event { return message }
    }
    return nil
  }

  /// The next message, ping or pong; nil once the connection is closed.
  public func readEvent() async -> WebSocketEvent? {
    await inbox.next()
  }

  /// Waits until the connection has ended.
  public func waitUntilClosed() async {
    try? await record.closed.get()
  }

  // MARK: After the close

  /// The code of the peer's close frame (Tornado's `close_code`); nil without one.
  public var closeCode: Int? { record.values.withLockedValue { $0.closeCode } }
  /// The reason in the peer's close frame (Tornado's `close_reason`).
  public var closeReason: String? { record.values.withLockedValue { $0.closeReason } }
  /// Why the connection was ended without a close handshake, if it was: in words.
  public var protocolViolation: String? { record.values.withLockedValue { $0.violation?.description } }
  /// Whether the connection has ended.
  public var isClosed: Bool { record.values.withLockedValue { $0.closed } }
}

/// A client's opening handshake: the request it sent and the server's answer.
public struct WebSocketHandshakeRecord: Sendable {
  /// The request target (`/ws?room=1`).
  public var target: String
  public var requestHeaders: [(name: String, value: String)]
  public var status: Int
  public var reason: String
  public var responseHeaders: [(name: String, value: String)]
}
