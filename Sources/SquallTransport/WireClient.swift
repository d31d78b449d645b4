import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Squall
import SquallCompare

/// Sends one request on a new loopback connection and reads its answer with NIO's parser.
/// Bounded: the answer must be whole within `timeout` seconds, and at most 8 MB.
package enum WireClient {
  package static func exchange(
    _ request: WireRequest, port: Int, host: String = "127.0.0.1", timeout: Double = 10
  ) async throws -> WireResponse {
    let promise = MultiThreadedEventLoopGroup.singleton.next().makePromise(of: WireResponse.self)
    let started = ContinuousClock.now
    let isHead = request.method == "HEAD"
    let channel = try await connect(host: host, port: port, timeout: timeout, failing: promise) { pipeline in
      try pipeline.addHTTPClientHandlers()
      try pipeline.addHandler(Collector(promise: promise, started: started, isHead: isHead))
    }
    let deadline = channel.eventLoop.scheduleTask(in: .milliseconds(Int64(timeout * 1000))) {
      promise.fail(WireFailure(message: "no whole answer from :\(port) within \(timeout) s"))
      channel.close(promise: nil)
    }
    channel.write(HTTPClientRequestPart.head(head(of: request)), promise: nil)
    if !request.body.isEmpty {
      channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: request.body))), promise: nil)
    }
    channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
    defer {
      deadline.cancel()
      channel.close(promise: nil)
    }
    return try await promise.futureResult.get()
  }

  /// Sends `request`'s bytes on a new loopback connection and reads every byte of the answer,
  /// whatever it is, until the server closes or resets the connection or `timeout` passes (at
  /// most 8 MB). For answers NIO's parser refuses (the faults app).
  package static func raw(
    _ request: WireRequest, port: Int, host: String = "127.0.0.1", timeout: Double = 10, parserSaid: String = ""
  ) async throws -> RawAnswer {
    let promise = MultiThreadedEventLoopGroup.singleton.next().makePromise(of: RawAnswer.self)
    let started = ContinuousClock.now
    let channel = try await connect(host: host, port: port, timeout: timeout, failing: promise) { pipeline in
      try pipeline.addHandler(RawCollector(promise: promise, started: started, parserSaid: parserSaid))
    }
    let deadline = channel.eventLoop.scheduleTask(in: .milliseconds(Int64(timeout * 1000))) {
      channel.pipeline.fireUserInboundEventTriggered(RawCollector.TimeUp())
    }
    channel.writeAndFlush(ByteBuffer(bytes: RawAnswer.requestBytes(request)), promise: nil)
    defer {
      deadline.cancel()
      channel.close(promise: nil)
    }
    return try await promise.futureResult.get()
  }

  /// A new connection to `host:port` with the handlers `setUp` adds, or a `WireFailure` saying
  /// why not (and `promise` failed with it, so that nobody waits on it).
  static func connect<Value: Sendable>(
    host: String, port: Int, timeout: Double, failing promise: EventLoopPromise<Value>,
    _ setUp: @escaping @Sendable (ChannelPipeline.SynchronousOperations) throws -> Void
  ) async throws -> any Channel {
    do {
      return try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .connectTimeout(.seconds(Int64(max(1, timeout))))
        .channelInitializer { channel in
          channel.eventLoop.makeCompletedFuture { try setUp(channel.pipeline.syncOperations) }
        }
        .connect(host: host, port: port).get()
    } catch {
      promise.fail(error)
      throw WireFailure(message: "could not connect to \(host):\(port): \(error)")
    }
  }

  /// Keeps every byte until the connection ends.
  final class RawCollector: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    struct TimeUp {}
    private let promise: EventLoopPromise<RawAnswer>
    private let started: ContinuousClock.Instant
    private let parserSaid: String
    private var bytes: [UInt8] = []
    private var done = false
    private static let limit = 8 << 20

    init(promise: EventLoopPromise<RawAnswer>, started: ContinuousClock.Instant, parserSaid: String) {
      self.promise = promise
      self.started = started
      self.parserSaid = parserSaid
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
      let buffer = unwrapInboundIn(data)
      bytes += buffer.readableBytesView.prefix(max(0, Self.limit - bytes.count))
    }

    func channelInactive(context: ChannelHandlerContext) { finish(.closed) }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
      if event is TimeUp { finish(.timedOut) }
      if event is ChannelEvent, case .inputClosed = event as! ChannelEvent { finish(.closed) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
      let reset = (error as? IOError)?.errnoCode == ECONNRESET
      finish(reset ? .reset : .closed)
      context.close(promise: nil)
    }

    private func finish(_ end: RawAnswer.End) {
      guard !done else { return }
      done = true
      let elapsed = ContinuousClock.now - started
      let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
      promise.succeed(RawAnswer(bytes: bytes, end: end, parserSaid: parserSaid, duration: seconds))
    }
  }

  /// Gathers the answer's head and body; ends it at `.end` or when the server closes.
  final class Collector: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart
    private let promise: EventLoopPromise<WireResponse>
    private let started: ContinuousClock.Instant
    private let isHead: Bool
    private var head: HTTPResponseHead?
    private var body: [UInt8] = []
    private static let limit = 8 << 20

    init(promise: EventLoopPromise<WireResponse>, started: ContinuousClock.Instant, isHead: Bool) {
      self.promise = promise
      self.started = started
      self.isHead = isHead
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
      switch unwrapInboundIn(data) {
      case .head(let received):
        // An interim 100 Continue is not the answer.
        if received.status.code >= 200 || received.status.code == 101 { head = received }
      case .body(let buffer):
        guard body.count + buffer.readableBytes <= Self.limit else {
          promise.fail(WireFailure(message: "the answer's body is over 8 MB"))
          context.close(promise: nil)
          return
        }
        body += buffer.readableBytesView
      case .end:
        finish()
      }
    }

    func channelInactive(context: ChannelHandlerContext) {
      if head == nil {
        promise.fail(WireFailure(message: "the server closed the connection without an answer"))
      } else {
        finish()
      }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
      promise.fail(WireFailure(message: "the answer could not be read: \(error)"))
      context.close(promise: nil)
    }

    private func finish() {
      guard let head else { return }
      let headers = head.headers.map { HeaderLine($0.name, $0.value) }
      let framing: String
      if isHead || [204, 304].contains(Int(head.status.code)) {
        framing = "none"
      } else if head.headers[canonicalForm: "Transfer-Encoding"].contains(where: { $0.lowercased() == "chunked" }) {
        framing = "chunked"
      } else if head.headers.contains(name: "Content-Length") {
        framing = "length"
      } else {
        framing = "close"
      }
      let elapsed = ContinuousClock.now - started
      let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
      promise.succeed(
        WireResponse(
          version: "HTTP/\(head.version.major).\(head.version.minor)", status: Int(head.status.code),
          reason: head.status.reasonPhrase, headers: headers, body: body, framing: framing, duration: seconds))
      self.head = nil
    }
  }

  /// NIO's head for `request`: its lines in their order and case.
  static func head(of request: WireRequest) -> HTTPRequestHead {
    var headers = HTTPHeaders()
    for line in request.lines { headers.add(name: line.name, value: line.value) }
    return HTTPRequestHead(
      version: .http1_1, method: HTTPMethod(rawValue: request.method), uri: request.target, headers: headers)
  }
}
