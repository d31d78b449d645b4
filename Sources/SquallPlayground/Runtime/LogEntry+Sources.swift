import Foundation
import NIOCore
import NIOHTTP1
import Squall
import SquallPlaygroundCore
import SquallTransport

/// The core's values from what the server and the client published: the one place the
/// library's NIO-backed types become the playground's. Pure: no I/O.
extension ServedExchange {
  /// An exchange the hosted server finished.
  init(_ exchange: HTTPExchange) {
    self.init(entry: LogEntry(exchange), connectionID: exchange.connectionID, timing: exchange.timing)
  }
}

extension RefusedRequest {
  /// A request the hosted server refused by itself.
  init(_ refusal: HTTPRefusal) {
    self.init(
      entry: LogEntry(refusal), cause: refusal.cause.rawValue, status: refusal.status,
      method: refusal.request?.method.rawValue ?? "",
      path: refusal.request.map { String($0.uri.prefix { $0 != "?" }) } ?? "")
  }
}

extension LogEntry {
  /// An exchange the hosted server finished (`←`). Its headers, bodies and raw bytes are
  /// made when first read (`ServedDetails`), unless its buffers hold more than the log keeps.
  package init(_ exchange: HTTPExchange) {
    let request = exchange.request
    let response = exchange.response
    self.init(
      time: exchange.startedAt, direction: .served, method: request.method.rawValue, target: request.uri,
      status: Int(response.status.code), reason: response.status.reasonPhrase,
      requestBodySize: exchange.requestBodySize, responseBodySize: exchange.responseBodySize,
      duration: exchange.duration, httpVersion: Self.versionWords(request.version), remote: exchange.remote)
    let source = ServedDetails(exchange: exchange)
    content = source.isSmall ? .deferred(source) : .made(source.makeDetails())
    rawResponseSize = exchange.rawResponseSize
    detached = exchange.detached
    connectionID = exchange.connectionID
  }

  /// `HTTP/1.1`: the common versions without formatting.
  static func versionWords(_ version: HTTPVersion) -> String {
    switch (version.major, version.minor) {
    case (1, 1): "HTTP/1.1"
    case (1, 0): "HTTP/1.0"
    default: "HTTP/\(version.major).\(version.minor)"
    }
  }

  /// A request the hosted server refused by itself (`←`, status 400, or 0 for a close without
  /// an answer): what arrived so far and why.
  package init(_ refusal: HTTPRefusal) {
    let head = refusal.request
    let raw = Self.preview(refusal.rawRequest)
    let words = Self.requestLineWords(raw)
    self.init(
      time: refusal.startedAt, direction: .served, method: head?.method.rawValue ?? words.method,
      target: head?.uri ?? words.target, status: refusal.status ?? 0,
      reason: refusal.status == 400 ? "Bad Request" : "closed",
      requestHeaders: head?.headers.map { ($0.name, $0.value) } ?? [], requestBodySize: refusal.bodyBytesReceived,
      responseHeaders: [], duration: refusal.duration,
      httpVersion: head.map { Self.versionWords($0.version) } ?? "HTTP/1.1", remote: refusal.remote,
      rawRequest: raw)
    self.refusal = refusal.message
  }

  /// A fetch of the request builder (`→`): the head as the client put it on the wire, when it
  /// got that far.
  package init(_ response: HTTPResponse, finishedAt: Date) {
    let request = response.request
    let sent = response.sentHead
    self.init(
      time: finishedAt.addingTimeInterval(-response.requestTime), direction: .fetched,
      method: sent?.method ?? request.method, target: request.url, status: response.code, reason: response.reason,
      requestHeaders: sent?.headers.map { ($0.name, $0.value) } ?? request.headers.map { ($0.name, $0.value) },
      requestBody: Array((request.body ?? []).prefix(LogStore.previewLimit)), requestBodySize: request.body?.count ?? 0,
      responseHeaders: response.headers.map { ($0.name, $0.value) },
      responseBody: Array(response.body.prefix(LogStore.previewLimit)), responseBodySize: response.body.count,
      duration: response.requestTime)
    requestTarget = sent?.target
    if let error = response.error, error.kind != .http {
      self.error = error.message
      failure = FetchFailure(error.kind)
    }
  }

  static func preview(_ buffer: ByteBuffer) -> [UInt8] {
    Array(buffer.readableBytesView.prefix(LogStore.previewLimit))
  }

  /// The method and target of a request line the parser refused, as far as they go: "?" when
  /// nothing arrived.
  static func requestLineWords(_ raw: [UInt8]) -> (method: String, target: String) {
    let line = raw.prefix { $0 != 0x0A && $0 != 0x0D }.prefix(512)
    let words = line.split(separator: 0x20, maxSplits: 2, omittingEmptySubsequences: true)
    let method = words.first.map { String(decoding: $0.prefix(16), as: UTF8.self) } ?? "?"
    let target = words.count > 1 ? String(decoding: words[1], as: UTF8.self) : ""
    return (method, target)
  }
}

extension FetchFailure {
  /// The word for a client failure kind (`HTTPClientError.Kind.word`). Pure.
  init(_ kind: HTTPClientError.Kind) {
    self = FetchFailure(rawValue: kind.word) ?? .other
  }
}

/// A served exchange's details, made from the library's value when read: the log keeps the
/// exchange as it came (its heads and small buffers shared, nothing copied) until then.
struct ServedDetails: LogDetailsSource {
  let exchange: HTTPExchange

  /// Whether keeping the exchange as it is stays within the log's bound: every buffer's storage
  /// at most the preview limit (8 KiB), as each made preview is (a larger one is cut at once).
  var isSmall: Bool {
    let limit = LogStore.previewLimit
    return exchange.requestBody.storageCapacity <= limit && exchange.responseBody.storageCapacity <= limit
      && exchange.rawRequest.storageCapacity <= limit && exchange.rawResponse.storageCapacity <= limit
  }

  func makeDetails() -> LogDetails {
    LogDetails(
      requestHeaders: exchange.request.headers.map { ($0.name, $0.value) },
      requestBody: LogEntry.preview(exchange.requestBody),
      responseHeaders: exchange.response.headers.map { ($0.name, $0.value) },
      responseBody: LogEntry.preview(exchange.responseBody), rawRequest: LogEntry.preview(exchange.rawRequest),
      rawResponse: LogEntry.preview(exchange.rawResponse))
  }
}
