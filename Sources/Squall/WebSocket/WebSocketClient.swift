import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket

/// Opens a WebSocket (Tornado's `websocket_connect`): the handshake, then the connection to
/// write to and read from. Throws `WebSocketHandshakeError` when the server answers anything
/// but a valid `101`, `WebSocketURLError` for a URL it cannot use, and the connection's error
/// when nothing listens there.
///
/// ```swift
/// let ws = try await websocketConnect("ws://127.0.0.1:8888/ws")
/// try await ws.writeMessage("hello")
/// print(await ws.readMessage() ?? "closed")   // hello
/// ws.close()
/// ```
///
/// - Parameters:
///   - connectTimeout: seconds for the TCP connection and the handshake together.
///   - subprotocols: offered in `Sec-WebSocket-Protocol`; the server's choice is
///     `selectedSubprotocol`.
///   - headers: more request headers (`Origin`, `Authorization`…).
///   - maxMessageSize: a bigger message from the server closes the connection with 1009.
///   - pingInterval, pingTimeout: pings this side sends, as the server's settings.
///   - compression: offer `permessage-deflate` (Tornado's `compression_options`); nil: none.
///   - onFrame: called on the connection's event loop with every frame either way (what
///     `squall ws -v` prints); keep it short.
public func websocketConnect(
  _ url: String, connectTimeout: Double = 20, subprotocols: [String] = [], headers: [(String, String)] = [],
  maxMessageSize: Int = 10 * 1024 * 1024, pingInterval: Double? = nil,
  pingTimeout: Double? = nil, compression: WebSocketCompression? = nil,
  group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
  onFrame: (@Sendable (WebSocketFrameRecord) -> Void)? = nil
) async throws -> WebSocketConnection {
  let target = try WebSocketURL.parse(url).get()
  if target.secure {
    throw WebSocketURLError("\(url.debugDescription): wss:// (TLS) is not supported; use ws:// to a local server")
  }
  let options = WebSocketOptions(
    maxMessageSize: maxMessageSize, pingInterval: pingInterval, pingTimeout: pingTimeout, masksOutgoing: true)
  // Tornado's client offers exactly this.
  let offer =
    compression.map { _ in [("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits")] } ?? []
  let request = WebSocketClientHandshake.request(
    url: target, key: WebSocketClientHandshake.newKey(), subprotocols: subprotocols, headers: offer + headers)
  let loop = group.next()
  let done = loop.makePromise(of: WebSocketConnection.self)
  let timeout = TimeAmount.seconds(connectTimeout)
  let bootstrap = ClientBootstrap(group: loop)
    .connectTimeout(timeout)
    .channelOption(.socketOption(.tcp_nodelay), value: 1)
    .channelInitializer { channel in
      channel.eventLoop.makeCompletedFuture {
        let pipeline = channel.pipeline.syncOperations
        try pipeline.addHandler(HTTPRequestEncoder(), name: WebSocketClientHandshake.encoderName)
        try pipeline.addHandler(
          ByteToMessageHandler(HTTPResponseDecoder(leftOverBytesStrategy: .forwardBytes)),
          name: WebSocketClientHandshake.decoderName)
        try pipeline.addHandler(
          WebSocketClientHandshake(
            request: request, options: options, compression: compression, done: done, onFrame: onFrame))
      }
    }
  let channel: any Channel
  do {
    channel = try await bootstrap.connect(host: target.host, port: target.port).get()
  } catch {
    let failure = WebSocketHandshakeError(words: "cannot connect to \(target.hostHeader): \(connectProblem(error))")
    done.fail(failure)
    throw failure
  }
  let timer = loop.scheduleTask(in: timeout) {
    done.fail(WebSocketHandshakeError(words: "no answer to the handshake within \(connectTimeout) s"))
    channel.close(promise: nil)
  }
  // Cancelled on the loop as the handshake ends: it can never close a connection just opened.
  done.futureResult.whenComplete { _ in timer.cancel() }
  return try await done.futureResult.get()
}

/// Why a connection could not be made, in words: refused names what to do.
private func connectProblem(_ error: any Error) -> String {
  let io =
    (error as? IOError)
    ?? (error as? NIOConnectionError)?.connectionErrors.lazy.compactMap { $0.error as? IOError }
    .first
  switch io?.errnoCode {
  case ECONNREFUSED: return "connection refused (is a server listening there?)"
  case ETIMEDOUT: return "no answer (timed out)"
  default:
    if error is ChannelError { return "no connection within the connect timeout" }
    if (error as? NIOConnectionError)?.dnsAAAAError != nil || (error as? NIOConnectionError)?.dnsAError != nil {
      return "the host name does not resolve"
    }
    return "\(error)"
  }
}

/// The server did not accept the WebSocket: its status, reason, headers and the start of its
/// body (Tornado raises `HTTPClientError` or `WebSocketError`).
public struct WebSocketHandshakeError: Error, Sendable, CustomStringConvertible {
  /// The server's status; nil when there was no complete answer.
  public var status: Int?
  public var reason: String
  public var headers: [(name: String, value: String)]
  /// The body, up to 64 KiB, decoded as UTF-8.
  public var body: String
  /// What went wrong, in words.
  public var words: String

  init(words: String) {
    self.status = nil
    self.reason = ""
    self.headers = []
    self.body = ""
    self.words = words
  }

  init(head: HTTPResponseHead, body: [UInt8], words: String) {
    self.status = head.status.code == 0 ? nil : Int(head.status.code)
    self.reason = head.status.reasonPhrase
    self.headers = head.headers.map { ($0.name, $0.value) }
    self.body = String(decoding: body, as: UTF8.self)
    self.words = words
  }

  public var description: String { words }
}

/// The client's side of the opening handshake: sends the `GET`, reads the answer, and on a
/// valid `101` puts the frame codec and a `WebSocketConnectionHandler` where the HTTP handlers
/// were (the response decoder last, so frames sent right behind the 101 reach the frame decoder).
final class WebSocketClientHandshake: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPClientResponsePart
  typealias OutboundOut = HTTPClientRequestPart

  static let encoderName = "squall.ws.request-encoder"
  static let decoderName = "squall.ws.response-decoder"

  struct Request {
    var head: HTTPRequestHead
    var expectedAccept: String
    var offered: [String]
    var offersDeflate: Bool { head.headers["Sec-WebSocket-Extensions"].contains { $0.contains("permessage-deflate") } }
  }

  private let request: Request
  private let options: WebSocketOptions
  private let done: EventLoopPromise<WebSocketConnection>
  private let onFrame: (@Sendable (WebSocketFrameRecord) -> Void)?
  private let compression: WebSocketCompression?
  private var response: HTTPResponseHead?
  private var body: [UInt8] = []
  private var finished = false

  init(
    request: Request, options: WebSocketOptions, compression: WebSocketCompression?,
    done: EventLoopPromise<WebSocketConnection>, onFrame: (@Sendable (WebSocketFrameRecord) -> Void)?
  ) {
    self.request = request
    self.options = options
    self.compression = compression
    self.done = done
    self.onFrame = onFrame
  }

  /// A fresh `Sec-WebSocket-Key`: 16 random bytes, base64.
  static func newKey() -> String {
    var generator = SystemRandomNumberGenerator()
    return WebSocketAccept.base64((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
  }

  /// The handshake's `GET`, headers in the order Tornado's client sends them, then the caller's.
  static func request(
    url: WebSocketURL, key: String, subprotocols: [String], headers extra: [(String, String)]
  ) -> Request {
    var headers = HTTPHeaders()
    headers.add(name: "Host", value: url.hostHeader)
    headers.add(name: "Upgrade", value: "websocket")
    headers.add(name: "Connection", value: "Upgrade")
    headers.add(name: "Sec-WebSocket-Key", value: key)
    headers.add(name: "Sec-WebSocket-Version", value: "13")
    if !subprotocols.isEmpty { headers.add(name: "Sec-WebSocket-Protocol", value: subprotocols.joined(separator: ",")) }
    for (name, value) in extra { headers.add(name: name, value: value) }
    return Request(
      head: HTTPRequestHead(version: .http1_1, method: .GET, uri: url.target, headers: headers),
      expectedAccept: WebSocketAccept.value(forKey: key), offered: subprotocols)
  }

  func channelActive(context: ChannelHandlerContext) {
    context.write(wrapOutboundOut(.head(request.head)), promise: nil)
    context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    context.fireChannelActive()
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    guard !finished else { return }
    switch unwrapInboundIn(data) {
    case .head(let head):
      response = head
    case .body(let buffer):
      if body.count < 65536 { body.append(contentsOf: buffer.readableBytesView.prefix(65536 - body.count)) }
    case .end:
      finished = true
      guard let head = response else { return fail(context, WebSocketHandshakeError(words: "no response head")) }
      switch WebSocketClientHandshake.check(head, request: request) {
      case .failure(let problem):
        fail(context, WebSocketHandshakeError(head: head, body: body, words: problem.words))
      case .success(let subprotocol):
        switchToWebSocket(context: context, head: head, subprotocol: subprotocol)
      }
    }
  }

  /// Tornado's `_process_server_headers`: a 101 with `Upgrade: websocket`, `Connection: upgrade`,
  /// the right `Sec-WebSocket-Accept`, a subprotocol among those offered, no extension. Pure.
  static func check(_ head: HTTPResponseHead, request: Request) -> Result<String?, WebSocketWords> {
    let status = "\(head.status.code) \(head.status.reasonPhrase)"
    guard head.status == .switchingProtocols else {
      return .failure(WebSocketWords("the server answered \(status), not 101 Switching Protocols"))
    }
    guard head.headers["Upgrade"].first?.lowercased() == "websocket" else {
      return .failure(WebSocketWords("the 101 has no Upgrade: websocket"))
    }
    let tokens = head.headers["Connection"].flatMap { $0.split(separator: ",") }.map {
      String($0.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()).lowercased()
    }
    guard tokens.contains("upgrade") else {
      return .failure(WebSocketWords("the 101 has no Connection: Upgrade"))
    }
    guard head.headers["Sec-WebSocket-Accept"].first == request.expectedAccept else {
      return .failure(WebSocketWords("the 101's Sec-WebSocket-Accept does not answer the key sent"))
    }
    if let extensions = head.headers["Sec-WebSocket-Extensions"].first, !extensions.isEmpty {
      let chosen = DeflateAgreement.extensions(extensions)
      guard request.offersDeflate, chosen.count == 1, chosen[0].name == "permessage-deflate",
        DeflateAgreement(parameters: chosen[0].parameters).isValid()
      else {
        return .failure(WebSocketWords("the server chose an extension, or parameters, not offered: \(extensions)"))
      }
    }
    let chosen = head.headers["Sec-WebSocket-Protocol"].first
    if let chosen, !request.offered.contains(chosen) {
      return .failure(WebSocketWords("the server chose the subprotocol \(chosen), which was not offered"))
    }
    return .success(chosen)
  }

  private func fail(_ context: ChannelHandlerContext, _ error: WebSocketHandshakeError) {
    done.fail(error)
    context.close(promise: nil)
  }

  private func switchToWebSocket(context: ChannelHandlerContext, head: HTTPResponseHead, subprotocol: String?) {
    let channel = context.channel
    var options = options
    if let compression, let answer = head.headers["Sec-WebSocket-Extensions"].first,
      let agreement = DeflateAgreement.answer(toOffers: answer)
    {
      options.deflate = WebSocketOptions.Deflate(agreement: agreement, compression: compression, isServer: false)
    }
    let handler: WebSocketConnectionHandler
    do {
      let pipeline = context.pipeline.syncOperations
      handler = try WebSocketConnectionHandler.install(
        in: pipeline, channel: channel, options: options, awaitsHandling: false, frameObserver: onFrame)
      if let encoder = try? pipeline.context(name: Self.encoderName) {
        pipeline.removeHandler(context: encoder, promise: nil)
      }
      pipeline.removeHandler(context: context, promise: nil)
      if let decoder = try? pipeline.context(name: Self.decoderName) {
        pipeline.removeHandler(context: decoder, promise: nil)
      }
    } catch {
      return fail(context, WebSocketHandshakeError(words: "cannot set up the WebSocket: \(error)"))
    }
    done.succeed(
      WebSocketConnection(
        handler: handler, channel: channel, selectedSubprotocol: subprotocol,
        handshake: WebSocketHandshakeRecord(
          target: request.head.uri, requestHeaders: request.head.headers.map { ($0.name, $0.value) },
          status: Int(head.status.code), reason: head.status.reasonPhrase,
          responseHeaders: head.headers.map { ($0.name, $0.value) })))
  }

  func channelInactive(context: ChannelHandlerContext) {
    if !finished {
      finished = true
      done.fail(WebSocketHandshakeError(words: "the server closed the connection during the handshake"))
    }
    context.fireChannelInactive()
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    if !finished {
      finished = true
      fail(context, WebSocketHandshakeError(words: "the handshake's answer is not HTTP: \(error)"))
    }
  }
}

/// A reason in words (a `Result`'s failure).
struct WebSocketWords: Error, Equatable {
  var words: String
  init(_ words: String) { self.words = words }
}
