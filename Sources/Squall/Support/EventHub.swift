import NIOConcurrencyHelpers
import Synchronization

/// How many body bytes an exchange event keeps for previews.
public let bodyPreviewLimit = 64 * 1024

/// Fan-out of server or client events. Observers say which kinds of event they want (a bit
/// each); an event nobody wants is never built: emitting it is a single atomic load.
public final class EventHub<Event: Sendable>: Sendable {
  /// The kinds some observer wants, one bit each (all bits for an observer of everything).
  private let wanted = Atomic<UInt64>(0)
  /// Kept as an array so `emit` only retains it under the lock: no copy, no allocation.
  private let observers = NIOLockedValueBox<[(id: UInt64, mask: UInt64, call: @Sendable (Event) -> Void)]>([])
  private let nextID = Atomic<UInt64>(0)

  /// Creates a hub with no observers.
  public init() {}

  /// Whether anybody is listening, to anything.
  public var isObserved: Bool { wanted.load(ordering: .relaxed) != 0 }

  /// Whether some observer wants events of kind `bit`. A single atomic load.
  package func wants(_ bit: Int) -> Bool { wanted.load(ordering: .relaxed) & (1 << UInt64(bit)) != 0 }

  /// Calls `observer` for every event, on the connection's event loop thread: keep it quick.
  /// Keep the returned token; `cancel()` it to stop.
  @discardableResult
  public func observe(_ observer: @escaping @Sendable (Event) -> Void) -> Observation {
    observe(mask: .max, observer)
  }

  /// Calls `observer` for the events whose kind bit is in `mask`.
  @discardableResult
  package func observe(mask: UInt64, _ observer: @escaping @Sendable (Event) -> Void) -> Observation {
    let id = nextID.add(1, ordering: .relaxed).newValue
    observers.withLockedValue { list in
      list.append((id, mask, observer))
      wanted.store(list.reduce(0) { $0 | $1.mask }, ordering: .relaxed)
    }
    return Observation { [weak self] in
      guard let self else { return }
      self.observers.withLockedValue { list in
        guard let index = list.firstIndex(where: { $0.id == id }) else { return }
        list.remove(at: index)
        self.wanted.store(list.reduce(0) { $0 | $1.mask }, ordering: .relaxed)
      }
    }
  }

  /// Builds and hands over an event of kind `bit` only when some observer wants that kind.
  package func emit(_ bit: Int, _ event: @autoclosure () -> Event) {
    guard wants(bit) else { return }
    let event = event()
    let current = observers.withLockedValue { $0 }
    for observer in current where observer.mask & (1 << UInt64(bit)) != 0 { observer.call(event) }
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
