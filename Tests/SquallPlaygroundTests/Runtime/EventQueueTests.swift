import Foundation
import NIOCore
import NIOHTTP1
import Squall
import Testing

@testable import SquallPlayground
@testable import SquallPlaygroundCore

/// The handover from the event loops to the UI thread.
@Suite struct EventQueueTests {
  static func served(_ uri: String) -> RuntimeEvent {
    .served(
      HTTPExchange(
        connectionID: 1, remote: "127.0.0.1", request: HTTPRequestHead(version: .http1_1, method: .GET, uri: uri),
        requestBody: ByteBuffer(), requestBodySize: 0, response: HTTPResponseHead(version: .http1_1, status: .ok),
        responseBody: ByteBuffer(), responseBodySize: 0, duration: 0))
  }

  static func uris(_ events: some Sequence<RuntimeEvent>) -> [String] {
    events.map { event in
      switch event.playgroundEvent {
      case .servedExchange(let exchange): exchange.entry.target
      case .serverStarted(let port): "started \(port)"
      default: "other"
      }
    }
  }

  static func readable(_ fd: Int32) -> Bool {
    var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    return poll(&entry, 1, 0) == 1
  }

  @Test func drainingHandsOverEverythingInOrderAndEmptiesTheQueue() {
    let queue = EventQueue()
    queue.push(.serverStarted(port: 8888))
    queue.push(contentsOf: [Self.served("/a"), Self.served("/b")])
    #expect(Self.uris(queue.drain().events) == ["started 8888", "/a", "/b"])
    #expect(queue.drain().events.isEmpty)
  }

  @Test func theFirstPushWakesTheUIOnceUntilItDrains() {
    let queue = EventQueue()
    #expect(!Self.readable(queue.wakeFD))
    queue.push(contentsOf: [Self.served("/a")])
    #expect(Self.readable(queue.wakeFD), "the first push wakes the UI loop")
    _ = queue.drain()
    #expect(!Self.readable(queue.wakeFD), "draining empties the wake-up pipe")
    queue.push(contentsOf: [Self.served("/b")])
    #expect(Self.readable(queue.wakeFD), "the next push after a drain wakes it again")
  }

  @Test func aFullQueueDropsTheOldestExchangesOnlyAndCountsThem() {
    let queue = EventQueue(capacity: 3)
    queue.push(.serverStarted(port: 1))
    for uri in ["/1", "/2", "/3", "/4"] { queue.push(contentsOf: [Self.served(uri)]) }
    #expect(Self.uris(queue.drain().events) == ["started 1", "/3", "/4"], "the server's own events are never dropped")
    #expect(queue.dropped == 2)
  }

  @Test func pastTheServedLimitTheOldestExchangesGoAndTheRestKeepTheirOrder() {
    let queue = EventQueue()
    queue.servedLimit = 2
    queue.push(contentsOf: [Self.served("/1"), Self.served("/2")])
    queue.push(.serverStarted(port: 1))
    queue.push(contentsOf: [Self.served("/3")])
    queue.push(.serverStarted(port: 2))
    let drained = queue.drain()
    #expect(Self.uris(drained.events) == ["/2", "started 1", "/3", "started 2"])
    #expect(drained.served == 2)
    #expect(queue.dropped == 1)
  }
}
