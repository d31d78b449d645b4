import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOSSL
import SquallTransport

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

  private struct TransportKey: Hashable {
    var followRedirects: Bool
    var maxRedirects: Int
    var decompress: Bool
    var validateCert: Bool
    var connectTimeout: Int64
  }

  private let transports = NIOLockedValueBox<[TransportKey: HTTPClient]>([:])
  private let closed = NIOLockedValueBox(false)

  /// Creates a client; `defaults` are Tornado's (`requestTimeout: 20`, ...) unless changed.
  public init(defaults: HTTPClientDefaults = HTTPClientDefaults(), maxClients: Int = 10) {
    self.defaults = defaults
    self.maxClients = max(1, maxClients)
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

  private func perform(_ original: HTTPRequest) async -> HTTPResponse {
    let request = resolved(original)
    let start = ContinuousClock.now
    func elapsed() -> Double { (ContinuousClock.now - start).seconds }
    func failure(_ kind: HTTPClientError.Kind, _ message: String) -> HTTPResponse {
      let total = elapsed()
      var response = HTTPResponse(
        request: request, code: 599, reason: "Unknown", headers: [:], body: [], effectiveURL: request.url,
        requestTime: total, timeInfo: .init(firstByte: nil, total: total), error: nil)
      response.error = HTTPClientError(code: 599, kind: kind, message: message, response: nil)
      events.emit(.failed(url: request.url, method: request.method, error: response.error!, duration: total))
      return response
    }

    if let (kind, problem) = Self.validate(request) { return failure(kind, problem) }
    if closed.withLockedValue({ $0 }) { return failure(.other, "the client was closed") }

    var outgoing = HTTPClientRequest(url: request.url)
    outgoing.method = HTTPMethod(rawValue: request.method)
    outgoing.headers = request.headers
    if !outgoing.headers.contains(name: "User-Agent"), let agent = request.userAgent {
      outgoing.headers.add(name: "User-Agent", value: agent)
    }
    if let user = request.authUsername {
      let token = Data("\(user):\(request.authPassword ?? "")".utf8).base64EncodedString()
      outgoing.headers.replaceOrAdd(name: "Authorization", value: "Basic \(token)")
    }
    if let body = request.body {
      outgoing.body = .bytes(ByteBuffer(bytes: body))
    }
    events.emit(
      .requestSent(url: request.url, method: request.method, headers: outgoing.headers, body: request.body ?? []))

    let timeout = request.requestTimeout ?? defaults.requestTimeout
    do {
      let transport = self.transport(for: request)
      let answer = try await transport.execute(outgoing, timeout: .seconds(timeout))
      let firstByte = elapsed()
      let reason = answer.status.reasonPhrase
      if let headerCallback = request.headerCallback {
        headerCallback("HTTP/\(answer.version.major).\(answer.version.minor) \(answer.status.code) \(reason)\r\n")
        for (name, value) in answer.headers { headerCallback("\(name): \(value)\r\n") }
        headerCallback("\r\n")
      }
      events.emit(.responseHead(url: request.url, status: Int(answer.status.code), headers: answer.headers))
      var body: [UInt8] = []
      var size = 0
      for try await chunk in answer.body {
        size += chunk.readableBytes
        if let streamingCallback = request.streamingCallback {
          streamingCallback(Array(chunk.readableBytesView))
        } else {
          body.append(contentsOf: chunk.readableBytesView)
        }
      }
      let total = elapsed()
      let effectiveURL = answer.history.last?.request.url ?? request.url
      var response = HTTPResponse(
        request: request, code: Int(answer.status.code), reason: reason, headers: answer.headers,
        body: body, effectiveURL: effectiveURL, requestTime: total,
        timeInfo: .init(firstByte: firstByte, total: total), error: nil)
      if !(200..<300).contains(response.code) {
        response.error = HTTPClientError(
          code: response.code, kind: .http, message: reason.isEmpty ? "Unknown" : reason, response: response)
      }
      events.emit(
        .completed(
          ClientExchange(
            url: request.url, method: request.method, status: response.code, headers: answer.headers,
            body: Array(body.prefix(bodyPreviewLimit)), bodySize: size, duration: total)))
      return response
    } catch {
      let (kind, message) = Self.describe(TransportFailure(error), request: request, timeout: timeout)
      return failure(kind, message)
    }
  }

  private func resolved(_ request: HTTPRequest) -> HTTPRequest {
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

  static let standardMethods: Set<String> = ["GET", "HEAD", "POST", "DELETE", "PATCH", "PUT", "OPTIONS"]

  /// Tornado's checks before any I/O: a valid http(s) URL, a known method, and a body only
  /// where one belongs.
  static func validate(_ request: HTTPRequest) -> (HTTPClientError.Kind, String)? {
    guard let components = URLComponents(string: request.url), let scheme = components.scheme?.lowercased()
    else {
      return (
        .invalidURL, "invalid URL \(request.url.debugDescription): expected something like http://127.0.0.1:8888/"
      )
    }
    guard scheme == "http" || scheme == "https" else {
      return (
        .invalidURL,
        "unsupported URL scheme \(scheme.debugDescription) in \(request.url.debugDescription): use http:// or https://"
      )
    }
    guard let host = components.host, !host.isEmpty else {
      return (.invalidURL, "invalid URL \(request.url.debugDescription): it has no host")
    }
    for (name, value) in request.headers {
      if name.isEmpty || !name.utf8.allSatisfy(isTokenByte) {
        return (.invalidRequest, "invalid header name \(name.debugDescription)")
      }
      if value.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) {
        return (
          .invalidRequest,
          "invalid value for header \(name): control characters such as \(value.debugDescription) are not allowed"
        )
      }
    }
    if request.allowNonstandardMethods != true {
      guard standardMethods.contains(request.method) else {
        return (
          .invalidRequest, "unknown method \(request.method.debugDescription); set allowNonstandardMethods to send it"
        )
      }
      let needsBody = ["POST", "PATCH", "PUT"].contains(request.method)
      if needsBody && request.body == nil {
        return (.invalidRequest, "body must not be nil for \(request.method); pass an empty body to send none")
      }
      if !needsBody && !(request.body?.isEmpty ?? true) {
        return (.invalidRequest, "body must be nil for \(request.method)")
      }
    }
    return nil
  }

  private static func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      return true
    default: return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
    }
  }

  static func describe(_ failure: TransportFailure, request: HTTPRequest, timeout: Double)
    -> (HTTPClientError.Kind, String)
  {
    switch failure {
    case .connectTimeout:
      return (.connectTimeout, "Timeout while connecting (connectTimeout \(request.connectTimeout ?? 0)s)")
    case .requestTimeout:
      return (.requestTimeout, "Timeout during request (requestTimeout \(timeout)s)")
    case .connectionRefused:
      return (.connectionRefused, "Connection refused: nothing listens at \(request.url); is the server running?")
    case .dns: return (.dnsFailure, "DNS failure: the host of \(request.url) did not resolve")
    case .tls: return (.tlsFailure, "TLS failure talking to \(request.url)")
    case .connectionClosed: return (.connectionClosed, "Stream closed before the response was complete")
    case .connectionReset:
      return (.connectionClosed, "Connection reset by the server before the response was complete")
    case .tooManyRedirects: return (.tooManyRedirects, "Too many redirects (maxRedirects \(request.maxRedirects ?? 0))")
    case .invalidURL: return (.invalidURL, "invalid URL \(request.url.debugDescription)")
    case .cancelled: return (.other, "the request was cancelled")
    case .other(let text): return (.other, text)
    }
  }

  private func transport(for request: HTTPRequest) -> HTTPClient {
    let key = TransportKey(
      followRedirects: request.followRedirects ?? true, maxRedirects: request.maxRedirects ?? 5,
      decompress: request.decompressResponse ?? true, validateCert: request.validateCert ?? true,
      connectTimeout: Int64((request.connectTimeout ?? 20) * 1000))
    return transports.withLockedValue { cache in
      if let existing = cache[key] { return existing }
      var tls = TLSConfiguration.makeClientConfiguration()
      if !key.validateCert { tls.certificateVerification = .none }
      var configuration = HTTPClient.Configuration(
        tlsConfiguration: tls,
        redirectConfiguration: key.followRedirects
          ? .follow(max: key.maxRedirects, allowCycles: false) : .disallow,
        timeout: .init(connect: .milliseconds(key.connectTimeout), read: nil),
        decompression: key.decompress ? .enabled(limit: .ratio(100)) : .disabled)
      configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = maxClients
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
