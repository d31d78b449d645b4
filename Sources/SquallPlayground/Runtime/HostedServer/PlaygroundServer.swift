import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import Squall
import SquallExamples
import SquallPlaygroundCore
import SquallValues

/// The live server the playground hosts: the seed's hello world plus the routes made in the
/// route editor, with the options of the server pane. Every exchange becomes a `LogEntry`.
final class PlaygroundServer: Sendable {
  private let state = NIOLockedValueBox<HTTPServer?>(nil)
  /// The last start or stop asked for: each waits for the one before, so two quick restarts
  /// (a route saved, then an option changed) never race for the port.
  private let lastOperation = NIOLockedValueBox<Task<Void, Never>?>(nil)
  private let deliver: @Sendable (PlaygroundEvent) -> Void
  private let deliverBatch: @Sendable ([RuntimeEvent]) -> Void
  /// The event loops handlers run on: NIO's shared ones in the playground (so a blocking
  /// handler stalls a loop the builder's client uses too, as in Tornado's one IOLoop); tests
  /// give it loops of its own, so lesson 7's blocking handler cannot delay another test's timers.
  private let group: (any EventLoopGroup)?
  /// Called whenever the server closed every connection (a restart, before the new server is
  /// announced; `closeConnections`): the builder's client drops the connections it kept, so
  /// its next request opens a new one instead of meeting a closed one.
  private let connectionsClosed: @Sendable () async -> Void

  init(
    deliver: @escaping @Sendable (PlaygroundEvent) -> Void,
    deliverBatch: @escaping @Sendable ([RuntimeEvent]) -> Void, group: (any EventLoopGroup)? = nil,
    connectionsClosed: @escaping @Sendable () async -> Void = {}
  ) {
    self.deliver = deliver
    self.deliverBatch = deliverBatch
    self.group = group
    self.connectionsClosed = connectionsClosed
  }

  /// The application: the example's routes (the seed's `MainHandler` on `/`, and the echo
  /// app's `/echo`, `/greet/NAME`… when chosen) and the mock routes, grouped by pattern; a mock
  /// route on `/` replaces the seed's handler.
  static func makeApplication(app: ExampleApp = .hello, routes: [MockRoute], compress: Bool) -> Application {
    var specs = Examples.entry(app).makeApp(Settings()).handlers
    var patterns: [String] = []
    for route in routes where !patterns.contains(route.pattern) { patterns.append(route.pattern) }
    for pattern in patterns {
      let group = routes.filter { $0.pattern == pattern }
      if pattern == "/" {
        specs[0] = URLSpec(pattern, MockRouteHandler.self, kwargs: ["routes": group])
      } else {
        specs.append(URLSpec(pattern, MockRouteHandler.self, kwargs: ["routes": group]))
      }
    }
    return Application(specs, settings: Settings(compressResponse: compress, logFunction: { _ in }))
  }

  static func httpOptions(_ options: ServerOptions) -> HTTPServer.Options {
    var result = HTTPServer.Options()
    result.maxBufferSize = options.maxBufferSize
    result.maxBodySize = options.maxBodySize
    result.maxHeaderSize = options.maxHeaderSize
    result.idleConnectionTimeout = options.idleConnectionTimeout
    result.bodyTimeout = options.bodyTimeout
    result.noKeepAlive = options.noKeepAlive
    result.xheaders = options.xheaders
    return result
  }

  /// Runs `operation` after every start and stop asked for before it.
  func enqueue(_ operation: @escaping @Sendable () async -> Void) {
    lastOperation.withLockedValue { last in
      let previous = last
      last = Task {
        await previous?.value
        await operation()
      }
    }
  }

  /// Returns when every start and stop asked for so far has finished (a restart is over).
  func settled() async {
    let last = lastOperation.withLockedValue { $0 }
    await last?.value
  }

  /// Starts (or restarts) the server; reports `serverStarted` or `serverFailed`. With
  /// `anyFreeIfTaken`, a port found taken gives way to any free one.
  func start(_ launch: ServerLaunch) async {
    await start(
      host: launch.host, port: launch.port, anyFreeIfTaken: launch.anyFreeIfTaken, app: launch.app,
      routes: launch.routes, options: launch.options)
  }

  func start(
    host: String, port: Int, anyFreeIfTaken: Bool = false, app: ExampleApp = .hello, routes: [MockRoute],
    options: ServerOptions
  ) async {
    await stop(report: false)
    await connectionsClosed()
    let server = HTTPServer(
      Self.makeApplication(app: app, routes: routes, compress: options.compressResponse),
      options: Self.httpOptions(options), group: group)
    observe(server)
    do {
      var tookAnother = false
      do {
        try await server.listen(port, address: host)
      } catch let error as HTTPServerError where error.isAddressInUse && anyFreeIfTaken && port != 0 {
        try await server.listen(0, address: host)
        tookAnother = true
      }
      state.withLockedValue { $0 = server }
      let bound = server.ports.first ?? port
      deliver(.serverStarted(port: bound))
      if tookAnother {
        deliver(
          .reported(
            "Port \(port) was taken meanwhile, so the server took \(bound), another free port (you asked for any).",
            isError: false))
      }
    } catch let error as HTTPServerError {
      let suggestion = error.isAddressInUse ? Self.nextFreePort(after: port, host: host) : nil
      deliver(.serverFailed(message: error.message, suggestedPort: suggestion))
    } catch {
      deliver(.serverFailed(message: "\(error)", suggestedPort: nil))
    }
  }

  /// Tornado's `stop()`: the server takes no new connection; the open ones (kept alive by a
  /// client) stay and are served until `closeConnections`. The counters keep counting them.
  func stopListening() async {
    if let server = state.withLockedValue({ $0 }) {
      await server.stop()
      deliver(.connectionsOpen(server.stats.connectionsOpen))
    }
    deliver(.serverStopped)
  }

  /// Tornado's `close_all_connections()`: closes every open connection; a stopped server is
  /// then gone for good.
  func closeConnections() async {
    guard let server = state.withLockedValue({ $0 }) else {
      deliver(.reported("No connection is open: the server is stopped.", isError: false))
      return
    }
    let open = server.stats.connectionsOpen
    await server.closeAllConnections()
    await connectionsClosed()
    deliver(.connectionsOpen(server.stats.connectionsOpen))
    if server.ports.isEmpty { state.withLockedValue { $0 = nil } }
    deliver(
      .reported(
        "closeAllConnections(): \(open) connection\(open == 1 ? "" : "s") closed; a kept-alive client must connect again.",
        isError: false))
  }

  func stop(report: Bool = true) async {
    let server = state.withLockedValue { value in
      defer { value = nil }
      return value
    }
    if let server {
      await server.stop()
      await server.closeAllConnections()
    }
    if report { deliver(.serverStopped) }
  }

  /// This process's resident memory (`VmRSS` of /proc/self/status), in KB; 0 where there is none.
  static func residentKB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
    else { return 0 }
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
  }

  /// The counters of the running server.
  var counters: ServerCounters {
    guard let server = state.withLockedValue({ $0 }) else { return ServerCounters() }
    let stats = server.stats
    var counters = ServerCounters(
      connectionsOpen: stats.connectionsOpen, requests: stats.requests, bytesRead: stats.bytesRead,
      bytesWritten: stats.bytesWritten, statusClasses: stats.statusClasses, refused: stats.refused)
    counters.webSocketsOpen = stats.webSocketsOpen
    counters.webSocketsTotal = stats.webSocketsTotal
    counters.memoryKB = Self.residentKB()
    return counters
  }

  /// Forwards finished exchanges as they are (the log entry is built on the UI thread), in
  /// batches: each event loop thread collects its exchanges in a buffer of its own, without a
  /// lock, and hands them over once per loop tick, so a flood costs one handover per tick.
  private func observe(_ server: HTTPServer) {
    let deliverBatch = self.deliverBatch
    let pending = ThreadSpecificVariable<Batch>()
    // Only what the log and its timeline show: the server builds no other events (no bytes,
    // no heads); a closed connection is one small event.
    // A WebSocket's frames are filed under its 101 (only while one is open do they cost).
    server.events.observe([.exchangeCompleted, .requestRefused, .connectionClosed, .webSocketFrame, .webSocketClosed]) {
      event in
      let forwarded: RuntimeEvent
      switch event {
      case .exchangeCompleted(let exchange): forwarded = .served(exchange)
      case .requestRefused(let refusal): forwarded = .refused(refusal)
      case .connectionClosed(let id): forwarded = .event(.connectionClosed(id, at: Date()))
      case .webSocketFrame(let id, let record):
        let note = WebSocketFrameNote(
          at: Date(), outbound: record.outbound, opcode: record.frame.opcode, fin: record.frame.fin,
          deflated: record.frame.reserved & 0b100 != 0,
          payload: record.frame.payload, length: record.length)
        forwarded = .event(.serverWebSocket(.frame(connectionID: id, note)))
      case .webSocketClosed(let id, let code, let reason, let violation):
        let end = WebSocketEnd(code: code, reason: reason, problem: violation)
        forwarded = .event(.serverWebSocket(.closed(connectionID: id, end, at: Date())))
      case .connectionOpened, .bytesRead, .bytesWritten, .requestHead, .requestBody, .responseHead, .responseBody,
        .webSocketOpened:
        return  // not observed (the kinds above): the server does not build them
      }
      let batch: Batch
      if let existing = pending.currentValue {
        batch = existing
      } else {
        batch = Batch()
        pending.currentValue = batch
      }
      batch.events.append(forwarded)
      if batch.events.count == 1, let loop = MultiThreadedEventLoopGroup.currentEventLoop {
        loop.execute {
          let events = batch.events
          batch.events.removeAll(keepingCapacity: true)
          deliverBatch(events)
        }
      } else if batch.events.count == 1 {
        deliverBatch(batch.events)  // not on an event loop: no tick to wait for
        batch.events.removeAll()
      }
    }
  }

  /// One event loop thread's exchanges waiting for the end of its tick; only that thread touches it.
  private final class Batch: @unchecked Sendable {
    var events: [RuntimeEvent] = []
  }

  /// The first port after `port` nothing listens on, for the "port in use" suggestion.
  static func nextFreePort(after port: Int, host: String) -> Int? {
    for candidate in (port + 1)...min(port + 50, 65535) where PortProbe.isFree(candidate, host: host) {
      return candidate
    }
    return nil
  }
}
