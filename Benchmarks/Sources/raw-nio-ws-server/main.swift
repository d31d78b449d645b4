// The WebSocket baseline: the smallest SwiftNIO WebSocket echo server, no framework, on one
// event loop. `NIOWebSocketServerUpgrader` upgrades `GET /ws` (any other request gets a bare
// 404); text, binary and continuation frames come back as they came, a ping gets its pong, a
// close gets a close (with the peer's code) and then the connection closes.
// Usage: raw-nio-ws-server [PORT]
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket

final class EchoFrames: ChannelInboundHandler {
  typealias InboundIn = WebSocketFrame
  typealias OutboundOut = WebSocketFrame
  private var closing = false

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let frame = unwrapInboundIn(data)
    switch frame.opcode {
    case .text, .binary, .continuation:
      guard !closing else { return }
      let echo = WebSocketFrame(fin: frame.fin, opcode: frame.opcode, data: frame.unmaskedData)
      context.writeAndFlush(wrapOutboundOut(echo), promise: nil)
    case .ping:
      guard !closing else { return }
      context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData)), promise: nil)
    case .pong:
      break
    case .connectionClose:
      guard !closing else { return }
      closing = true
      var payload = frame.unmaskedData
      let code = payload.readSlice(length: 2) ?? ByteBuffer()
      let channel = context.channel
      context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, data: code)))
        .whenComplete { _ in channel.close(promise: nil) }
    default:
      context.close(promise: nil)
    }
  }

  func channelReadComplete(context: ChannelHandlerContext) { context.flush() }
}

/// Answers what was not upgraded (another path, a plain GET) with a bare 404, then closes.
final class NotFound: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias OutboundOut = HTTPServerResponsePart

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    guard case .end = unwrapInboundIn(data) else { return }
    var headers = HTTPHeaders()
    headers.add(name: "Content-Length", value: "0")
    headers.add(name: "Connection", value: "close")
    context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .notFound, headers: headers))), promise: nil)
    let channel = context.channel
    context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
  }
}

let port = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 8893
let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
let upgrader = NIOWebSocketServerUpgrader(
  shouldUpgrade: { channel, head in
    channel.eventLoop.makeSucceededFuture(head.uri == "/ws" ? HTTPHeaders() : nil)
  },
  upgradePipelineHandler: { channel, _ in
    channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(EchoFrames()) }
  })
let bootstrap = ServerBootstrap(group: group)
  .serverChannelOption(.backlog, value: 256)
  .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
  .childChannelInitializer { channel in
    channel.eventLoop.makeCompletedFuture {
      try channel.pipeline.syncOperations.configureHTTPServerPipeline(
        withServerUpgrade: (
          upgraders: [upgrader],
          completionHandler: { context in
            // Upgraded: NIO took its HTTP handlers out; this one goes too.
            context.pipeline.syncOperations.removeHandler(name: "not-found", promise: nil)
          }
        ))
      try channel.pipeline.syncOperations.addHandler(NotFound(), name: "not-found")
    }
  }
let channel = try bootstrap.bind(host: "127.0.0.1", port: port).wait()
print("raw NIO WebSocket echo on ws://127.0.0.1:\(port)/ws (one event loop)")
try channel.closeFuture.wait()
