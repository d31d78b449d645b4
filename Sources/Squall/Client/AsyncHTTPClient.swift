import AsyncHTTPClient
import ClientErrorClassification
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOSSL
import SquallValues

/// A non-blocking HTTP client, as Tornado's `tornado.httpclient.AsyncHTTPClient`, built on
/// swift-server's async-http-client (connection pooling, redirects, TLS, decompression).
///
/// ```swift
/// let client = AsyncHTTPClient(defaults: HTTPClientDefaults(requestTimeout: 20))
/// client.fetch("http://127.0.0.1:8888/") { response in print(response.text) }
/// let response = try await client.fetch("http://127.0.0.1:8888/")
/// ```
///
/// Safe to share between tasks. `close()` it when done, or use `AsyncHTTPClient.shared`.
public final class AsyncHTTPClient: Sendable {
  /// The process-wide client Tornado gives you with `AsyncHTTPClient()`.
  public static let shared = AsyncHTTPClient()

  /// Options applied to every request unless it overrides them.
  public let defaults: HTTPClientDefaults
  /// Connections kept per host at most (Tornado's `max_clients`).
  public let maxClients: Int
  /// Every fetch, for observers such as the playground's log pane.
  public let events = EventHub<ClientEvent>()

  /// Redirects are followed by `perform`, not by async-http-client: transports differ only in these.
  private struct TransportKey: Hashable {
    var decompress: Bool
    var validateCert: Bool
    var connectTimeout: Int64
    /// The request timeout again, as async-http-client's read timeout: it is enforced on the
    /// connection's event loop, where the async API's deadline is a task on Swift's pool, which
    /// a program can keep busy past the deadline (seen in the test suite: a 0.3 s timeout fired
    /// after the 1 s answer). Milliseconds.
    var readTimeout: Int64
  }

  private let transports = NIOLockedValueBox<[TransportKey: HTTPClient]>([:])
  private let closed = NIOLockedValueBox(false)
  /// Cuts off bodies still arriving at their fetch's deadline.
  let deadlines = DeadlineWatch(loop: IOLoop.current().group.next())

  /// Seconds a kept connection may sit idle before the client closes it (Squall's addition:
  /// Tornado's client keeps none).
  public let keepAliveIdle: Double

  /// Creates a client; `defaults` are Tornado's (`requestTimeout: 20`, ...) unless changed.
  /// `keepAliveIdle` (60 s by default, async-http-client's) bounds how long an unused
  /// connection is kept for the next fetch.
  public init(defaults: HTTPClientDefaults = HTTPClientDefaults(), maxClients: Int = 10, keepAliveIdle: Double = 60) {
    self.defaults = defaults
    self.maxClients = max(1, maxClients)
    self.keepAliveIdle = keepAliveIdle
  }

  /// Fetches `url` and calls `callback` with the response; errors arrive as `response.error`
  /// (code 599 when there was no response), as Tornado's callback form does.
  public func fetch(_ url: String, _ callback: @escaping @Sendable (HTTPResponse) -> Void) {
    fetch(HTTPRequest(url), callback)
  }

  /// Fetches `request` and calls `callback` with the response.
  public func fetch(_ request: HTTPRequest, _ callback: @escaping @Sendable (HTTPResponse) -> Void) {
    Task { callback(await self.perform(request)) }
  }

  /// Fetches `url`; throws `HTTPClientError` for non-2xx answers (unless `raiseError` is
  /// false) and for failures.
  public func fetch(_ url: String, raiseError: Bool = true) async throws -> HTTPResponse {
    try await fetch(HTTPRequest(url), raiseError: raiseError)
  }

  /// Fetches `request`; throws as `fetch(_:raiseError:)` does.
  public func fetch(_ request: HTTPRequest, raiseError: Bool = true) async throws -> HTTPResponse {
    let response = await perform(request)
    if let error = response.error, raiseError || error.kind != .http { throw error }
    return response
  }

  /// Shuts the connections down; later fetches fail.
  public func close() async {
    closed.withLockedValue { $0 = true }
    let all = transports.withLockedValue { value in
      defer { value = [:] }
      return Array(value.values)
    }
    for client in all { try? await client.shutdown() }
  }

  // MARK: Performing a fetch

  /// Fetches `request` and returns the response whatever happened (failures as a 599 with
  /// `error` set), as the callback form hands it over. Cancelling the calling task cancels the
  /// fetch (`error.kind` is then `.cancelled`).
  ///
  /// Redirects are followed here, as Tornado's `simple_httpclient` follows them: each hop is a
  /// new fetch with its own `requestTimeout` and one redirect less to go; past `maxRedirects`
  /// the last 3xx response is the answer (an `HTTPClientError` with its code when raised), not
  /// a 599. `response.request` is the request given (defaults applied) and `effectiveURL` the
  /// last one fetched.
  public func perform(_ original: HTTPRequest) async -> HTTPResponse {
    let first = resolved(original)
    let start = ContinuousClock.now
    var request = first
    var visited: Set<String> = [first.url]
    while true {
      var response = await performOnce(request, start: start)
      switch Self.redirect(after: response, of: request) {
      case .follow(let next):
        first.redirectCallback?(response)
        visited.insert(next.url)
        request = next
        continue
      case .unsupported(let message):
        response.code = 599
        response.reason = "Unknown"
        response.error = HTTPClientError(code: 599, kind: .invalidURL, message: message, response: nil)
      case .limitReached(let location):
        let loop = visited.contains(location) ? "a redirect loop: it leads back to a URL already fetched; " : ""
        response.error?.message +=
          " (\(loop)not followed: maxRedirects \(first.maxRedirects ?? 0) reached; raise it to follow further)"
      case .stop: break
      }
      response.request = first
      if var error = response.error, error.kind == .http {
        error.response = response
        response.error = error
      }
      return response
    }
  }

  /// One request on the wire: its response (with an HTTP error for a non-2xx status), or a 599.
  private func performOnce(_ request: HTTPRequest, start: ContinuousClock.Instant) async -> HTTPResponse {
    func elapsed() -> Double { (ContinuousClock.now - start).seconds }
    func failure(_ kind: HTTPClientError.Kind, _ message: String) -> HTTPResponse {
      let total = elapsed()
      var response = HTTPResponse(
        request: request, code: 599, reason: "Unknown", headers: [:], body: [], effectiveURL: request.url,
        requestTime: total, timeInfo: .init(requestSent: nil, firstByte: nil, total: total), error: nil)
      response.error = HTTPClientError(code: 599, kind: kind, message: message, response: nil)
      events.emit(.failed(url: request.url, method: request.method, error: response.error!, duration: total))
      return response
    }

    if let (kind, problem) = Self.validate(request) { return failure(kind, problem) }
    if closed.withLockedValue({ $0 }) { return failure(.other, "the client was closed") }

    let headers = outgoingHeaders(request)
    let timeout = request.requestTimeout ?? defaults.requestTimeout
    let limit = request.maxBodySize ?? defaults.maxBodySize
    // The deadline bounds the whole fetch, body included (Tornado's request_timeout).
    let deadline = NIODeadline.now() + .saturating(seconds: timeout)
    let outgoing = Outgoing(method: HTTPMethod(rawValue: request.method), headers: headers, deadline: deadline)
    events.emit(.requestSent(url: request.url, method: request.method, headers: headers, body: request.body ?? []))
    var collected = await receive(request, outgoing, on: transport(for: request))
    if collected.head == nil, collected.sentHead == nil, let thrown = collected.thrown,
      Self.mayRetry(request.method, after: TransportFailure(thrown))
    {
      // A transport asked for again: `resetConnections()` may have replaced the one shut down.
      collected = await receive(request, outgoing, on: transport(for: request))
    }
    let thrown = collected.thrown
    let total = elapsed()
    guard var head = collected.head, thrown == nil || head.status.code >= 400 else {
      var (kind, message) = Self.describe(thrown!, request: request, timeout: timeout, limit: limit)
      if collected.head != nil, kind == .requestTimeout {
        message += " (the body was still arriving: \(collected.size) bytes so far)"
      }
      if kind == .connectionClosed, TransportFailure(thrown!) == .connectionClosed {
        message = Self.streamClosed(head: collected.head, received: collected.size)
      }
      var response = failure(kind, message)
      response.sentHead = collected.sentHead
      return response
    }
    // A server that refuses an upload answers and closes before reading it all (Tornado's
    // 400 for a body over max_buffer_size): its answer is the outcome, not the reset.
    let reason = head.status.reasonPhrase
    if request.decompressResponse ?? defaults.decompressResponse {
      head.headers = Self.consumedEncoding(head.headers)
    }
    events.emit(.responseHead(url: request.url, status: Int(head.status.code), headers: head.headers))
    let firstByte = collected.firstByte.map { ($0 - start).seconds }
    var response = HTTPResponse(
      request: request, code: Int(head.status.code), reason: reason, headers: head.headers,
      body: collected.body, effectiveURL: request.url, requestTime: total,
      timeInfo: .init(requestSent: collected.sentAt.map { ($0 - start).seconds }, firstByte: firstByte, total: total),
      error: nil)
    response.sentHead = collected.sentHead
    if !(200..<300).contains(response.code) {
      var message = reason.isEmpty ? "Unknown" : reason
      if thrown != nil { message += " (the server closed the connection before reading the whole request)" }
      response.error = HTTPClientError(code: response.code, kind: .http, message: message, response: response)
    }
    events.emit(
      .completed(
        ClientExchange(
          url: request.url, method: request.method, status: response.code, headers: head.headers,
          body: Array(collected.body.prefix(bodyPreviewLimit)), bodySize: collected.size, duration: total)))
    return response
  }

  /// Tornado's client (`_GzipMessageDelegate`): a body it inflated no longer has the encoding
  /// its `Content-Encoding` names, so the header becomes `X-Consumed-Content-Encoding`, added at
  /// the end. Only the encodings the client inflates (gzip, and deflate, which
  /// async-http-client inflates too). Pure.
  static func consumedEncoding(_ headers: HTTPHeaders) -> HTTPHeaders {
    guard let encoding = headers.first(name: "Content-Encoding"),
      ["gzip", "x-gzip", "deflate"].contains(encoding.lowercased().trimmingCharacters(in: .whitespaces))
    else { return headers }
    var result = headers
    result.remove(name: "Content-Encoding")
    result.add(name: "X-Consumed-Content-Encoding", value: encoding)
    return result
  }

  func resolved(_ request: HTTPRequest) -> HTTPRequest {
    var request = request
    request.connectTimeout = request.connectTimeout ?? defaults.connectTimeout
    request.requestTimeout = request.requestTimeout ?? defaults.requestTimeout
    request.followRedirects = request.followRedirects ?? defaults.followRedirects
    request.maxRedirects = request.maxRedirects ?? defaults.maxRedirects
    request.userAgent = request.userAgent ?? defaults.userAgent
    request.decompressResponse = request.decompressResponse ?? defaults.decompressResponse
    request.allowNonstandardMethods = request.allowNonstandardMethods ?? defaults.allowNonstandardMethods
    request.validateCert = request.validateCert ?? defaults.validateCert
    return request
  }

  static let standardMethods = Set(StandardMethod.names)

  /// Tornado's checks before any I/O: a valid http(s) URL, a known method, and a body only
  /// where one belongs.
  static func validate(_ request: HTTPRequest) -> (HTTPClientError.Kind, String)? {
    if !PlainHTTPURL.matches(request.url), let problem = urlProblem(request.url) { return problem }
    for (name, value) in request.headers {
      if let problem = HeaderField.problem(name: name, value: value) { return (.invalidRequest, problem) }
    }
    if request.allowNonstandardMethods != true {
      guard standardMethods.contains(request.method) else {
        return (
          .invalidRequest, "unknown method \(request.method.debugDescription); set allowNonstandardMethods to send it"
        )
      }
      let needsBody = StandardMethod(rawValue: request.method)?.expectsBody ?? false
      if needsBody && request.body == nil {
        return (.invalidRequest, "body must not be nil for \(request.method); pass an empty body to send none")
      }
      if !needsBody && !(request.body?.isEmpty ?? true) {
        return (.invalidRequest, "body must be nil for \(request.method)")
      }
    }
    return nil
  }

  /// What is wrong with `url` (see `URLCheck`), as the client reports it, or nil.
  static func urlProblem(_ url: String) -> (HTTPClientError.Kind, String)? {
    URLCheck.slowProblem(url).map { (.invalidURL, "invalid URL \(url.debugDescription): \($0)") }
  }

  /// Tornado's "Stream closed", with how far the response had come.
  static func streamClosed(head: HTTPResponseHead?, received: Int) -> String {
    guard let head else { return "Stream closed: the server closed the connection without sending a response" }
    if let declared = head.headers.first(name: "Content-Length").flatMap(Int.init) {
      return "Stream closed: the server closed the connection after \(received) of \(declared) body bytes"
    }
    if head.headers[canonicalForm: "Transfer-Encoding"].contains(where: { $0.lowercased() == "chunked" }) {
      return
        "Stream closed: the server closed the connection in the middle of the chunked body, after \(received) bytes"
    }
    return "Stream closed: the server closed the connection before the response was complete"
  }

  /// The read timeout, in milliseconds, for a request timeout: the smallest of a few fixed
  /// values not below it, so that a program computing timeouts makes no more than a handful of
  /// transports (each a pool of its own). The request's own deadline stays the exact bound; the
  /// read timeout is the guard that does not need Swift's pool.
  static func readTimeoutBucket(_ seconds: Double) -> Int64 {
    let buckets: [Double] = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 900, 3600, 86_400]
    let chosen = buckets.first { $0 >= seconds } ?? buckets[buckets.count - 1]
    return Int64(chosen * 1000)
  }

  /// Whether a fetch that failed before any response may go out once more: only when nothing
  /// was written (`I/O on closed channel`: the kept connection it was given had closed), so
  /// no method runs twice. Tornado opens a connection per fetch and never meets this; a caller
  /// that knows the server restarted calls `resetConnections()` instead.
  static func mayRetry(_ method: String, after failure: TransportFailure) -> Bool {
    failure == .staleConnection
  }

  /// Closes every kept connection (fetches in flight on them fail); the next fetches open new
  /// ones. For a caller that knows the server went away: the playground calls it when it
  /// restarts its server, so a request sent just after is not given a dead connection
  /// ("Stream closed").
  public func resetConnections() async {
    let old = transports.withLockedValue { value in
      defer { value = [:] }
      return Array(value.values)
    }
    for client in old { try? await client.shutdown() }
  }

  /// One attempt on the wire, through the API the request needs.
  private func receive(_ request: HTTPRequest, _ outgoing: Outgoing, on client: HTTPClient) async -> FetchProgress {
    let limit = request.maxBodySize ?? defaults.maxBodySize
    return request.recordSentHead || request.sentHeadCallback != nil
      ? await receiveWithSentHead(request, outgoing, on: client, limit: limit)
      : await receive(request, outgoing, on: client, limit: limit)
  }

  private func transport(for request: HTTPRequest) -> HTTPClient {
    let key = TransportKey(
      decompress: request.decompressResponse ?? true, validateCert: request.validateCert ?? true,
      connectTimeout: TimeAmount.saturating(seconds: request.connectTimeout ?? 20).nanoseconds / 1_000_000,
      readTimeout: Self.readTimeoutBucket(request.requestTimeout ?? defaults.requestTimeout))
    return transports.withLockedValue { cache in
      if let existing = cache[key] { return existing }
      var tls = TLSConfiguration.makeClientConfiguration()
      if !key.validateCert { tls.certificateVerification = .none }
      var configuration = HTTPClient.Configuration(
        tlsConfiguration: tls,
        redirectConfiguration: .disallow,
        timeout: .init(connect: .milliseconds(key.connectTimeout), read: .milliseconds(key.readTimeout)),
        decompression: key.decompress ? .enabled(limit: .ratio(100)) : .disabled)
      configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = maxClients
      configuration.connectionPool.idleTimeout = .saturating(seconds: keepAliveIdle)
      configuration.httpVersion = .http1Only
      // Tornado reports a refused connection at once instead of retrying until the timeout.
      configuration.connectionPool.retryConnectionEstablishment = false
      let client = HTTPClient(eventLoopGroupProvider: .shared(IOLoop.current().group), configuration: configuration)
      cache[key] = client
      return client
    }
  }

  deinit {
    let remaining = transports.withLockedValue { Array($0.values) }
    for client in remaining { client.shutdown { _ in } }
  }
}

/// What the client did, for observers.
public enum ClientEvent: Sendable {
  /// A request is about to go out.
  case requestSent(url: String, method: String, headers: HTTPHeaders, body: [UInt8])
  /// The response head arrived.
  case responseHead(url: String, status: Int, headers: HTTPHeaders)
  /// The whole response arrived.
  case completed(ClientExchange)
  /// No response: timeout, refused connection, invalid URL...
  case failed(url: String, method: String, error: HTTPClientError, duration: Double)
}

/// One completed fetch.
public struct ClientExchange: Sendable {
  /// The URL fetched.
  public var url: String
  /// The method.
  public var method: String
  /// The status code.
  public var status: Int
  /// The response headers.
  public var headers: HTTPHeaders
  /// The first bytes of the body.
  public var body: [UInt8]
  /// The full body size.
  public var bodySize: Int
  /// Seconds from start to the end of the body.
  public var duration: Double
}
