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
  private let deliver: @Sendable (PlaygroundEvent) -> Void

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

  /// Forwards each finished exchange as it is: the log entry is built on the UI thread, so
  /// the server's event loops do no more than retain a few buffers.
  private func observe(_ server: HTTPServer) {
    let deliver = self.deliver
    server.events.observe { event in
      if case .exchangeCompleted(let exchange) = event { deliver(.servedExchange(exchange)) }
    }
  }

  static func entry(_ exchange: HTTPExchange) -> LogEntry {
    let request = exchange.request
    let response = exchange.response
    return LogEntry(
      time: exchange.startedAt, direction: .served, method: request.method.rawValue, target: request.uri, status: Int(response.status.code),
      reason: response.status.reasonPhrase, requestHeaders: request.headers.map { ($0.name, $0.value) },
      requestBody: Array(exchange.requestBody.readableBytesView.prefix(LogStore.previewLimit)),
      requestBodySize: exchange.requestBodySize, responseHeaders: response.headers.map { ($0.name, $0.value) },
      responseBody: Array(exchange.responseBody.readableBytesView.prefix(LogStore.previewLimit)),
      responseBodySize: exchange.responseBodySize, duration: exchange.duration,
      httpVersion: "HTTP/\(request.version.major).\(request.version.minor)", remote: exchange.remote,
      rawRequest: Array(exchange.rawRequest.readableBytesView.prefix(LogStore.previewLimit)))
  }

  /// The first port after `port` nothing listens on, for the "port in use" suggestion.
  static func nextFreePort(after port: Int, host: String) -> Int? {
    for candidate in (port + 1)...min(port + 50, 65535) where PortProbe.isFree(candidate, host: host) {
      return candidate
    }
    return nil
  }
}
