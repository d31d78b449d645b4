import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Squall

/// How `Application.test` runs the application.
public enum TestMode: Sendable, Equatable {
  /// No socket: each fetch calls the application as the server would, and returns what its
  /// handler wrote (status, headers, body). Fast; the server's framing (`Content-Length`,
  /// chunks, `Connection`) and compression are not applied.
  case inProcess
  /// A real `HTTPServer` on 127.0.0.1, port 0, with these options, fetched with Squall's
  /// `AsyncHTTPClient`: what Tornado's `AsyncHTTPTestCase` does. Every byte as on the wire.
  case live(HTTPServer.Options = HTTPServer.Options())
}

/// The client a test gets: `fetch(path)` as Tornado's `AsyncHTTPTestCase.fetch`, which never
/// throws for a status (`response.code`, `response.error`), and the log lines so far.
public struct TestClient: Sendable {
  /// Where requests go: `http://127.0.0.1:PORT` live, `http://127.0.0.1` in process.
  public let baseURL: String
  /// The live server's port; nil in process.
  public let port: Int?
  let application: Application
  let client: AsyncHTTPClient?
  let store: LogStore

  /// The application's log lines so far (access lines and application errors), captured
  /// instead of printed.
  public var logs: [LogRecord] { store.all }

  /// Fetches `path` (`/items?limit=5`) from the application under test. Live, redirects are
  /// followed unless `followRedirects: false` (Tornado's `follow_redirects`); in process the
  /// 3xx itself is always returned.
  public func fetch(
    _ path: String, method: String = "GET", headers: HTTPHeaders = [:], body: [UInt8]? = nil,
    followRedirects: Bool? = nil
  ) async throws -> HTTPResponse {
    let url = baseURL + (path.hasPrefix("/") ? path : "/" + path)
    let request = HTTPRequest(
      url, method: method, headers: headers, body: body, followRedirects: followRedirects,
      allowNonstandardMethods: true)
    guard client == nil else { return await client!.perform(request) }
    return await inProcess(request, path: path.hasPrefix("/") ? path : "/" + path)
  }

  /// Fetches with a text body (a form: give `Content-Type: application/x-www-form-urlencoded`).
  public func fetch(
    _ path: String, method: String = "POST", headers: HTTPHeaders = [:], body: String, followRedirects: Bool? = nil
  ) async throws -> HTTPResponse {
    try await fetch(path, method: method, headers: headers, body: Array(body.utf8), followRedirects: followRedirects)
  }

  /// Fetches with a JSON body (`Content-Type: application/json`): `fetch("/items", json: ["name": "Ada"])`.
  public func fetch(
    _ path: String, method: String = "POST", headers: HTTPHeaders = [:], json: JSONValue
  ) async throws -> HTTPResponse {
    var headers = headers
    if !headers.contains(name: "Content-Type") { headers.add(name: "Content-Type", value: "application/json") }
    return try await fetch(path, method: method, headers: headers, body: json.tornadoBytes)
  }

  private func inProcess(_ request: HTTPRequest, path: String) async -> HTTPResponse {
    var headers = request.headers
    if !headers.contains(name: "Host") { headers.add(name: "Host", value: "127.0.0.1") }
    if let body = request.body, !headers.contains(name: "Content-Length") {
      headers.add(name: "Content-Length", value: String(body.count))
    }
    let start = ContinuousClock.now
    let served = HTTPServerRequest(method: request.method, uri: path, headers: headers, body: request.body ?? [])
    let writer = InProcessWriter()
    await application.respond(to: served, writer: writer)
    let written = writer.result
    let elapsed = start.duration(to: .now)
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    guard let head = written.head, !written.aborted else {
      var failed = HTTPResponse(
        request: request, code: 599, reason: "Stream closed", headers: [:], body: [], requestTime: seconds)
      failed.error = HTTPClientError(code: 599, kind: .connectionClosed, message: "Stream closed")
      return failed
    }
    let code = Int(head.status.code)
    let bodiless = request.method == "HEAD" || code == 204 || code == 304 || (100..<200).contains(code)
    return HTTPResponse(
      request: request, code: code, reason: head.status.reasonPhrase, headers: head.headers,
      body: bodiless ? [] : written.body, requestTime: seconds)
  }
}

extension Application {
  /// Runs `body` with a client of this application, as Tornado's `AsyncHTTPTestCase`:
  /// in process (the default) or on a live server (`.live()`), which is shut down after.
  /// The application's log lines are captured (`client.logs`), not printed.
  ///
  /// ```swift
  /// try await makeApp().test { client in
  ///   let response = try await client.fetch("/")
  ///   #expect(response.code == 200 && response.text == "Hello, world")
  /// }
  /// ```
  public func test<Result: Sendable>(
    _ mode: TestMode = .inProcess, _ body: (TestClient) async throws -> Result
  ) async throws -> Result {
    let store = LogStore()
    var settings = self.settings
    settings.logger = store.logger()
    let application = with(settings: settings)
    switch mode {
    case .inProcess:
      return try await body(
        TestClient(baseURL: "http://127.0.0.1", port: nil, application: application, client: nil, store: store))
    case .live(let options):
      var options = options
      if settings.compressResponse { options.compressResponse = true }
      let server = HTTPServer(application, options: options)
      try await server.listen(0)
      let port = server.ports.first ?? 0
      let client = AsyncHTTPClient()
      let tester = TestClient(
        baseURL: "http://127.0.0.1:\(port)", port: port, application: application, client: client, store: store)
      do {
        let result = try await body(tester)
        await client.close()
        await server.shutdown(gracePeriod: 5)
        return result
      } catch {
        await client.close()
        await server.shutdown(gracePeriod: 5)
        throw error
      }
    }
  }
}
