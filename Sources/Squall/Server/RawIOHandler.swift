import Foundation
import NIOCore

/// Sits next to the socket: counts and publishes the raw bytes of a connection, and lets the
/// HTTP layer write a bare status line (Tornado's `400 Bad Request` for unparseable input).
final class RawIOHandler: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = ByteBuffer
  typealias InboundOut = ByteBuffer
  typealias OutboundIn = IOData
  typealias OutboundOut = IOData

  private let connectionID: UInt64
  private let hub: ServerEventHub
  private let stats: ServerStats
  private var context: ChannelHandlerContext?
  /// Bytes read since the last finished exchange, kept (bounded) only while someone observes.
  private var unclaimedRead: ByteBuffer?
  /// When the first of `unclaimedRead`'s bytes arrived.
  private(set) var unclaimedSince: Date?

  init(connectionID: UInt64, hub: ServerEventHub, stats: ServerStats) {
    self.connectionID = connectionID
    self.hub = hub
    self.stats = stats
  }

  func handlerAdded(context: ChannelHandlerContext) { self.context = context }
  func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let buffer = unwrapInboundIn(data)
    stats.didRead(buffer.readableBytes)
    hub.emit(.bytesRead, .bytesRead(connectionID: connectionID, buffer))
    // The raw bytes of a request travel with its exchange or its refusal, when someone wants those.
    if hub.wants(.exchangeCompleted) || hub.wants(.requestRefused) { keep(buffer) }
    context.fireChannelRead(data)
  }

  /// Copies (never slices: a slice would keep NIO from reusing its receive buffer) up to
  /// `bodyPreviewLimit` bytes read since the last exchange.
  private func keep(_ buffer: ByteBuffer) {
    let kept = unclaimedRead?.readableBytes ?? 0
    let count = min(bodyPreviewLimit - kept, buffer.readableBytes)
    guard count > 0 else { return }
    if unclaimedRead == nil {
      unclaimedRead = ByteBuffer()
      unclaimedSince = Date()
    }
    buffer.withUnsafeReadableBytes { bytes in
      _ = unclaimedRead!.writeBytes(UnsafeRawBufferPointer(rebasing: bytes.prefix(count)))
    }
  }

  /// The bytes read for the exchange that just finished (the start of the next one, when
  /// pipelined, comes along: they arrived together).
  func claimRawRequest() -> ByteBuffer {
    defer {
      unclaimedRead = nil
      unclaimedSince = nil
    }
    return unclaimedRead ?? ByteBuffer()
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    if case .byteBuffer(let buffer) = unwrapOutboundIn(data) {
      stats.didWrite(buffer.readableBytes)
      hub.emit(.bytesWritten, .bytesWritten(connectionID: connectionID, buffer))
    }
    context.write(data, promise: promise)
  }

  /// Writes `text` as is, bypassing the HTTP encoder, then closes the connection.
  func writeRawAndClose(_ text: String) {
    guard let context else { return }
    let buffer = context.channel.allocator.buffer(string: text)
    write(context: context, data: wrapOutboundOut(.byteBuffer(buffer)), promise: nil)
    context.flush()
    context.close(promise: nil)
  }
}
