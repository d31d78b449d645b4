// The baseline: the smallest SwiftNIO NIOHTTP1 server, no framework, keep-alive. Serves the
// benchmark's three routes: `GET /` (hello world), `POST /echo` (the body back), `GET /sleep`
// (answers after 10 ms, scheduled on the event loop).
// Usage: raw-nio-server [PORT]
import NIOCore
import NIOHTTP1
import NIOPosix

final class BenchHandler: ChannelInboundHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias OutboundOut = HTTPServerResponsePart
  private var keepAlive = true
  private var uri = "/"
  private var body = ByteBuffer()
  private let hello = ByteBuffer(string: "Hello, world")

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head(let head):
      keepAlive = head.isKeepAlive
      uri = head.uri
      body.clear()
    case .body(var chunk):
      body.writeBuffer(&chunk)
    case .end:
      switch uri {
      case "/echo":
        respond(context: context, body)
      case "/sleep":
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        context.eventLoop.scheduleTask(in: .milliseconds(10)) {
          let (handler, context) = loopBound.value
          handler.respond(context: context, ByteBuffer(string: "Slept"))
        }
      default:
        respond(context: context, hello)
      }
    }
  }

  private func respond(context: ChannelHandlerContext, _ body: ByteBuffer) {
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

let port = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 8890
let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
  .serverChannelOption(.backlog, value: 256)
  .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
  .childChannelInitializer { channel in
    channel.eventLoop.makeCompletedFuture {
      try channel.pipeline.syncOperations.configureHTTPServerPipeline()
      try channel.pipeline.syncOperations.addHandler(BenchHandler())
    }
  }
let channel = try bootstrap.bind(host: "127.0.0.1", port: port).wait()
print("raw NIO listening on http://127.0.0.1:\(port)/")
try channel.closeFuture.wait()
