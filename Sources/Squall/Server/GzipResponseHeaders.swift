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
      case "vary" where !varied:
        result.add(name: name, value: value + ", Accept-Encoding")
        varied = true
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

  /// Above the compressor: keeps the head as the handler wrote it.
  static func remember(_ slot: Slot) -> Watcher {
    Watcher { headers in slot.written = headers }
  }

  /// Below the compressor: writes Tornado's headers.
  static func rewrite(_ slot: Slot) -> Watcher {
    Watcher { headers in
      guard let written = slot.written else { return }
      headers = tornadoHeaders(written: written, compressed: headers)
      slot.written = nil
      slot.wire = headers
    }
  }

  /// Reads (and may change) the headers of each response head going out.
  final class Watcher: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart
    private let change: (inout HTTPHeaders) -> Void
    init(_ change: @escaping (inout HTTPHeaders) -> Void) { self.change = change }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
      guard case .head(var head) = unwrapOutboundIn(data) else {
        context.write(data, promise: promise)
        return
      }
      change(&head.headers)
      context.write(wrapOutboundOut(.head(head)), promise: promise)
    }
  }
}
