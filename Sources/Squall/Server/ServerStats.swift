import Synchronization

/// Live counters of a server, safe to read from any thread.
///
/// Each event loop counts into its own `Counters` (no cache line bounced between cores per
/// request); a read sums them: a few relaxed atomic loads per loop.
public final class ServerStats: Sendable {
  /// One event loop's share of the counts.
  final class Counters: Sendable {
    fileprivate let open = Atomic<Int>(0)
    fileprivate let total = Atomic<Int>(0)
    fileprivate let requests = Atomic<Int>(0)
    fileprivate let read = Atomic<Int>(0)
    fileprivate let written = Atomic<Int>(0)
    fileprivate let refusals = Atomic<Int>(0)
    fileprivate let webSockets = Atomic<Int>(0)
    fileprivate let webSocketsEver = Atomic<Int>(0)
    /// Responses by status class: 1xx ... 5xx.
    fileprivate let informational = Atomic<Int>(0)
    fileprivate let success = Atomic<Int>(0)
    fileprivate let redirection = Atomic<Int>(0)
    fileprivate let clientError = Atomic<Int>(0)
    fileprivate let serverError = Atomic<Int>(0)

    func connectionOpened() {
      open.add(1, ordering: .relaxed)
      total.add(1, ordering: .relaxed)
    }
    func connectionClosed() { open.subtract(1, ordering: .relaxed) }
    func webSocketOpened() {
      webSockets.add(1, ordering: .relaxed)
      webSocketsEver.add(1, ordering: .relaxed)
    }
    func webSocketClosed() { webSockets.subtract(1, ordering: .relaxed) }
    func didRefuse() { refusals.add(1, ordering: .relaxed) }
    func didRead(_ count: Int) { read.add(count, ordering: .relaxed) }
    func didWrite(_ count: Int) { written.add(count, ordering: .relaxed) }
    func responded(status: Int) {
      requests.add(1, ordering: .relaxed)
      switch status / 100 {
      case 1: informational.add(1, ordering: .relaxed)
      case 2: success.add(1, ordering: .relaxed)
      case 3: redirection.add(1, ordering: .relaxed)
      case 4: clientError.add(1, ordering: .relaxed)
      default: serverError.add(1, ordering: .relaxed)
      }
    }
  }

  private let shards: [Counters]

  /// Counters in `shards` parts (one per event loop).
  init(shards: Int = 1) { self.shards = (0..<max(1, shards)).map { _ in Counters() } }

  /// The counters of shard `index` (wrapping).
  func counters(_ index: Int) -> Counters { shards[index % shards.count] }

  /// Connections open now.
  public var connectionsOpen: Int { shards.reduce(0) { $0 + $1.open.load(ordering: .relaxed) } }
  /// Connections accepted since start.
  public var connectionsTotal: Int { shards.reduce(0) { $0 + $1.total.load(ordering: .relaxed) } }
  /// Responses finished.
  public var requests: Int { shards.reduce(0) { $0 + $1.requests.load(ordering: .relaxed) } }
  /// Bytes read from clients, on the connections recorded for observers (see `ServerEventHub`):
  /// counting each read of every connection would cost an atomic add per read nobody looks at.
  public var bytesRead: Int { shards.reduce(0) { $0 + $1.read.load(ordering: .relaxed) } }
  /// Bytes written to clients, on the connections recorded for observers, as `bytesRead`.
  public var bytesWritten: Int { shards.reduce(0) { $0 + $1.written.load(ordering: .relaxed) } }
  /// Requests the server refused by itself (malformed, over a limit, timed out); not in `requests`.
  public var refused: Int { shards.reduce(0) { $0 + $1.refusals.load(ordering: .relaxed) } }
  /// WebSockets open now (each is also one of `connectionsOpen`).
  public var webSocketsOpen: Int { shards.reduce(0) { $0 + $1.webSockets.load(ordering: .relaxed) } }
  /// WebSockets opened since start.
  public var webSocketsTotal: Int { shards.reduce(0) { $0 + $1.webSocketsEver.load(ordering: .relaxed) } }
  /// Responses by status class: index 0 is 1xx ... index 4 is 5xx.
  public var statusClasses: [Int] {
    var result = [0, 0, 0, 0, 0]
    for shard in shards {
      result[0] += shard.informational.load(ordering: .relaxed)
      result[1] += shard.success.load(ordering: .relaxed)
      result[2] += shard.redirection.load(ordering: .relaxed)
      result[3] += shard.clientError.load(ordering: .relaxed)
      result[4] += shard.serverError.load(ordering: .relaxed)
    }
    return result
  }
}
