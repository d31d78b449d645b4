import NIOCore

/// An `Application` is what Tornado's `HTTPServer` calls for every request.
extension Application: HTTPResponder {
  /// Routes `request` to its handler, which writes the response through `writer` (the handler
  /// is made synchronously, so the request's task holds only the handler's own frames).
  public func respond(to request: HTTPServerRequest, writer: any HTTPResponseWriter) async {
    await handler(for: request, connection: writer).execute()
  }
}

extension HTTPServer {
  /// Creates a server for `application` with Tornado's options, compressing responses when the
  /// application's settings say so (`compress_response`).
  public convenience init(
    _ application: Application, noKeepAlive: Bool = false, xheaders: Bool = false,
    decompressRequest: Bool = false, maxBufferSize: Int? = nil, maxHeaderSize: Int? = nil,
    idleConnectionTimeout: Double? = nil, bodyTimeout: Double? = nil, maxBodySize: Int? = nil,
    group: (any EventLoopGroup)? = nil
  ) {
    self.init(
      application as any HTTPResponder, noKeepAlive: noKeepAlive, xheaders: xheaders,
      decompressRequest: decompressRequest, maxBufferSize: maxBufferSize, maxHeaderSize: maxHeaderSize,
      idleConnectionTimeout: idleConnectionTimeout, bodyTimeout: bodyTimeout, maxBodySize: maxBodySize,
      compressResponse: application.settings.compressResponse, group: group)
  }

  /// Creates a server for `application` from an `Options` value; compresses responses when
  /// `options` or the application's settings say so.
  public convenience init(_ application: Application, options: Options, group: (any EventLoopGroup)? = nil) {
    var options = options
    options.compressResponse = options.compressResponse || application.settings.compressResponse
    self.init(application as any HTTPResponder, options: options, group: group)
  }
}
