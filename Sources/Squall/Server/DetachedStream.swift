import NIOCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A connection taken over from HTTP (Tornado's `IOStream`, from `RequestHandler.detach()`):
/// what is written goes to the socket as it is, no status line, header or framing added — the
/// way to show what a client does when a server gets HTTP wrong. Its bytes still pass the raw
/// recorder, so the playground's log shows them. The connection closes when the handler
/// returns, if it has not closed it before.
public struct DetachedStream: Sendable {
  let channel: any Channel
  /// The first handler above the socket: a write from it passes no HTTP encoder.
  let raw: NIOLoopBound<ChannelHandlerContext>

  /// Writes `bytes` as they are; returns when they have been handed to the socket.
  public func write(_ bytes: [UInt8]) async throws {
    let (raw, buffer) = (raw, ByteBuffer(bytes: bytes))
    try await channel.eventLoop.flatSubmit {
      let promise = raw.value.eventLoop.makePromise(of: Void.self)
      raw.value.writeAndFlush(NIOAny(buffer), promise: promise)
      return promise.futureResult
    }.get()
  }

  public func write(_ text: String) async throws { try await write(Array(text.utf8)) }

  /// Closes the connection (a FIN, after what was written).
  public func close() async { try? await channel.close() }

  /// Ends the connection with a TCP reset (`SO_LINGER` 0, then close): the peer's next read or
  /// write fails with "connection reset by peer".
  public func reset() async {
    if let options = channel as? any SocketOptionProvider {
      _ = try? await options.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
    }
    try? await channel.close()
  }
}
