import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import Synchronization

/// What happened on a server connection, published for observers such as the playground's log.
public enum ServerEvent: Sendable {
  /// A client connected.
  case connectionOpened(connectionID: UInt64, remote: String)
  /// A connection closed (by either side).
  case connectionClosed(connectionID: UInt64)
  /// Bytes as read from the socket, before parsing.
  case bytesRead(connectionID: UInt64, ByteBuffer)
  /// Bytes as written to the socket.
  case bytesWritten(connectionID: UInt64, ByteBuffer)
  /// A parsed request head.
  case requestHead(connectionID: UInt64, HTTPRequestHead)
  /// A piece of request body.
  case requestBody(connectionID: UInt64, ByteBuffer)
  /// The response head as sent.
  case responseHead(connectionID: UInt64, HTTPResponseHead)
  /// A piece of response body as handed to the connection.
  case responseBody(connectionID: UInt64, ByteBuffer)
  /// A whole request/response exchange with its timing.
  case exchangeCompleted(HTTPExchange)
  /// The client sent something that is not HTTP, or too much of it; the connection closes.
  case protocolError(connectionID: UInt64, message: String)
}

/// One finished request and its response.
public struct HTTPExchange: Sendable {
  /// The connection it came on.
  public var connectionID: UInt64
  /// The client address.
  public var remote: String
  /// The request head.
  public var request: HTTPRequestHead
  /// The first bytes of the request body (at most `ServerEventHub.bodyPreviewLimit`).
  public var requestBody: ByteBuffer
  /// The full request body size.
  public var requestBodySize: Int
  /// The response head.
  public var response: HTTPResponseHead
  /// The first bytes of the response body.
  public var responseBody: ByteBuffer
  /// The full response body size.
  public var responseBodySize: Int
  /// Seconds from the request head to the last response byte queued.
  public var duration: Double
}

/// Fan-out of `ServerEvent`s. Emitting is a single atomic load when nobody observes.
public final class ServerEventHub: Sendable {
  /// How many body bytes an `Exchange` keeps.
  public static let bodyPreviewLimit = 64 * 1024

  private let observerCount = Atomic<Int>(0)
  private let observers = NIOLockedValueBox<[UInt64: @Sendable (ServerEvent) -> Void]>([:])
  private let nextID = Atomic<UInt64>(0)

  /// Creates a hub with no observers.
  public init() {}

  /// Whether anybody is listening.
  public var isObserved: Bool { observerCount.load(ordering: .relaxed) > 0 }

  /// Calls `observer` for every event, on the connection's event loop thread: keep it quick.
  /// Keep the returned token; `cancel()` it to stop.
  @discardableResult
  public func observe(_ observer: @escaping @Sendable (ServerEvent) -> Void) -> Observation {
    let id = nextID.add(1, ordering: .relaxed).newValue
    observers.withLockedValue { $0[id] = observer }
    observerCount.add(1, ordering: .relaxed)
    return Observation { [weak self] in
      guard let self else { return }
      let removed = self.observers.withLockedValue { $0.removeValue(forKey: id) }
      if removed != nil { self.observerCount.subtract(1, ordering: .relaxed) }
    }
  }

  /// The events as an async sequence that keeps only the newest `limit` when the reader lags.
  public func stream(bufferingNewest limit: Int = 10_000) -> AsyncStream<ServerEvent> {
    AsyncStream(bufferingPolicy: .bufferingNewest(limit)) { continuation in
      let token = observe { continuation.yield($0) }
      continuation.onTermination = { _ in token.cancel() }
    }
  }

  func emit(_ event: @autoclosure () -> ServerEvent) {
    guard isObserved else { return }
    let event = event()
    let current = observers.withLockedValue { Array($0.values) }
    for observer in current { observer(event) }
  }
}

/// A subscription to a hub; cancel it to stop receiving events.
public final class Observation: Sendable {
  private let onCancel: NIOLockedValueBox<(@Sendable () -> Void)?>

  init(_ onCancel: @escaping @Sendable () -> Void) { self.onCancel = .init(onCancel) }

  /// Stops the observer. Safe to call more than once.
  public func cancel() {
    let action = onCancel.withLockedValue { value in
      defer { value = nil }
      return value
    }
    action?()
  }
}

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
