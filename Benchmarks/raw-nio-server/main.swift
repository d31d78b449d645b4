// The baseline: the smallest SwiftNIO NIOHTTP1 "Hello, world" server, no framework, keep-alive.
// Usage: raw-nio-server [PORT]
import NIOCore
import NIOHTTP1
import NIOPosix

final class HelloHandler: ChannelInboundHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias OutboundOut = HTTPServerResponsePart
  private var keepAlive = true
  private let body = ByteBuffer(string: "Hello, world")

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head(let head):
      keepAlive = head.isKeepAlive
    case .body:
      break
    case .end:
      var headers = HTTPHeaders()
      headers.add(name: "Content-Type", value: "text/html; charset=UTF-8")
      headers.add(name: "Content-Length", value: String(body.readableBytes))
      if !keepAlive { headers.add(name: "Connection", value: "close") }
      context.write(
        wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
      context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
      if keepAlive {
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
      } else {
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
      }
    }
  }
}

let port = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 8890
let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
  .serverChannelOption(.backlog, value: 256)
  .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
  .childChannelInitializer { channel in
    channel.eventLoop.makeCompletedFuture {
      try channel.pipeline.syncOperations.configureHTTPServerPipeline()
      try channel.pipeline.syncOperations.addHandler(HelloHandler())
    }
  }
let channel = try bootstrap.bind(host: "127.0.0.1", port: port).wait()
print("raw NIO listening on http://127.0.0.1:\(port)/")
try channel.closeFuture.wait()
