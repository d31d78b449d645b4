import NIOCore
import NIOHTTP1

/// A connection's HTTP handlers, named so that a WebSocket upgrade can take them out: what goes
/// first (the compressors, the decompressor, the encoder, the request-line guard) and the
/// decoder last, whose unread bytes — frames sent right behind the handshake — then flow on to
/// the frame decoder that replaced it.
enum HTTPLayer {
  static let guardName = "squall.http.guard"
  static let encoderName = "squall.http.encoder"
  static let decompressorName = "squall.http.decompressor"
  static let gzipNames = (1...5).map { "squall.http.gzip\($0)" }

  typealias Decoder = ByteToMessageHandler<HTTPRequestDecoder>

  /// NIO's request parser with the server's limits; bytes it holds when it leaves the pipeline
  /// (after an upgrade) go on to the next handler.
  static func decoder(limits: NIOHTTPDecoderLimitConfiguration) -> Decoder {
    ByteToMessageHandler(
      HTTPRequestDecoder(
        leftOverBytesStrategy: .forwardBytes, informationalResponseStrategy: .drop, limitConfiguration: limits))
  }

  /// Removes the HTTP layer from `pipeline` (on its event loop), the decoder last.
  static func remove(from pipeline: ChannelPipeline.SynchronousOperations) {
    for name in gzipNames + [decompressorName, encoderName, guardName] {
      if let context = try? pipeline.context(name: name) {
        pipeline.removeHandler(context: context, promise: nil)
      }
    }
    if let context = try? pipeline.context(handlerType: Decoder.self) {
      pipeline.removeHandler(context: context, promise: nil)
    }
  }

  /// After a request that asked to switch protocols and was answered without switching: NIO's
  /// parser has stopped, so a new one takes its place and gets the bytes it held.
  static func renewDecoder(_ pipeline: ChannelPipeline.SynchronousOperations, options: HTTPServer.Options) {
    guard let old = try? pipeline.context(handlerType: Decoder.self) else { return }
    do {
      try pipeline.addHandler(decoder(limits: limits(options)), position: .after(old.handler))
      pipeline.removeHandler(context: old, promise: nil)
    } catch {
      old.close(promise: nil)
    }
  }

  /// The parser's limits: a head over `maxHeaderSize` is refused.
  static func limits(_ options: HTTPServer.Options) -> NIOHTTPDecoderLimitConfiguration {
    var limits = NIOHTTPDecoderLimitConfiguration()
    limits.maxHeaderListSize = options.maxHeaderSize
    limits.maxHeaderFieldSize = options.maxHeaderSize
    return limits
  }
}
