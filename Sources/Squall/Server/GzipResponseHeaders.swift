import NIOCore
import NIOHTTP1

/// Gives a response that went through NIO's `HTTPResponseCompressor` the headers Tornado's
/// `GZipContentEncoding` writes: `Vary: Accept-Encoding` on every response while
/// `compress_response` is on (compressed or not, 304s and errors too), and for a compressed one
/// `Content-Length` in its place with the new length, then `Vary`, then `Content-Encoding: gzip`
/// last. NIO's compressor appends `Content-Encoding` before a lower-case `content-length` and
/// adds no `Vary`.
///
/// `remember`, above the compressor, keeps the head the handler wrote; `rewrite`, below it,
/// turns the compressor's head into Tornado's. Both see one response head at a time per
/// connection, so one slot per connection is enough.
enum GzipResponseHeaders {
  final class Slot {
    var written: HTTPHeaders?
    /// The context of `Rewrite`, below the compressor: where an interim head is written.
    /// Unowned by design of the pipeline: both handlers live and die with the channel.
    weak var below: ChannelHandlerContext?
    /// The headers as they went on the wire, for the exchange observers see (the log shows
    /// `Content-Encoding: gzip`, not the handler's plain head).
    var wire: HTTPHeaders?
  }

  /// The headers Tornado sends, from the handler's (`written`) and the compressor's (`compressed`).
  /// Pure.
  static func tornadoHeaders(written: HTTPHeaders, compressed: HTTPHeaders) -> HTTPHeaders {
    let gzipped = !written.contains(name: "Content-Encoding") && compressed.contains(name: "Content-Encoding")
    let newLength = compressed.first(name: "Content-Length")
    var result = HTTPHeaders()
    var varied = false
    for (name, value) in written {
      switch name.lowercased() {
      case "content-length" where gzipped:
        // Tornado keeps the header in its place with the compressed length when the whole body
        // came at once, and drops it when the body streams (then it goes chunked).
        if let newLength { result.add(name: name, value: newLength) }
      case "vary":
        // Tornado reads every Vary line joined with "," and writes them back as one.
        if !varied {
          result.add(name: name, value: written[name].joined(separator: ",") + ", Accept-Encoding")
          varied = true
        }
      default:
        result.add(name: name, value: value)
      }
    }
    if !varied { result.add(name: "Vary", value: "Accept-Encoding") }
    if gzipped {
      if newLength != nil, !written.contains(name: "Content-Length") {
        result.add(name: "Content-Length", value: newLength!)
      }
      result.add(name: "Content-Encoding", value: "gzip")
    }
    // Tornado's connection adds `Transfer-Encoding` after the transforms: it goes last, also
    // when the compressor (not the handler) added it.
    let framing = compressed["Transfer-Encoding"]
    result.remove(name: "Transfer-Encoding")
    for value in framing { result.add(name: "Transfer-Encoding", value: value) }
    return result
  }

  /// Above the compressor: keeps the head as the handler wrote it. An interim head (`100
  /// Continue`) goes around the compressor, straight to the handler below it: NIO's compressor
  /// takes one `Accept-Encoding` per head, and an interim head would take the request's.
  static func remember(_ slot: Slot) -> Remember { Remember(slot) }

  /// Below the compressor: writes Tornado's headers.
  static func rewrite(_ slot: Slot) -> Rewrite { Rewrite(slot) }

  final class Remember: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart
    private let slot: Slot
    init(_ slot: Slot) { self.slot = slot }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
      if case .head(let head) = unwrapOutboundIn(data) {
        if head.status.code < 200, let below = slot.below {
          below.write(data, promise: promise)  // around the compressor, as it is
          return
        }
        slot.written = head.headers
      }
      context.write(data, promise: promise)
    }

    func flush(context: ChannelHandlerContext) {
      slot.below?.flush()  // an interim head written around the compressor goes out too
      context.flush()
    }
  }

  final class Rewrite: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart
    private let slot: Slot
    init(_ slot: Slot) { self.slot = slot }

    func handlerAdded(context: ChannelHandlerContext) { slot.below = context }
    func handlerRemoved(context: ChannelHandlerContext) { slot.below = nil }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
      guard case .head(var head) = unwrapOutboundIn(data), let written = slot.written else {
        context.write(data, promise: promise)
        return
      }
      head.headers = tornadoHeaders(written: written, compressed: head.headers)
      slot.written = nil
      slot.wire = head.headers
      context.write(wrapOutboundOut(.head(head)), promise: promise)
    }
  }
}
