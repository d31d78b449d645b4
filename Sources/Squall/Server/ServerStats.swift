import Synchronization

/// Live counters of a server, safe to read from any thread.
public final class ServerStats: Sendable {
  private let open = Atomic<Int>(0)
  private let total = Atomic<Int>(0)
  private let requestCount = Atomic<Int>(0)
  private let read = Atomic<Int>(0)
  private let written = Atomic<Int>(0)
  private let informational = Atomic<Int>(0)
  private let success = Atomic<Int>(0)
  private let redirection = Atomic<Int>(0)
  private let clientError = Atomic<Int>(0)
  private let serverError = Atomic<Int>(0)
  private let refusals = Atomic<Int>(0)

  init() {}

  /// Connections open now.
  public var connectionsOpen: Int { open.load(ordering: .relaxed) }
  /// Connections accepted since start.
  public var connectionsTotal: Int { total.load(ordering: .relaxed) }
  /// Responses finished.
  public var requests: Int { requestCount.load(ordering: .relaxed) }
  /// Bytes read from clients.
  public var bytesRead: Int { read.load(ordering: .relaxed) }
  /// Bytes written to clients.
  public var bytesWritten: Int { written.load(ordering: .relaxed) }
  /// Requests the server refused by itself (malformed, over a limit, timed out); not in `requests`.
  public var refused: Int { refusals.load(ordering: .relaxed) }
  /// Responses by status class: index 0 is 1xx ... index 4 is 5xx.
  public var statusClasses: [Int] {
    [
      informational.load(ordering: .relaxed), success.load(ordering: .relaxed),
      redirection.load(ordering: .relaxed), clientError.load(ordering: .relaxed),
      serverError.load(ordering: .relaxed),
    ]
  }

  func connectionOpened() {
    open.add(1, ordering: .relaxed)
    total.add(1, ordering: .relaxed)
  }
  func connectionClosed() { open.subtract(1, ordering: .relaxed) }
  func didRefuse() { refusals.add(1, ordering: .relaxed) }
  func didRead(_ count: Int) { read.add(count, ordering: .relaxed) }
  func didWrite(_ count: Int) { written.add(count, ordering: .relaxed) }
  func responded(status: Int) {
    requestCount.add(1, ordering: .relaxed)
    switch status / 100 {
    case 1: informational.add(1, ordering: .relaxed)
    case 2: success.add(1, ordering: .relaxed)
    case 3: redirection.add(1, ordering: .relaxed)
    case 4: clientError.add(1, ordering: .relaxed)
    default: serverError.add(1, ordering: .relaxed)
    }
  }
}
