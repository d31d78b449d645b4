import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Squall
import SquallExamples
import SquallLessons
import SquallStorage

@testable import SquallPlayground
@testable import SquallPlaygroundCore

/// States and entries for screen tests, with fixed times so screens do not change.
enum Fixtures {
  /// Event loops of their own for the playground servers of the tests: lesson 7's blocking
  /// handler must not stall the shared loops that every other test's client timers run on.
  static let serverLoops = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)

  static let noon = Date(timeIntervalSince1970: 1_764_072_000)  // 2025-11-25 12:00:00 UTC

  static func state(width: Int = 80, height: Int = 24) -> PlaygroundState {
    var server = ServerPaneState(port: 8888, appRoutes: Examples.routeDescriptions)
    server.status = .running
    var state = PlaygroundState(
      size: Size(width: width, height: height), server: server,
      lessons: LessonsState(LessonLibrary.parse(lessonFiles, origin: "test")))
    state.timeZone = TimeZone(identifier: "UTC")!
    state.message = "Server listening on http://127.0.0.1:8888/"
    state.home = "/home/learner"
    state.currentDirectory = "/home/learner/work"
    return state
  }

  /// Two small lessons: one step each, a served check and a state check.
  static let lessonFiles = [
    (
      "01-hello.md",
      """
      # The hello-world server

      The seed starts with Tornado's smallest app, at {{base}}.

      > setup: app=hello

      ## Step 1 — Say hello
      A handler writes the body.
      > python: Tutorials/Python/hello_server.py#main-handler
      > swift: Tutorials/HelloServer/main.swift#main-handler
      > do: Send GET {{base}}/ from the builder.
      > check: served method=GET path=/ status=200 body~"Hello, world"
      > hint: F2, then Enter.
      > hint: The log shows ← for what the server got.

      ## Step 2 — Stop it
      > do: Press s in the Server pane.
      > check: server status=stopped
      > hint: F1, s.
      """
    ),
    (
      "02-client.md",
      "# The asynchronous HTTP client\n\n## Step 1 — Fetch\n> do: send\n> check: sent status=200\n> hint: Enter\n"
    ),
  ]

  static func served(
    _ method: String, _ target: String, status: Int, reason: String, second: Double, body: String = "Hello, world"
  ) -> LogEntry {
    LogEntry(
      time: noon.addingTimeInterval(second), direction: .served, method: method, target: target, status: status,
      reason: reason,
      requestHeaders: [("Host", "127.0.0.1:8888"), ("User-Agent", "curl/7.88.1"), ("Accept", "*/*")],
      responseHeaders: [
        ("Server", "SquallServer/0.1.0"), ("Content-Type", "text/html; charset=UTF-8"),
        ("Content-Length", String(body.utf8.count)),
      ],
      responseBody: Array(body.utf8), responseBodySize: body.utf8.count, duration: 0.00042, remote: "127.0.0.1",
      rawRequest: Array(
        "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:8888\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n".utf8))
  }

  static func busyLog(_ state: inout PlaygroundState) {
    state.log.store.append(served("GET", "/", status: 200, reason: "OK", second: 1))
    state.log.store.append(served("HEAD", "/", status: 405, reason: "Method Not Allowed", second: 2, body: ""))
    state.log.store.append(
      served(
        "GET", "/missing?q=caf%C3%A9", status: 404, reason: "Not Found", second: 3,
        body: "<html><title>404: Not Found</title></html>"))
    var fetched = served("GET", "http://127.0.0.1:8888/", status: 200, reason: "OK", second: 4)
    fetched.direction = .fetched
    fetched.rawRequest = []
    state.log.store.append(fetched)
    var failed = fetched
    failed.target = "http://127.0.0.1:9999/"
    failed.status = 599
    failed.error = "Connection refused: nothing listens at http://127.0.0.1:9999/; is the server running?"
    failed.time = noon.addingTimeInterval(5)
    state.log.store.append(failed)
    state.server.counters = ServerCounters(
      connectionsOpen: 1, requests: 3, bytesRead: 250, bytesWritten: 700, statusClasses: [0, 1, 0, 2, 0])
  }

  /// An exchange as the server publishes it, as the runtime hands it to the core.
  static func exchange(_ target: String) -> ServedExchange {
    var headers = HTTPHeaders()
    headers.add(name: "Host", value: "127.0.0.1:8888")
    let raw = "POST \(target) HTTP/1.1\r\nHost: 127.0.0.1:8888\r\nContent-Length: 3\r\n\r\na=1"
    return ServedExchange(
      HTTPExchange(
        connectionID: 1, remote: "127.0.0.1",
        request: HTTPRequestHead(version: .http1_1, method: .POST, uri: target, headers: headers),
        requestBody: ByteBuffer(string: "a=1"), requestBodySize: 3,
        response: HTTPResponseHead(version: .http1_1, status: .created), responseBody: ByteBuffer(string: "created"),
        responseBodySize: 7, duration: 0.001, rawRequest: ByteBuffer(string: raw), startedAt: noon))
  }

  /// The seed's GET / as the server publishes it.
  static func helloExchange() -> ServedExchange {
    var headers = HTTPHeaders()
    headers.add(name: "Host", value: "127.0.0.1:8888")
    var responseHeaders = HTTPHeaders()
    responseHeaders.add(name: "Content-Type", value: "text/html; charset=UTF-8")
    return ServedExchange(
      HTTPExchange(
        connectionID: 3, remote: "127.0.0.1",
        request: HTTPRequestHead(version: .http1_1, method: .GET, uri: "/", headers: headers),
        requestBody: ByteBuffer(), requestBodySize: 0,
        response: HTTPResponseHead(version: .http1_1, status: .ok, headers: responseHeaders),
        responseBody: ByteBuffer(string: "Hello, world"), responseBodySize: 12, duration: 0.0005,
        rawRequest: ByteBuffer(string: "GET / HTTP/1.1\r\nHost: 127.0.0.1:8888\r\n\r\n"), startedAt: noon))
  }

  /// A body over maxBufferSize, refused by the server as Tornado does (400 and close).
  static func refusal() -> RefusedRequest {
    var headers = HTTPHeaders()
    headers.add(name: "Host", value: "127.0.0.1:8888")
    headers.add(name: "Content-Type", value: "application/json")
    let raw = "POST /upload HTTP/1.1\r\nHost: 127.0.0.1:8888\r\nContent-Type: application/json\r\n\r\n[1,2,3"
    return RefusedRequest(
      HTTPRefusal(
        connectionID: 2, remote: "127.0.0.1", cause: .bodyTooLong, status: 400,
        message: "body larger than maxBufferSize (1024 bytes)",
        request: HTTPRequestHead(version: .http1_1, method: .POST, uri: "/upload", headers: headers),
        bodyBytesReceived: 2048, rawRequest: ByteBuffer(string: raw), startedAt: noon.addingTimeInterval(6),
        duration: 0.0031))
  }

  /// Bytes a hostile client might send: escape sequences, NUL, invalid UTF-8, bidi overrides.
  static let hostile: [UInt8] =
    Array("\u{1B}[2J\u{1B}[31mred\u{1B}]0;pwned\u{07}".utf8) + [0x00, 0xFF, 0xFE, 0x0D]
    + Array("tab\there\u{202E}evil".utf8)
}
