import NIOCore
import NIOHTTP1

/// Makes NIO's `HTTPResponseCompressor` choose gzip only, as Tornado's `GZipContentEncoding`
/// does: NIO prefers deflate when a client lists both with equal weight (async-http-client sends
/// `Accept-Encoding: deflate, gzip`). `Narrow` shows the compressor `gzip` or nothing; `Restore`,
/// placed after the compressor, gives the application the header as the client sent it.
enum GzipOnlyNegotiation {
  /// Both handlers run within one `channelRead`, so one slot per connection is enough.
  final class Slot {
    var original: [String] = []
  }

  /// Whether one `Accept-Encoding` entry (`gzip`, `x-gzip;q=0.5`) accepts gzip; `q=0` refuses it.
  static func acceptsGzip(_ entry: String) -> Bool {
    let parts = entry.lowercased().split(separator: ";").map { $0.filter { $0 != " " && $0 != "\t" } }
    guard parts.first == "gzip" || parts.first == "x-gzip" else { return false }
    for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
      return (Double(parameter.dropFirst(2)) ?? 0) > 0
    }
    return true
  }

  final class Narrow: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    let slot: Slot
    init(_ slot: Slot) { self.slot = slot }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
      guard case .head(var head) = unwrapInboundIn(data) else {
        context.fireChannelRead(data)
        return
      }
      slot.original = head.headers[canonicalForm: "Accept-Encoding"].map(String.init)
      let acceptsGzip = slot.original.contains(where: GzipOnlyNegotiation.acceptsGzip)
      head.headers.remove(name: "Accept-Encoding")
      if acceptsGzip { head.headers.add(name: "Accept-Encoding", value: "gzip") }
      context.fireChannelRead(wrapInboundOut(.head(head)))
    }
  }

  final class Restore: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    let slot: Slot
    init(_ slot: Slot) { self.slot = slot }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
      guard case .head(var head) = unwrapInboundIn(data) else {
        context.fireChannelRead(data)
        return
      }
      head.headers.remove(name: "Accept-Encoding")
      for value in slot.original { head.headers.add(name: "Accept-Encoding", value: value) }
      context.fireChannelRead(wrapInboundOut(.head(head)))
    }
  }
}
