import Foundation
import NIOCore

/// Sits next to the socket of a connection that someone observes: counts the bytes read and
/// written, publishes them (`bytesRead`/`bytesWritten` events), and keeps (bounded) the raw bytes
/// of the request being read, which travel with its exchange or refusal.
///
/// In the pipeline only when the server had an observer of bytes, exchanges or refusals when
/// the connection opened: an unobserved connection pays nothing for it.
final class RawBytesRecorder: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = ByteBuffer
  typealias InboundOut = ByteBuffer
  typealias OutboundIn = IOData
  typealias OutboundOut = IOData

  private let connectionID: UInt64
  private let hub: ServerEventHub
  private let counters: ServerStats.Counters
  /// Bytes read since the last finished exchange, at most `bodyPreviewLimit`.
  private var unclaimedRead: ByteBuffer?
  /// When the first of `unclaimedRead`'s bytes arrived.
  private(set) var unclaimedSince: Date?

  init(connectionID: UInt64, hub: ServerEventHub, counters: ServerStats.Counters) {
    self.connectionID = connectionID
    self.hub = hub
    self.counters = counters
  }

  /// Whether a new connection should get a recorder: someone wants what it records.
  static func isWanted(by hub: ServerEventHub) -> Bool {
    hub.wants(.bytesRead) || hub.wants(.bytesWritten) || hub.wants(.exchangeCompleted) || hub.wants(.requestRefused)
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let buffer = unwrapInboundIn(data)
    counters.didRead(buffer.readableBytes)
    hub.emit(.bytesRead, .bytesRead(connectionID: connectionID, buffer))
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

  /// The bytes read since the last exchange, left in place (for words about a refusal).
  var unclaimedBytes: [UInt8] {
    unclaimedRead.map { Array($0.readableBytesView) } ?? []
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

  /// The bytes written since the last exchange was claimed, at most `bodyPreviewLimit`.
  private var unclaimedWritten: ByteBuffer?

  /// Every byte written since the last claim, kept or not.
  private var unclaimedWrittenCount = 0

  /// The bytes written for the exchange that just finished (or the detached stream that
  /// closed): the first `bodyPreviewLimit` of them, and how many there were.
  func claimRawResponse() -> (bytes: ByteBuffer, total: Int) {
    defer {
      unclaimedWritten = nil
      unclaimedWrittenCount = 0
    }
    return (unclaimedWritten ?? ByteBuffer(), unclaimedWrittenCount)
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    if case .byteBuffer(let buffer) = unwrapOutboundIn(data) {
      counters.didWrite(buffer.readableBytes)
      hub.emit(.bytesWritten, .bytesWritten(connectionID: connectionID, buffer))
      if hub.wants(.exchangeCompleted) {
        unclaimedWrittenCount += buffer.readableBytes
        let count = min(bodyPreviewLimit - (unclaimedWritten?.readableBytes ?? 0), buffer.readableBytes)
        if count > 0 {
          if unclaimedWritten == nil { unclaimedWritten = ByteBuffer() }
          buffer.withUnsafeReadableBytes { bytes in
            _ = unclaimedWritten!.writeBytes(UnsafeRawBufferPointer(rebasing: bytes.prefix(count)))
          }
        }
      }
    }
    context.write(data, promise: promise)
  }
}
