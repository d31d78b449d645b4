import NIOCore

/// A request line with a run of spaces (`GET  / HTTP/1.1`), which Tornado refuses with 400.
struct RequestLineError: Error, Equatable, CustomStringConvertible {
  var description: String { "the request line has a run of spaces (one space goes between method, target and version)" }
}

/// Sits between the socket and NIOHTTP1's parser and runs `RequestLineScanner` over what is
/// read. Bytes pass on untouched; at a request line with a run of spaces, the requests before
/// it pass on, the rest is dropped and a `RequestLineError` goes down the pipeline, where the
/// connection handler answers it as any malformed request: after the responses already owed,
/// a bare 400 and close.
final class RequestLineGuard: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = ByteBuffer
  typealias InboundOut = ByteBuffer

  private var scanner = RequestLineScanner()
  private var refused = false

  init() {}

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    guard !refused else { return }
    guard !scanner.hasStopped else {
      context.fireChannelRead(data)
      return
    }
    let buffer = unwrapInboundIn(data)
    switch buffer.withUnsafeReadableBytes({ scanner.scan($0) }) {
    case .fine:
      context.fireChannelRead(data)
    case .runOfSpaces(let requestStart):
      refused = true
      if let requestStart, requestStart > 0,
        let before = buffer.getSlice(at: buffer.readerIndex, length: requestStart)
      {
        context.fireChannelRead(wrapInboundOut(before))
      }
      context.fireErrorCaught(RequestLineError())
    }
  }
}
