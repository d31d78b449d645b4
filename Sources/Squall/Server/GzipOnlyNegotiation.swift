import NIOCore
import NIOHTTP1

/// Makes NIO's `HTTPResponseCompressor` choose gzip only, as Tornado's `GZipContentEncoding`
/// does: NIO prefers deflate when a client lists both with equal weight (async-http-client sends
/// `Accept-Encoding: deflate, gzip`). `narrow` shows the compressor `gzip` or nothing; `restore`,
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

  /// Shows the compressor `Accept-Encoding: gzip`, or none, and keeps the client's values.
  static func narrow(_ slot: Slot) -> HeadRewriter {
    HeadRewriter { headers in
      slot.original = headers["Accept-Encoding"]
      let gzip = headers[canonicalForm: "Accept-Encoding"].contains { GzipOnlyNegotiation.acceptsGzip(String($0)) }
      headers.remove(name: "Accept-Encoding")
      if gzip { headers.add(name: "Accept-Encoding", value: "gzip") }
    }
  }

  /// Puts the client's `Accept-Encoding` lines back, exactly as they came.
  static func restore(_ slot: Slot) -> HeadRewriter {
    HeadRewriter { headers in
      headers.remove(name: "Accept-Encoding")
      for value in slot.original { headers.add(name: "Accept-Encoding", value: value) }
    }
  }

  /// Changes the headers of each request head passing through.
  final class HeadRewriter: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    private let rewrite: (inout HTTPHeaders) -> Void
    init(_ rewrite: @escaping (inout HTTPHeaders) -> Void) { self.rewrite = rewrite }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
      guard case .head(var head) = unwrapInboundIn(data) else {
        context.fireChannelRead(data)
        return
      }
      rewrite(&head.headers)
      context.fireChannelRead(wrapInboundOut(.head(head)))
    }
  }
}
