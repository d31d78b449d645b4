// In-process benchmarks: `swift package benchmark` in Benchmarks/ (release build).
// Allocations and time per request through the whole server (loopback, one keep-alive
// connection driven by a blocking client that allocates nothing per request), for Squall and
// for a bare NIOHTTP1 handler in the same process; routing with 1 and 50 regex routes; form
// and multipart parsing. Instruction counts need hardware counters, which this machine's
// virtual CPU does not offer: see README for the callgrind command that counts them instead.
import Benchmark
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Squall

#if canImport(Glibc)
  import Glibc
#endif

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .throughput, .mallocCountTotal],
    maxDuration: .seconds(3),
    maxIterations: 100_000)

  Benchmark("Squall: hello world, one request on a keep-alive connection") { benchmark in
    let client = try LoopbackClient(port: Servers.shared.squallPort)
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations { try client.roundTrip() }
  }

  Benchmark("Raw NIOHTTP1: hello world, one request on a keep-alive connection") { benchmark in
    let client = try LoopbackClient(port: Servers.shared.rawPort)
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations { try client.roundTrip() }
  }

  for count in [1, 50] {
    let routes = (0..<count).map { URLSpec(#"/items/(\d+)/part\#($0)"#, RequestHandler.self) }
    let app = Application(routes)
    let path = "/items/42/part\(count - 1)"
    Benchmark("Routing: the last of \(count) regex routes") { benchmark in
      for _ in benchmark.scaledIterations { blackHole(app.findHandler(path)) }
    }
  }

  let form = (0..<20).map { "field\($0)=value+\($0)%21" }.joined(separator: "&")
  Benchmark("Form: 20 urlencoded fields") { benchmark in
    for _ in benchmark.scaledIterations { blackHole(FormArguments(urlEncoded: form)) }
  }

  let boundary = "squallbench"
  let parts = (0..<5).map { "--\(boundary)\r\nContent-Disposition: form-data; name=\"f\($0)\"\r\n\r\nvalue \($0)\r\n" }
  let file = "--\(boundary)\r\nContent-Disposition: form-data; name=\"up\"; filename=\"a.txt\"\r\n"
    + "Content-Type: text/plain\r\n\r\n" + String(repeating: "x", count: 4096) + "\r\n--\(boundary)--\r\n"
  let multipart = Array((parts.joined() + file).utf8)
  Benchmark("Multipart: 5 fields and a 4 KB file") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(
        HTTPServerRequest(
          method: "POST", uri: "/upload",
          headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"], body: multipart))
    }
  }
}

/// The servers the loopback benchmarks talk to, started once per process on ports the system picks.
final class Servers: Sendable {
  static let shared = Servers()
  let squallPort: Int
  let rawPort: Int

  private init() {
    final class MainHandler: RequestHandler {
      override func get() async throws { write("Hello, world") }
    }
    let server = HTTPServer(Application([("/", MainHandler.self)], settings: Settings(logFunction: { _ in })))
    try! server.listen(0)
    squallPort = server.ports[0]
    let raw = try! ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.configureHTTPServerPipeline()
          try channel.pipeline.syncOperations.addHandler(RawHello())
        }
      }
      .bind(host: "127.0.0.1", port: 0).wait()
    rawPort = raw.localAddress!.port!
  }
}

final class RawHello: ChannelInboundHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias OutboundOut = HTTPServerResponsePart
  private let body = ByteBuffer(string: "Hello, world")

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    guard case .end = unwrapInboundIn(data) else { return }
    var headers = HTTPHeaders()
    headers.add(name: "Content-Type", value: "text/html; charset=UTF-8")
    headers.add(name: "Content-Length", value: "12")
    context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
    context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
    context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
  }
}

/// A blocking keep-alive client that sends one GET and reads one response of known framing
/// (`Content-Length`), into buffers made once: it allocates nothing per request, so the
/// allocations measured are the server's.
final class LoopbackClient {
  private let fd: Int32
  private let request = Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
  private var buffer = [UInt8](repeating: 0, count: 65_536)

  init(port: Int) throws {
    fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
    var one: Int32 = 1
    setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
  }

  deinit { close(fd) }

  /// Sends the request and reads until the head and `Content-Length` bytes of body are in.
  func roundTrip() throws {
    _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
    var filled = 0
    while true {
      let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + filled, $0.count - filled, 0) }
      guard count > 0 else { throw POSIXError(.ECONNRESET) }
      filled += count
      if let total = Self.responseLength(buffer, filled), filled >= total { return }
    }
  }

  /// The length of the response at the start of `bytes` once its head is complete.
  static func responseLength(_ bytes: [UInt8], _ count: Int) -> Int? {
    guard count >= 4 else { return nil }
    var end = -1
    for index in 3..<count
    where bytes[index] == 10 && bytes[index - 1] == 13 && bytes[index - 2] == 10 && bytes[index - 3] == 13 {
      end = index + 1
      break
    }
    guard end > 0 else { return nil }
    // "content-length:" in any case, then digits.
    let key = Array("content-length:".utf8)
    var index = 0
    while index + key.count < end {
      var matches = true
      for offset in 0..<key.count where bytes[index + offset] | 0x20 != key[offset] | 0x20 {
        matches = false
        break
      }
      if matches {
        var value = 0
        var cursor = index + key.count
        while bytes[cursor] == 32 { cursor += 1 }
        while (48...57).contains(bytes[cursor]) {
          value = value * 10 + Int(bytes[cursor] - 48)
          cursor += 1
        }
        return end + value
      }
      index += 1
    }
    return end
  }
}
