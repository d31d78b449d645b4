import Foundation
import SquallValues

/// Records a server's exchanges as trace spans, for `squall serve --trace FILE`: one complete
/// event per request, named `METHOD PATH`, on the thread of its event loop, with the connection
/// in `args`. Keeps the newest `capacity` spans. Observing exchanges is what costs: a server
/// with no recorder builds no exchange at all.
package final class ServerTraceRecorder: @unchecked Sendable {
  private let lock = NSLock()
  private var spans: [ChromeTrace.Span] = []
  private var dropped = 0
  private let capacity: Int
  private let eventLoops: Int
  private let name: String

  package init(_ server: HTTPServer, name: String = "squall server", capacity: Int = 100_000) {
    self.capacity = capacity
    self.eventLoops = server.eventLoopCount
    self.name = name
    server.events.observe([.exchangeCompleted]) { [self] event in
      guard case .exchangeCompleted(let exchange) = event else { return }
      record(Self.span(exchange))
    }
  }

  /// The span of one exchange. Pure.
  package static func span(_ exchange: HTTPExchange) -> ChromeTrace.Span {
    let path = String(exchange.request.uri.prefix { $0 != "?" })
    var args: [String: ChromeTrace.Value] = [
      "connection": .int(Int(exchange.connectionID)), "status": .int(Int(exchange.response.status.code)),
      "uri": .string(exchange.request.uri),
      "handler_started_ms": .double(milliseconds(exchange.timing.handlerStarted)),
    ]
    if let firstByte = exchange.timing.firstByte { args["first_byte_ms"] = .double(milliseconds(firstByte)) }
    return ChromeTrace.Span(
      name: "\(exchange.request.method.rawValue) \(path)", category: "server", start: exchange.startedAt,
      duration: exchange.duration, process: 1, thread: exchange.timing.eventLoop + 1, args: args)
  }

  static func milliseconds(_ seconds: Double) -> Double { (seconds * 1_000_000).rounded() / 1000 }

  private func record(_ span: ChromeTrace.Span) {
    lock.withLock {
      if spans.count >= capacity {
        let batch = min(spans.count, max(1, capacity / 10))
        spans.removeFirst(batch)
        dropped += batch
      }
      spans.append(span)
    }
  }

  /// How many requests the trace holds, and how many older ones were dropped to stay bounded.
  package var counts: (recorded: Int, dropped: Int) { lock.withLock { (spans.count, dropped) } }

  /// The trace so far, as Chrome trace-event JSON; every event loop is named, also idle ones.
  package func json() -> Data {
    let spans = lock.withLock { self.spans }
    var threads: [Int: String] = [:]
    for loop in 0..<max(eventLoops, 1) { threads[loop + 1] = "event loop \(loop)" }
    return ChromeTrace.json(spans, processes: [ChromeTrace.Process(id: 1, name: name, threads: threads)])
  }
}
