import NIOConcurrencyHelpers
import Synchronization

/// How many body bytes an exchange event keeps for previews.
public let bodyPreviewLimit = 64 * 1024

/// Fan-out of server or client events. Emitting is a single atomic load when nobody observes.
public final class EventHub<Event: Sendable>: Sendable {

  private let observerCount = Atomic<Int>(0)
  /// Kept as an array so `emit` only retains it under the lock: no copy, no allocation.
  private let observers = NIOLockedValueBox<[(id: UInt64, call: @Sendable (Event) -> Void)]>([])
  private let nextID = Atomic<UInt64>(0)

  /// Creates a hub with no observers.
  public init() {}

  /// Whether anybody is listening.
  public var isObserved: Bool { observerCount.load(ordering: .relaxed) > 0 }

  /// Calls `observer` for every event, on the connection's event loop thread: keep it quick.
  /// Keep the returned token; `cancel()` it to stop.
  @discardableResult
  public func observe(_ observer: @escaping @Sendable (Event) -> Void) -> Observation {
    let id = nextID.add(1, ordering: .relaxed).newValue
    observers.withLockedValue { $0.append((id, observer)) }
    observerCount.add(1, ordering: .relaxed)
    return Observation { [weak self] in
      guard let self else { return }
      let removed = self.observers.withLockedValue { list in
        guard let index = list.firstIndex(where: { $0.id == id }) else { return false }
        list.remove(at: index)
        return true
      }
      if removed { self.observerCount.subtract(1, ordering: .relaxed) }
    }
  }

  /// The events as an async sequence that keeps only the newest `limit` when the reader lags.
  public func stream(bufferingNewest limit: Int = 10_000) -> AsyncStream<Event> {
    AsyncStream(bufferingPolicy: .bufferingNewest(limit)) { continuation in
      let token = observe { continuation.yield($0) }
      continuation.onTermination = { _ in token.cancel() }
    }
  }

  package func emit(_ event: @autoclosure () -> Event) {
    guard isObserved else { return }
    let event = event()
    let current = observers.withLockedValue { $0 }
    for observer in current { observer.call(event) }
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

/// The hub a server publishes its `ServerEvent`s on.
public typealias ServerEventHub = EventHub<ServerEvent>
