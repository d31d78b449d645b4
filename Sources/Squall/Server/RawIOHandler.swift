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
    hub.emit(.bytesRead(connectionID: connectionID, buffer))
    context.fireChannelRead(data)
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    if case .byteBuffer(let buffer) = unwrapOutboundIn(data) {
      stats.didWrite(buffer.readableBytes)
      hub.emit(.bytesWritten(connectionID: connectionID, buffer))
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
