import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import Squall

/// The connection side of an in-process request: keeps the head and the body the application
/// writes, and says when the response has ended.
final class InProcessWriter: HTTPResponseWriter {
  struct Written {
    var head: HTTPResponseHead?
    var body: [UInt8] = []
    var ended = false
    var aborted = false
  }

  private let written = NIOLockedValueBox(Written())

  var result: Written { written.withLockedValue { $0 } }

  func writeHeaders(_ head: HTTPResponseHead, body: ByteBuffer, finish: Bool) async throws {
    keep(head, body, end: finish)
  }

  func write(_ body: ByteBuffer) async throws { keep(nil, body, end: false) }

  func finish(head: HTTPResponseHead, body: ByteBuffer) { keep(head, body, end: true) }

  func finish(_ body: ByteBuffer) { keep(nil, body, end: true) }

  func abort() { written.withLockedValue { $0.aborted = true } }

  private func keep(_ head: HTTPResponseHead?, _ body: ByteBuffer, end: Bool) {
    written.withLockedValue { written in
      if let head { written.head = head }
      written.body += body.readableBytesView
      if end { written.ended = true }
    }
  }
}
