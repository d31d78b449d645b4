import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import NIOPosix
import Synchronization

/// A non-blocking, multi-core HTTP/1.1 server, as Tornado's `tornado.httpserver.HTTPServer`.
///
/// ```swift
/// let server = HTTPServer(app, maxBufferSize: 50_485_760)
/// try server.listen(8888)
/// IOLoop.current().start()
/// ```
///
/// Connections are spread over the event loops of `group` (one per core by default); each
/// connection answers its requests one at a time, in order, and runs its responder on its own
/// event loop. The server takes any `HTTPResponder` (Tornado's `request_callback`); an
/// `Application` is one.
public final class HTTPServer: Sendable {
  /// Tornado's `HTTPServer` keyword arguments.
  public struct Options: Sendable, Equatable {
    /// Close every connection after one response (Tornado's `no_keep_alive`).
    public var noKeepAlive = false
    /// Trust `X-Real-Ip`/`X-Forwarded-For` and `X-Scheme`/`X-Forwarded-Proto` from a proxy.
    public var xheaders = false
    /// Accept `Content-Encoding: gzip` request bodies and decode them for the handler.
    public var decompressRequest = false
    /// How many bytes of a request body are buffered in memory at most: 100 MB by default.
    /// It bounds bytes, not threads (the seed tutorial says threads; that is wrong).
    public var maxBufferSize = 104_857_600
    /// The largest request head (request line and headers) accepted: 64 KB by default.
    /// A larger head closes the connection without a response, as Tornado does.
    public var maxHeaderSize = 65_536
    /// Seconds a connection may sit without a complete request head: 3600 by default.
    public var idleConnectionTimeout: Double? = 3600
    /// Seconds allowed to receive a request body; no limit by default.
    public var bodyTimeout: Double?
    /// The largest request body accepted; defaults to `maxBufferSize`. A larger body
    /// gets `400 Bad Request` and the connection is closed.
    public var maxBodySize: Int?
    /// Gzip text-like responses of 1024 bytes or more for clients that accept it (Tornado's
    /// `compress_response` application setting; `Application.listen` and `HTTPServer(app)` set it
    /// from `Settings.compressResponse`).
    public var compressResponse = false

    /// Options with Tornado's defaults.
    public init() {}

    var effectiveMaxBodySize: Int { maxBodySize ?? maxBufferSize }
    /// The option that sets `effectiveMaxBodySize`, for messages.
    var maxBodySizeName: String { maxBodySize == nil ? "maxBufferSize" : "maxBodySize" }
  }

  /// What answers requests.
  public let responder: any HTTPResponder
  /// The options in force.
  public let options: Options
  /// Every connection, request and response, for observers (the playground's log pane).
  public let events = ServerEventHub()
  /// Live counters.
  public let stats: ServerStats

  private let group: any EventLoopGroup
  /// Each event loop's task executor and share of `stats`.
  private let loops: [ObjectIdentifier: (executor: EventLoopTaskExecutor, counters: ServerStats.Counters, index: Int)]
  /// How many event loops serve connections: a timeline groups connections by loop.
  public var eventLoopCount: Int { loops.count }
  private let listeners = NIOLockedValueBox<[any Channel]>([])
  private let connections = NIOLockedValueBox<[UInt64: any Channel]>([:])
  /// Numbers connections across every server of the process, so a connection is one id in a
  /// playground that restarts its server (its timeline keeps a lane per id).
  private static let nextConnectionID = Atomic<UInt64>(0)

  /// Creates a server for `responder` with Tornado's options; call `listen` to start it.
  public convenience init(
    _ responder: any HTTPResponder, noKeepAlive: Bool = false, xheaders: Bool = false,
    decompressRequest: Bool = false, maxBufferSize: Int? = nil, maxHeaderSize: Int? = nil,
    idleConnectionTimeout: Double? = nil, bodyTimeout: Double? = nil, maxBodySize: Int? = nil,
    compressResponse: Bool = false, group: (any EventLoopGroup)? = nil
  ) {
    var options = Options()
    options.noKeepAlive = noKeepAlive
    options.xheaders = xheaders
    options.decompressRequest = decompressRequest
    if let maxBufferSize { options.maxBufferSize = maxBufferSize }
    if let maxHeaderSize { options.maxHeaderSize = maxHeaderSize }
    if let idleConnectionTimeout { options.idleConnectionTimeout = idleConnectionTimeout }
    options.bodyTimeout = bodyTimeout
    options.maxBodySize = maxBodySize
    options.compressResponse = compressResponse
    self.init(responder, options: options, group: group)
  }

  /// Creates a server from an `Options` value.
  public init(_ responder: any HTTPResponder, options: Options, group: (any EventLoopGroup)? = nil) {
    self.responder = responder
    self.options = options
    let group = group ?? IOLoop.current().group
    self.group = group
    let eventLoops = Array(group.makeIterator())
    let stats = ServerStats(shards: eventLoops.count)
    self.stats = stats
    var loops: [ObjectIdentifier: (EventLoopTaskExecutor, ServerStats.Counters, Int)] = [:]
    for (index, loop) in eventLoops.enumerated() {
      loops[ObjectIdentifier(loop)] = (EventLoopTaskExecutor(loop), stats.counters(index), index)
    }
    self.loops = loops
  }

  /// Starts accepting connections on `address:port` (127.0.0.1 unless told otherwise);
  /// port 0 picks a free port, see `ports`. Throws `HTTPServerError.addressInUse` when taken.
  public func listen(_ port: Int, address: String = "127.0.0.1") throws {
    let channel: any Channel
    do {
      channel = try bind(address, port).wait()
    } catch {
      throw HTTPServerError(error, host: address, port: port)
    }
    listeners.withLockedValue { $0.append(channel) }
    IOLoop.current().track(self)
  }

  /// Starts accepting connections; the async form of `listen`.
  public func listen(_ port: Int, address: String = "127.0.0.1") async throws {
    let channel: any Channel
    do {
      channel = try await bind(address, port).get()
    } catch {
      throw HTTPServerError(error, host: address, port: port)
    }
    listeners.withLockedValue { $0.append(channel) }
    IOLoop.current().track(self)
  }

  /// The ports the server listens on, in `listen` order.
  public var ports: [Int] {
    listeners.withLockedValue { $0.compactMap { $0.localAddress?.port } }
  }

  /// Stops accepting new connections; open ones keep being served (Tornado's `stop`).
  public func stop() async {
    let channels = listeners.withLockedValue { value in
      defer { value = [] }
      return value
    }
    for channel in channels { try? await channel.close() }
  }

  /// Stops gracefully: stops accepting, closes idle keep-alive connections, lets the requests
  /// in flight finish (their responses say `Connection: close`) for up to `gracePeriod`
  /// seconds, then closes what is left. Returns how many connections had to be closed at the
  /// end of the grace period. `IOLoop.start()` calls it on SIGTERM and SIGINT. Tornado has no
  /// single call for it: its documentation's recipe is `stop()`, wait, `close_all_connections()`.
  @discardableResult
  public func shutdown(gracePeriod: Double = 30) async -> Int {
    await stop()
    let open = connections.withLockedValue { Array($0.values) }
    guard !open.isEmpty else { return 0 }
    for channel in open { channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent()) }
    // Whichever comes first: every connection closed, or the grace period over (a future's
    // `get()` cannot be cancelled, so the two race to complete one promise).
    let loop = group.next()
    let settled = loop.makePromise(of: Void.self)
    let once = NIOLockedValueBox(false)
    let settle: @Sendable () -> Void = {
      if once.withLockedValue({ done in
        defer { done = true }
        return !done
      }) {
        settled.succeed(())
      }
    }
    EventLoopFuture.andAllComplete(open.map(\.closeFuture), on: loop).whenComplete { _ in settle() }
    let timer = loop.scheduleTask(in: .saturating(seconds: gracePeriod)) { settle() }
    try? await settled.futureResult.get()
    timer.cancel()
    let left = connections.withLockedValue { Array($0.values) }
    for channel in left { try? await channel.close() }
    return left.count
  }

  /// Closes every open connection, as Tornado's `close_all_connections`.
  public func closeAllConnections() async {
    let open = connections.withLockedValue { Array($0.values) }
    for channel in open { try? await channel.close() }
  }

  /// Binds a listening socket. A numeric address (the usual 127.0.0.1) is bound as it is:
  /// NIO's `bind(host:port:)` asks the resolver even for one, and glibc's `getaddrinfo` first
  /// reads the machine's interfaces over netlink, about a millisecond of every start.
  private func bind(_ address: String, _ port: Int) -> EventLoopFuture<any Channel> {
    if let numeric = try? SocketAddress(ipAddress: address, port: port) {
      return bootstrap().bind(to: numeric)
    }
    return bootstrap().bind(host: address, port: port)
  }

  private func bootstrap() -> ServerBootstrap {
    ServerBootstrap(group: group)
      .serverChannelOption(.backlog, value: 256)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
      .childChannelOption(.allowRemoteHalfClosure, value: true)
      .childChannelOption(.maxMessagesPerRead, value: 16)
      .childChannelInitializer { [self] channel in
        channel.eventLoop.makeCompletedFuture {
          try self.configure(channel)
        }
      }
  }

  /// Sets up one connection's pipeline (internal: tests set it up on an `EmbeddedChannel`).
  func configure(_ channel: any Channel) throws {
    let id = Self.nextConnectionID.add(1, ordering: .relaxed).newValue
    let remote = channel.remoteAddress?.ipAddress ?? "unknown"
    let loop =
      loops[ObjectIdentifier(channel.eventLoop)] ?? (EventLoopTaskExecutor(channel.eventLoop), stats.counters(0), 0)
    var encoderConfiguration = HTTPResponseEncoder.Configuration()
    encoderConfiguration.automaticallySetFramingHeaders = false
    let pipeline = channel.pipeline.syncOperations
    var recorder: RawBytesRecorder?
    if RawBytesRecorder.isWanted(by: events) {
      recorder = RawBytesRecorder(connectionID: id, hub: events, counters: loop.counters)
      try pipeline.addHandler(recorder!)
    }
    // Named: a WebSocket upgrade takes the HTTP layer out by these names (`HTTPLayer`).
    try pipeline.addHandler(RequestLineGuard(), name: HTTPLayer.guardName)
    try pipeline.addHandler(HTTPResponseEncoder(configuration: encoderConfiguration), name: HTTPLayer.encoderName)
    // Bytes after an upgrade request (a WebSocket's first frames) go on to what replaces it.
    try pipeline.addHandler(HTTPLayer.decoder(limits: HTTPLayer.limits(options)))
    if options.decompressRequest {
      try pipeline.addHandler(
        NIOHTTPRequestDecompressor(limit: .size(options.effectiveMaxBodySize)), name: HTTPLayer.decompressorName)
    }
    var compressedSlot: GzipResponseHeaders.Slot?
    if options.compressResponse {
      let slot = GzipOnlyNegotiation.Slot()
      let written = GzipResponseHeaders.Slot()
      compressedSlot = written
      try pipeline.addHandler(GzipOnlyNegotiation.narrow(slot), name: HTTPLayer.gzipNames[0])
      try pipeline.addHandler(GzipResponseHeaders.rewrite(written), name: HTTPLayer.gzipNames[1])
      try pipeline.addHandler(
        HTTPResponseCompressor(initialByteBufferCapacity: 1024, responseCompressionPredicate: Self.shouldCompress),
        name: HTTPLayer.gzipNames[2])
      try pipeline.addHandler(GzipResponseHeaders.remember(written), name: HTTPLayer.gzipNames[3])
      try pipeline.addHandler(GzipOnlyNegotiation.restore(slot), name: HTTPLayer.gzipNames[4])
    }
    try pipeline.addHandler(
      HTTPConnectionHandler(
        .init(
          connectionID: id, remote: remote, responder: responder, options: options, hub: events,
          counters: loop.counters, executor: loop.executor, recorder: recorder, eventLoop: loop.index,
          compressed: compressedSlot, opened: events.wants(.exchangeCompleted) ? .now : nil)))
    connections.withLockedValue { $0[id] = channel }
    channel.closeFuture.whenComplete { [connections] _ in
      connections.withLockedValue { _ = $0.removeValue(forKey: id) }
    }
  }

  /// Tornado's `GZipContentEncoding`: only text-like types, only bodies of 1024 bytes or more.
  @Sendable static func shouldCompress(_ head: inout HTTPResponseHead, _ supported: Bool)
    -> HTTPResponseCompressor.CompressionIntent
  {
    let type = head.headers.first(name: "Content-Type")?.split(separator: ";").first.map(String.init) ?? ""
    let textual =
      type.hasPrefix("text/") || type == "application/json" || type == "application/javascript"
      || type == "application/xml" || type == "application/xhtml+xml" || type == "image/svg+xml"
    if let length = head.headers.first(name: "Content-Length").flatMap(Int.init), length < 1024 {
      return .doNotCompress
    }
    if head.headers.contains(name: "Content-Encoding") { return .doNotCompress }
    return textual ? .compressIfPossible : .doNotCompress
  }
}

/// Why a server could not start.
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
  /// What went wrong, in words a user can act on.
  public var message: String
  /// Whether the port was already taken.
  public var isAddressInUse: Bool

  init(_ error: any Error, host: String, port: Int) {
    if let io = error as? IOError, io.errnoCode == EADDRINUSE {
      message =
        "port \(port) on \(host) is already in use (\(PortOwner.hint(port: port))); stop it or choose another port with --port"
      isAddressInUse = true
    } else if let io = error as? IOError, io.errnoCode == EACCES {
      message =
        "no permission to listen on port \(port) on \(host); ports below 1024 need root, choose another with --port"
      isAddressInUse = false
    } else {
      message = "cannot listen on \(host):\(port): \(error)"
      isAddressInUse = false
    }
  }

  public var description: String { message }
}
