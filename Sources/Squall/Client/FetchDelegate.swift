import AsyncHTTPClient
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

/// The request head exactly as the client put it on the wire: origin-form target and every
/// header async-http-client added (`Host`, `Content-Length`...), for `curl -v`-style views and
/// the playground's log.
public struct SentRequestHead: Sendable, Equatable {
  /// The method.
  public var method: String
  /// The request target, origin-form (`/path?query`).
  public var target: String
  /// `HTTP/1.1`.
  public var version: String
  /// The headers in the order sent.
  public var headers: [(name: String, value: String)]

  /// One head; the client makes these.
  public init(method: String, target: String, version: String = "HTTP/1.1", headers: [(name: String, value: String)]) {
    self.method = method
    self.target = target
    self.version = version
    self.headers = headers
  }

  init(_ head: HTTPRequestHead) {
    self.init(
      method: head.method.rawValue, target: head.uri, version: "HTTP/\(head.version.major).\(head.version.minor)",
      headers: head.headers.map { ($0.name, $0.value) })
  }

  /// `GET /path HTTP/1.1`.
  public var requestLine: String { "\(method) \(target) \(version)" }

  public static func == (lhs: SentRequestHead, rhs: SentRequestHead) -> Bool {
    lhs.method == rhs.method && lhs.target == rhs.target && lhs.version == rhs.version
      && lhs.headers.elementsEqual(rhs.headers) { $0.name == $1.name && $0.value == $1.value }
  }
}

/// Collects one fetch through async-http-client's delegate API: the head as sent, the response
/// head and when it arrived, and the body up to `maxBodySize` (or handed to a streaming callback).
/// async-http-client calls it on the task's event loop, one call at a time; the lock only makes
/// the reads after completion safe.
final class FetchDelegate: HTTPClientResponseDelegate {
  typealias Response = Void

  let collected = NIOLockedValueBox(FetchProgress())
  private let maxBodySize: Int
  private let decompress: Bool
  private let headerCallback: (@Sendable (String) -> Void)?
  private let streaming: (@Sendable ([UInt8]) -> Void)?
  private let onSentHead: (@Sendable (SentRequestHead) -> Void)?
  /// Whether an answer with this head will be followed: its head and body then reach no
  /// callback (see `AsyncHTTPClient.followsAtHead`).
  private let followed: @Sendable (HTTPResponseHead) -> Bool
  /// Set from the head: this hop's body goes to no streaming callback.
  private let skipsCallbacks = NIOLockedValueBox(false)

  init(
    maxBodySize: Int, decompress: Bool, headerCallback: (@Sendable (String) -> Void)?,
    streaming: (@Sendable ([UInt8]) -> Void)?, onSentHead: (@Sendable (SentRequestHead) -> Void)?,
    followed: @escaping @Sendable (HTTPResponseHead) -> Bool = { _ in false }
  ) {
    self.maxBodySize = maxBodySize
    self.decompress = decompress
    self.headerCallback = headerCallback
    self.streaming = streaming
    self.onSentHead = onSentHead
    self.followed = followed
  }

  func didSendRequestHead(task: HTTPClient.Task<Void>, _ head: HTTPRequestHead) {
    var head = head
    if decompress, !head.headers.contains(name: "Accept-Encoding") {
      // The response decompressor further down the pipeline adds this on the way out when the
      // request has none (NIOHTTPResponseDecompressor), after async-http-client reports the head.
      head.headers.add(name: "Accept-Encoding", value: "deflate, gzip")
    }
    let sent = SentRequestHead(head)
    collected.withLockedValue {
      $0.sentHead = sent
      $0.sentAt = .now
    }
    onSentHead?(sent)
  }

  func didReceiveHead(task: HTTPClient.Task<Void>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
    collected.withLockedValue {
      $0.head = head
      $0.firstByte = .now
    }
    let skip = followed(head)
    skipsCallbacks.withLockedValue { $0 = skip }
    if !skip, let headerCallback { FetchProgress.report(head, to: headerCallback) }
    return task.eventLoop.makeSucceededVoidFuture()
  }

  func didReceiveBodyPart(task: HTTPClient.Task<Void>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
    let (streaming, limit) = (skipsCallbacks.withLockedValue { $0 } ? nil : self.streaming, maxBodySize)
    do {
      try collected.withLockedValue { try $0.take(buffer, limit: limit, streaming: streaming) }
    } catch {
      return task.eventLoop.makeFailedFuture(error)
    }
    return task.eventLoop.makeSucceededVoidFuture()
  }

  func didFinishRequest(task: HTTPClient.Task<Void>) throws {}
}

extension AsyncHTTPClient {
  /// Runs one fetch through async-http-client's delegate API, which reports the request head
  /// as it went on the wire (`didSendRequestHead`). About a fifth slower per fetch than
  /// `receive(_:_:on:limit:)`, so used only when someone wants that head.
  func receiveWithSentHead(
    _ request: HTTPRequest, _ outgoing: Outgoing, on client: HTTPClient, limit: Int
  ) async -> FetchProgress {
    let wire: HTTPClient.Request
    do {
      wire = try HTTPClient.Request(
        url: request.url, method: outgoing.method, headers: outgoing.headers, body: request.body.map { .bytes($0) })
    } catch {
      return FetchProgress(thrown: error)
    }
    let delegate = FetchDelegate(
      maxBodySize: limit, decompress: request.decompressResponse ?? true, headerCallback: request.headerCallback,
      streaming: request.streamingCallback, onSentHead: request.sentHeadCallback,
      followed: { head in Self.followsAtHead(request, status: Int(head.status.code), headers: head.headers) })
    var thrown: (any Error)?
    do {
      // The deadline bounds the whole fetch, body included (Tornado's request_timeout).
      let task = client.execute(request: wire, delegate: delegate, deadline: outgoing.deadline)
      try await withTaskCancellationHandler {
        try await task.futureResult.get()
      } onCancel: {
        task.cancel()
      }
    } catch {
      thrown = error
    }
    var progress = delegate.collected.withLockedValue { $0 }
    progress.thrown = thrown
    return progress
  }
}
