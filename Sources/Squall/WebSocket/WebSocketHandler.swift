import NIOCore
import NIOHTTP1

/// A connection writer that can hand its connection to a WebSocket (the server's; the
/// in-process writer of `SquallTesting` cannot).
protocol WebSocketUpgrading {
  func upgrade(_ head: HTTPResponseHead, options: WebSocketOptions, subprotocol: String?) async throws
    -> WebSocketConnection
}

/// Base class for WebSocket handlers, as Tornado's `tornado.websocket.WebSocketHandler`.
///
/// Route it like any handler; its `GET` checks the handshake, answers `101 Switching Protocols`
/// and then calls `open`, `onMessage` for each message in order (the next waits until it
/// returns), and `onClose` once the connection is over.
///
/// ```swift
/// final class EchoWebSocket: WebSocketHandler {
///   override func open() async throws { print("WebSocket opened") }
///   override func onMessage(_ message: WebSocketMessage) async throws {
///     try await writeMessage(message)   // "You said: …" in Tornado's docs; the echo app echoes
///   }
///   override func onClose() { print("WebSocket closed") }
/// }
/// ```
///
/// A refused handshake gets Tornado's answers: 400 without `Upgrade: websocket` or
/// `Connection: Upgrade`, 403 for a cross-origin request `checkOrigin` refuses, 426 for a
/// `Sec-WebSocket-Version` other than 13 (Tornado 6.6 dropped 7 and 8), 400 without `Host` or `Sec-WebSocket-Key`.
open class WebSocketHandler: RequestHandler {
  /// The open connection, from just before `open` until the handler is done.
  public private(set) var webSocket: WebSocketConnection?
  /// The subprotocol `selectSubprotocol` chose, once open.
  public private(set) var selectedSubprotocol: String?

  /// Only `GET` opens a WebSocket; other methods get 405.
  open override class var supportedMethods: [String] { ["GET"] }

  public required init(application: Application, request: HTTPServerRequest) {
    super.init(application: application, request: request)
  }

  // MARK: What a subclass overrides

  /// Called once the WebSocket is open, with the route's captures; by default calls `open()`.
  /// Messages wait until it returns. Throwing ends the connection.
  open func open(_ args: [String]) async throws { try await open() }
  /// Called once the WebSocket is open.
  open func open() async throws {}
  /// Called for each message, in order; the next waits until this one returns. Throwing ends
  /// the connection (Tornado logs the error and aborts).
  open func onMessage(_ message: WebSocketMessage) async throws {}
  /// Called when a ping arrived (its pong is already on the way).
  open func onPing(_ data: [UInt8]) {}
  /// Called when a pong arrived.
  open func onPong(_ data: [UInt8]) {}
  /// Called once when the connection is over; `closeCode` and `closeReason` say how.
  open func onClose() {}

  /// Whether to accept a cross-origin request from `origin` (Tornado 6.6's `check_origin`):
  /// asked only when the request looks cross-origin (its `Origin`'s host is not `Host`, or
  /// `Sec-Fetch-Site` says so). By default, origins in `Settings.trustedOrigins`.
  open func checkOrigin(_ origin: String) -> Bool {
    application.settings.trustedOrigins.contains(origin)
  }

  /// Picks one of the subprotocols the client offered (`Sec-WebSocket-Protocol`), or none.
  /// Returning one not offered is an error (500), as Tornado's assertion.
  open func selectSubprotocol(_ subprotocols: [String]) -> String? { nil }

  /// `permessage-deflate`'s settings, or nil (the default) to refuse it (Tornado's
  /// `get_compression_options`: return `WebSocketCompression()` for zlib's defaults). With
  /// options, a client's offer is accepted and every message goes out compressed.
  open func getCompressionOptions() -> WebSocketCompression? { nil }

  /// Larger messages close the connection with 1009 (`Settings.websocketMaxMessageSize`).
  open var maxMessageSize: Int { application.settings.websocketMaxMessageSize }
  /// Seconds between pings this side sends; nil: none (`Settings.websocketPingInterval`).
  open var pingInterval: Double? { application.settings.websocketPingInterval }
  /// Seconds to wait for a pong before closing (`Settings.websocketPingTimeout`).
  open var pingTimeout: Double? { application.settings.websocketPingTimeout }

  // MARK: What a handler calls

  /// Sends a text message (Tornado's `write_message`); throws `WebSocketClosedError` once closed.
  public func writeMessage(_ text: String) async throws {
    try await openConnection().writeMessage(text)
  }

  /// Sends bytes as a binary message (`binary: false`: as text, which they must be UTF-8 of).
  public func writeMessage(_ bytes: [UInt8], binary: Bool = true) async throws {
    try await openConnection().writeMessage(bytes, binary: binary)
  }

  /// Sends a message as it came: text as text, binary as binary.
  public func writeMessage(_ message: WebSocketMessage) async throws {
    try await openConnection().writeMessage(message)
  }

  /// Sends a JSON object as a text message, keys in the order written (Tornado's
  /// `write_message(dict)`).
  public func writeMessage(_ object: KeyValuePairs<String, (any JSONRepresentable)?>) async throws {
    try await openConnection().writeMessage(object)
  }

  /// Sends a ping with up to 125 bytes of data.
  public func ping(_ data: [UInt8] = []) async throws {
    try await openConnection().ping(data)
  }

  /// Starts the close handshake (Tornado's `close(code, reason)`); `onClose` follows.
  public func close(code: Int? = nil, reason: String? = nil) {
    webSocket?.close(code: code, reason: reason)
  }

  /// The code of the client's close frame; nil without one (Tornado's `close_code`).
  public var closeCode: Int? { webSocket?.closeCode }
  /// The reason in the client's close frame (Tornado's `close_reason`).
  public var closeReason: String? { webSocket?.closeReason }

  private func headerValue(_ name: String) -> String? {
    let values = request.headers[name]
    return values.isEmpty ? nil : values.joined(separator: ", ")
  }

  private func openConnection() throws -> WebSocketConnection {
    guard let webSocket else { throw WebSocketClosedError() }
    return webSocket
  }

  // MARK: The handshake and the connection's life

  /// Tornado's `WebSocketHandler.get`: the handshake, then the connection until it ends.
  open override func get(_ args: [String]) async throws {
    let headers = request.headers
    let verdict = WebSocketHandshake.evaluate(
      headers: { name in
        let values = headers[name]
        return values.isEmpty ? nil : values.joined(separator: ", ")
      },
      isTrustedOrigin: { self.checkOrigin($0) })
    switch verdict {
    case .refuse(let status, let body, let extra):
      setStatus(status)
      for field in extra { setHeader(field.name, field.value) }
      if !body.isEmpty { write(body) }
      application.appLog.debug("WebSocket refused (\(status)): \(body.isEmpty ? "version" : body)")
      try await finish()
    case .accept(let key, let offered):
      let chosen = selectSubprotocol(offered)
      if let chosen, !offered.contains(chosen) {
        throw HTTPError(500, "selectSubprotocol chose \(chosen.debugDescription), which the client did not offer")
      }
      try await accept(key: key, subprotocol: chosen, args: args)
    }
  }

  private func accept(key: String, subprotocol: String?, args: [String]) async throws {
    guard let upgrading = connection as? any WebSocketUpgrading else {
      throw HTTPError(500, "this connection cannot become a WebSocket (in process: test with .live())")
    }
    if let subprotocol { setHeader("Sec-WebSocket-Protocol", subprotocol) }
    var deflate: WebSocketOptions.Deflate?
    if let compression = getCompressionOptions(),
      let agreement = DeflateAgreement.answer(toOffers: headerValue("Sec-WebSocket-Extensions")),
      agreement.windowBits("server") != nil, agreement.windowBits("client") != nil
    {
      setHeader("Sec-WebSocket-Extensions", agreement.header)
      deflate = WebSocketOptions.Deflate(agreement: agreement, compression: compression, isServer: true)
    }
    clearHeader("Content-Type")
    setStatus(101)
    setHeader("Upgrade", "websocket")
    setHeader("Connection", "Upgrade")
    // Spelled as Tornado's HTTPHeaders writes it.
    setHeader("Sec-Websocket-Accept", WebSocketAccept.value(forKey: key))
    var options = WebSocketOptions(
      maxMessageSize: maxMessageSize, pingInterval: pingInterval, pingTimeout: pingTimeout, masksOutgoing: false)
    options.deflate = deflate
    let head = takeSwitchingHead()
    let connection = try await upgrading.upgrade(head, options: options, subprotocol: subprotocol)
    webSocket = connection
    selectedSubprotocol = subprotocol
    onFinish()
    logSwitch()
    await live(connection, args: args)
  }

  /// Open, then each event in order, then `onClose`: Tornado's `_accept_connection` and
  /// `_receive_frame_loop`. An error in a callback is logged and ends the connection.
  private func live(_ connection: WebSocketConnection, args: [String]) async {
    do {
      try await open(args)
      while let event = await connection.readEvent() {
        switch event {
        case .message(let message): try await onMessage(message)
        case .ping(let data): onPing(data)
        case .pong(let data): onPong(data)
        }
      }
    } catch {
      application.appLog.error("Uncaught exception in WebSocket \(request.uri): \(error)")
      connection.abort()
    }
    await connection.waitUntilClosed()
    onClose()
  }
}
