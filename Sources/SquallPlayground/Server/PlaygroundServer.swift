import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import Squall
import SquallExamples

/// The live server the playground hosts: the seed's hello world plus the routes made in the
/// route editor, with the options of the server pane. Every exchange becomes a `LogEntry`.
final class PlaygroundServer: Sendable {
  private let state = NIOLockedValueBox<HTTPServer?>(nil)
  private let wire = NIOLockedValueBox<[UInt64: WireCapture]>([:])
  private let deliver: @Sendable (PlaygroundEvent) -> Void

  /// Bytes read and written on a connection since its last finished exchange (bounded).
  struct WireCapture {
    var read: [UInt8] = []
    var remote = ""
  }

  init(deliver: @escaping @Sendable (PlaygroundEvent) -> Void) { self.deliver = deliver }

  /// The application: the seed's `MainHandler` on `/` and the mock routes, grouped by pattern.
  static func makeApplication(routes: [MockRoute], compress: Bool) -> Application {
    var specs: [URLSpec] = [URLSpec(#"/"#, MainHandler.self)]
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
    return result
  }

  /// Starts (or restarts) the server; reports `serverStarted` or `serverFailed`.
  func start(host: String, port: Int, routes: [MockRoute], options: ServerOptions) async {
    await stop(report: false)
    let server = HTTPServer(
      Self.makeApplication(routes: routes, compress: options.compressResponse), options: Self.httpOptions(options))
    observe(server)
    do {
      try await server.listen(port, address: host)
      state.withLockedValue { $0 = server }
      deliver(.serverStarted(port: server.ports.first ?? port))
    } catch let error as HTTPServerError {
      let suggestion = error.isAddressInUse ? Self.nextFreePort(after: port, host: host) : nil
      deliver(.serverFailed(message: error.message, suggestedPort: suggestion))
    } catch {
      deliver(.serverFailed(message: "\(error)", suggestedPort: nil))
    }
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
    wire.withLockedValue { $0.removeAll() }
    if report { deliver(.serverStopped) }
  }

  /// The counters of the running server.
  var counters: ServerCounters {
    guard let server = state.withLockedValue({ $0 }) else { return ServerCounters() }
    let stats = server.stats
    return ServerCounters(
      connectionsOpen: stats.connectionsOpen, requests: stats.requests, bytesRead: stats.bytesRead,
      bytesWritten: stats.bytesWritten, statusClasses: stats.statusClasses)
  }

  private func observe(_ server: HTTPServer) {
    let wire = self.wire
    let deliver = self.deliver
    server.events.observe { event in
      switch event {
      case .connectionOpened(let id, let remote):
        wire.withLockedValue { $0[id] = WireCapture(remote: remote) }
      case .bytesRead(let id, let buffer):
        wire.withLockedValue { captures in
          let room = LogStore.previewLimit - (captures[id]?.read.count ?? 0)
          if room > 0 { captures[id, default: WireCapture()].read.append(contentsOf: buffer.readableBytesView.prefix(room)) }
        }
      case .connectionClosed(let id):
        wire.withLockedValue { _ = $0.removeValue(forKey: id) }
      case .exchangeCompleted(let exchange):
        let capture = wire.withLockedValue { captures -> WireCapture in
          defer { captures[exchange.connectionID]?.read = [] }
          return captures[exchange.connectionID] ?? WireCapture()
        }
        deliver(.served(Self.entry(exchange, raw: capture.read)))
      default:
        break
      }
    }
  }

  static func entry(_ exchange: HTTPExchange, raw: [UInt8]) -> LogEntry {
    let request = exchange.request
    let response = exchange.response
    return LogEntry(
      direction: .served, method: request.method.rawValue, target: request.uri, status: Int(response.status.code),
      reason: response.status.reasonPhrase, requestHeaders: request.headers.map { ($0.name, $0.value) },
      requestBody: Array(exchange.requestBody.readableBytesView.prefix(LogStore.previewLimit)),
      requestBodySize: exchange.requestBodySize, responseHeaders: response.headers.map { ($0.name, $0.value) },
      responseBody: Array(exchange.responseBody.readableBytesView.prefix(LogStore.previewLimit)),
      responseBodySize: exchange.responseBodySize, duration: exchange.duration,
      httpVersion: "HTTP/\(request.version.major).\(request.version.minor)", remote: exchange.remote, rawRequest: raw)
  }

  /// The first port after `port` nothing listens on, for the "port in use" suggestion.
  static func nextFreePort(after port: Int, host: String) -> Int? {
    for candidate in (port + 1)...min(port + 50, 65535) where PortProbe.isFree(candidate, host: host) {
      return candidate
    }
    return nil
  }
}
