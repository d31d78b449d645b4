import Foundation
import NIOCore
import NIOEmbedded
import NIOHTTP1
import Squall
import Testing

@testable import Squall

/// The connection handler on an `EmbeddedChannel`: the pipeline `HTTPServer` builds for each
/// connection, bytes in, bytes out, timers moved by hand. No socket, no sleep.
struct ConnectionHandlerTests {
  /// Answers with the path, at once (no await: the embedded loop runs it in `run()`).
  struct PathResponder: HTTPResponder {
    func respond(to request: HTTPServerRequest, writer: any HTTPResponseWriter) async {
      var head = HTTPResponseHead(version: .http1_1, status: .ok)
      let body = request.path + (request.body.isEmpty ? "" : " " + request.bodyText)
      head.headers.add(name: "Content-Length", value: "\(body.utf8.count)")
      writer.finish(head: head, body: ByteBuffer(string: body))
    }
  }

  /// A connection of a server with `options`, set up as `HTTPServer` sets up each one.
  static func connection(_ options: HTTPServer.Options = HTTPServer.Options()) throws -> (
    EmbeddedChannel, EmbeddedEventLoop, HTTPServer
  ) {
    let loop = EmbeddedEventLoop()
    let server = HTTPServer(PathResponder(), options: options, group: loop)
    let channel = EmbeddedChannel(loop: loop)
    try server.configure(channel)
    try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
    return (channel, loop, server)
  }

  /// Everything written to the client so far, as text (the handlers' tasks run first).
  static func written(_ channel: EmbeddedChannel, _ loop: EmbeddedEventLoop) throws -> String {
    var text = ""
    for _ in 0..<10 {
      loop.run()
      while let part = try channel.readOutbound(as: IOData.self) {
        if case .byteBuffer(let buffer) = part { text += String(buffer: buffer) }
      }
    }
    return text
  }

  @Test func pipelinedRequestsAreAnsweredInOrder() throws {
    let (channel, loop, _) = try Self.connection()
    try channel.writeInbound(
      ByteBuffer(string: "GET /one HTTP/1.1\r\nHost: a\r\n\r\nGET /two HTTP/1.1\r\nHost: a\r\n\r\n"))
    let text = try Self.written(channel, loop)
    let one = try #require(text.range(of: "\r\n\r\n/one"))
    let two = try #require(text.range(of: "\r\n\r\n/two"))
    #expect(one.lowerBound < two.lowerBound, "in the order they came")
    #expect(text.components(separatedBy: "HTTP/1.1 200 OK").count == 3)
    #expect(channel.isActive, "kept alive")
  }

  /// Counts the reads that reach the channel (it sits first in the pipeline).
  final class ReadCounter: ChannelOutboundHandler {
    typealias OutboundIn = ByteBuffer
    var reads = 0
    func read(context: ChannelHandlerContext) {
      reads += 1
      context.read()
    }
  }

  /// As NIO's `HTTPServerPipelineHandler`: while a pipelined request waits for the one being
  /// answered, the handler holds the channel's reads, and lets the held one through once both
  /// are answered.
  @Test func readsWaitWhileAPipelinedRequestWaitsThenOneGoesThrough() throws {
    let (channel, loop, _) = try Self.connection()
    let counter = ReadCounter()
    try channel.pipeline.syncOperations.addHandler(counter, position: .first)
    // Both requests in one read, and nothing run yet: /one is with its responder, /two waits.
    channel.pipeline.fireChannelRead(
      ByteBuffer(string: "GET /one HTTP/1.1\r\nHost: a\r\n\r\nGET /two HTTP/1.1\r\nHost: a\r\n\r\n"))
    let before = counter.reads
    channel.read()
    #expect(counter.reads == before, "a pipelined request waits: the read is held")
    let text = try Self.written(channel, loop)
    #expect(text.components(separatedBy: "HTTP/1.1 200 OK").count == 3, "both answered")
    #expect(counter.reads == before + 1, "then the held read goes through, once")
    channel.read()
    #expect(counter.reads == before + 2, "and reads pass again")
  }

  @Test func expectContinueGetsAnInterimAnswerBeforeTheBody() throws {
    let (channel, loop, _) = try Self.connection()
    try channel.writeInbound(
      ByteBuffer(string: "POST /up HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n"))
    #expect(try Self.written(channel, loop) == "HTTP/1.1 100 Continue\r\n\r\n", "nothing else before the body")
    try channel.writeInbound(ByteBuffer(string: "ping"))
    #expect(try Self.written(channel, loop).hasSuffix("\r\n\r\n/up ping"))
  }

  @Test func aMalformedRequestGetsABare400AndTheConnectionCloses() throws {
    let (channel, loop, _) = try Self.connection()
    // The parser's error is the handler's to answer: nothing is thrown back at the channel.
    try channel.writeInbound(ByteBuffer(string: "GET / HTTP/1.1\r\nHost a\r\n\r\n"))
    let text = try Self.written(channel, loop)
    #expect(text.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
    #expect(!channel.isActive, "closed after the 400")
  }

  @Test func anIdleConnectionClosesAfterItsTimeoutAndNotBefore() throws {
    var options = HTTPServer.Options()
    options.idleConnectionTimeout = 2
    let (channel, loop, server) = try Self.connection(options)
    let refusals = RefusalBox()
    let token = server.events.observe([.requestRefused]) { event in
      if case .requestRefused(let refusal) = event { refusals.append(refusal.cause) }
    }
    defer { token.cancel() }
    try channel.writeInbound(ByteBuffer(string: "GET /a HTTP/1.1\r\nHost: a\r\n\r\n"))
    #expect(try Self.written(channel, loop).hasSuffix("/a"))
    loop.advanceTime(by: .milliseconds(1999))
    #expect(channel.isActive, "idle for less than the timeout")
    loop.advanceTime(by: .milliseconds(1))
    loop.run()
    #expect(!channel.isActive, "closed once idle for idleConnectionTimeout")
    #expect(refusals.causes == [.idleTimeout])
  }
}

final class RefusalBox: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: [HTTPRefusal.Cause] = []
  func append(_ cause: HTTPRefusal.Cause) { lock.withLock { stored.append(cause) } }
  var causes: [HTTPRefusal.Cause] { lock.withLock { stored } }
}

extension ConnectionHandlerTests {
  /// With compressResponse, `100 Continue` goes around NIO's compressor (which takes one
  /// `Accept-Encoding` per head: the interim head would take the request's and the answer's
  /// head would then find none, a crash), and carries no Vary.
  @Test func expectContinueWhileCompressingAnswersTwiceAndCrashesNothing() throws {
    var options = HTTPServer.Options()
    options.compressResponse = true
    let (channel, loop, _) = try Self.connection(options)
    try channel.writeInbound(
      ByteBuffer(
        string:
          "POST /up HTTP/1.1\r\nHost: a\r\nAccept-Encoding: gzip\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n"))
    #expect(try Self.written(channel, loop) == "HTTP/1.1 100 Continue\r\n\r\n")
    try channel.writeInbound(ByteBuffer(string: "ping"))
    let answer = try Self.written(channel, loop)
    #expect(answer.hasPrefix("HTTP/1.1 200 OK\r\n") && answer.hasSuffix("/up ping"))
    #expect(answer.contains("Vary: Accept-Encoding"), "a short answer is not gzipped but says Vary")
  }
}
