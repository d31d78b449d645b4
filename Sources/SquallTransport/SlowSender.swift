import Foundation
import NIOCore
import NIOPosix
import Squall
import SquallCompare
import SquallValues

/// A slow client, on purpose: a request's bytes written one at a time, a pause between two,
/// so that a learner sees a server's `idle_connection_timeout`, `body_timeout` and
/// `max_header_size` act on it (the playground builder's `sendSlowly`). Loopback only, and
/// bounded: it stops at the answer, when the server closes, or at `timeout`.
package enum SlowSender {
  /// The loopback address `host` names (127.0.0.0/8 in dotted decimal without leading zeros,
  /// `::1`, or `localhost` as 127.0.0.1), or nil: the only places a slow send goes, parsed
  /// without a resolver, so no DNS answer or octal reading can send it elsewhere. Pure.
  package static func loopbackAddress(_ host: String, port: Int) -> SocketAddress? {
    let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    if bare == "localhost" { return try? SocketAddress(ipAddress: "127.0.0.1", port: port) }
    if bare == "::1" { return try? SocketAddress(ipAddress: "::1", port: port) }
    let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
    let decimal = octets.allSatisfy { octet in
      !octet.isEmpty && octet.count <= 3 && octet.utf8.allSatisfy { (48...57).contains($0) }
        && (octet == "0" || octet.first != "0") && Int(octet)! <= 255
    }
    guard octets.count == 4, octets[0] == "127", decimal else { return nil }
    return try? SocketAddress(ipAddress: bare, port: port)
  }

  /// What came of it.
  package struct Outcome: Sendable, Equatable {
    /// Request bytes written before the server closed (all of them when it did not).
    package var sent: Int
    package var total: Int
    /// The request's bytes (all of them, sent or not).
    package var sentBytes: [UInt8]
    /// Every byte the server wrote.
    package var received: [UInt8]
    /// How the connection ended on the server's side.
    package var end: RawAnswer.End
    package var duration: Double
  }

  /// Why nothing was sent.
  package enum Refused: Error, Sendable, Equatable {
    /// Not this machine: the host is not a loopback address.
    case notLoopback(String)
    /// Nothing listens there (or the connection failed).
    case cannotConnect(String)

    package var message: String {
      switch self {
      case .notLoopback(let host):
        "sendSlowly sends to this machine only (127.0.0.1, ::1 or localhost), not \(host): "
          + "point the URL at {{base}}, or set sendSlowly (Options, 5) back to 0 (d) to send it at once"
      case .cannotConnect(let why): why
      }
    }
  }

  /// Writes `bytes` to `host:port`, one every `everyMilliseconds`, and reads until the answer
  /// is whole, the server closes or resets, or `timeout` seconds pass.
  package static func send(
    _ bytes: [UInt8], host: String, port: Int, everyMilliseconds: Int, timeout: Double, headRequest: Bool = false
  ) async throws -> Outcome {
    guard let address = loopbackAddress(host, port: port) else { throw Refused.notLoopback(host) }
    let started = ContinuousClock.now
    let box = Received()
    let channel: any Channel
    do {
      channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .connectTimeout(.seconds(5))
        .channelOption(.allowRemoteHalfClosure, value: true)
        .channelInitializer { channel in
          channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(Collector(box)) }
        }
        .connect(to: address).get()
    } catch {
      throw Refused.cannotConnect("could not connect to \(host):\(port): nothing listens there? (\(error))")
    }
    defer { channel.close(promise: nil) }
    let deadline = started + .milliseconds(Int64(timeout * 1000))
    var sent = 0
    for byte in bytes {
      if box.ended != nil || ContinuousClock.now >= deadline { break }
      do {
        try await channel.writeAndFlush(ByteBuffer(bytes: [byte])).get()
      } catch { break }
      sent += 1
      if sent < bytes.count && everyMilliseconds > 0 {
        try await Task.sleep(for: .milliseconds(everyMilliseconds))
      }
    }
    // The answer, whole or cut: wait for it as long as the time allows.
    while box.ended == nil && ContinuousClock.now < deadline {
      let received = box.bytes
      if let answer = WireDump.answer(received, closed: false, headRequest: headRequest), answer.complete { break }
      try await Task.sleep(for: .milliseconds(10))
    }
    let elapsed = ContinuousClock.now - started
    return Outcome(
      sent: sent, total: bytes.count, sentBytes: bytes, received: box.bytes, end: box.ended ?? .timedOut,
      duration: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
  }

  /// The bytes read and how the connection ended, shared by the loop and the sender.
  final class Received: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [UInt8] = []
    private var end: RawAnswer.End?
    static let limit = 1 << 20

    var bytes: [UInt8] { lock.withLock { storage } }
    var ended: RawAnswer.End? { lock.withLock { end } }

    func append(_ buffer: ByteBuffer) {
      lock.withLock { storage += buffer.readableBytesView.prefix(max(0, Self.limit - storage.count)) }
    }

    func finish(_ how: RawAnswer.End) { lock.withLock { end = end ?? how } }
  }

  final class Collector: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    let box: Received
    init(_ box: Received) { self.box = box }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) { box.append(unwrapInboundIn(data)) }
    func channelInactive(context: ChannelHandlerContext) { box.finish(.closed) }
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
      if let event = event as? ChannelEvent, event == .inputClosed { box.finish(.closed) }
    }
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
      box.finish((error as? IOError)?.errnoCode == ECONNRESET ? .reset : .closed)
      context.close(promise: nil)
    }
  }
}
