import Foundation
import NIOHTTP1
import Squall
import SquallTestSupport
import Testing

/// A handler that takes its connection over from HTTP (`detach()`, Tornado's), to send bytes a
/// server should not: checked at the socket (exactly these bytes, then the close or a reset)
/// and by Squall's client (an error naming what happened, never a hang).
final class ShortBodyHandler: RequestHandler {
  override func get() async throws {
    let stream = try await detach()
    try await stream.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789")
    await stream.close()
  }
}

final class ResetHandler: RequestHandler {
  override func get() async throws {
    let stream = try await detach()
    await stream.reset()
  }
}

/// Detaches, writes nothing and returns: the connection closes with the handler.
final class SilentHandler: RequestHandler {
  override func get() async throws { _ = try await detach() }
}

/// Writes its body first: detaching then is refused, and the response goes on as HTTP.
final class LateDetachHandler: RequestHandler {
  override func get() async throws {
    write("started")
    try await flush()
    do { _ = try await detach() } catch { write(" and not detached") }
  }
}

@Suite struct DetachTests {
  static func app() -> Application {
    Application(
      [
        url("/short-body", ShortBodyHandler.self), url("/reset", ResetHandler.self),
        url("/silent", SilentHandler.self), url("/late", LateDetachHandler.self),
      ], settings: Settings(logFunction: { _ in }))
  }

  static func raw(_ port: Int, _ path: String) async throws -> (bytes: [UInt8], closed: Bool) {
    try await blocking {
      let socket = try RawSocket(port: port)
      try socket.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
      return socket.read(until: { _ in false }, timeout: 5)
    }
  }

  @Test func theBytesWrittenAreTheBytesSentThenTheClose() async throws {
    try await withServer(Self.app()) { port, _ async throws in
      let (bytes, closed) = try await Self.raw(port, "/short-body")
      #expect(String(decoding: bytes, as: UTF8.self) == "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789")
      #expect(closed, "closed after the 10 bytes")
      let (silent, silentClosed) = try await Self.raw(port, "/silent")
      #expect(silent.isEmpty && silentClosed, "nothing, then the close: no 500 added for it")
    }
  }

  @Test func theClientSaysWhatWentWrong() async throws {
    try await withServer(Self.app()) { port, _ async throws in
      let client = AsyncHTTPClient()
      let short = await client.perform(HTTPRequest("http://127.0.0.1:\(port)/short-body"))
      #expect(short.code == 599)
      #expect(short.error?.message.contains("10") == true, "\(short.error?.message ?? "")")
      let reset = await client.perform(HTTPRequest("http://127.0.0.1:\(port)/reset"))
      #expect(reset.code == 599, "\(reset.error?.message ?? "")")
      await client.close()
    }
  }

  @Test func detachingAfterTheHeadIsRefused() async throws {
    try await withServer(Self.app()) { port, _ async throws in
      let client = AsyncHTTPClient()
      let late = try await client.fetch(HTTPRequest("http://127.0.0.1:\(port)/late"))
      #expect(late.code == 200 && late.text == "started and not detached")
      await client.close()
    }
  }
}
