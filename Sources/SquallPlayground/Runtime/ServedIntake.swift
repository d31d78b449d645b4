/// When the UI thread drains the `EventQueue`: whenever it has news, except under a flood of
/// served exchanges (more than `floodRate` a second, measured over `window`), when it drains
/// every `floodInterval`, everything at once and in order. The queue keeps the newest exchanges
/// meanwhile (as many as the log keeps) and drops the rest on the event loops that made them,
/// so the UI thread builds entries only for what the log will hold, a few times a second,
/// instead of for tens of thousands a second that the log would drop unread; other news waits
/// at most that long. While a lesson is open it drains whenever there is news (a step's check
/// may be waiting for an exchange, and none is dropped). Pure: the caller gives the clock.
struct ServedIntake {
  /// Exchanges a second from which the log takes them only every `floodInterval`.
  static let floodRate = 15_000.0
  static let floodInterval: Duration = .milliseconds(250)
  /// How long the rate is measured over before it may change the mode.
  static let window: Duration = .milliseconds(200)

  private(set) var flooded = false
  private var lastTake: ContinuousClock.Instant
  private var windowStart: ContinuousClock.Instant
  private var windowArrived = 0
  private var droppedAtLastTake = 0

  init(now: ContinuousClock.Instant) {
    lastTake = now
    windowStart = now
  }

  /// Whether the queue may be drained at `now`.
  func isDue(at now: ContinuousClock.Instant) -> Bool {
    !flooded || now - lastTake >= Self.floodInterval
  }

  /// When the loop must wake to drain, while it drains only now and then.
  var nextTake: ContinuousClock.Instant? { flooded ? lastTake + Self.floodInterval : nil }

  /// A drain at `now` took `count` exchanges; the queue had dropped `droppedSoFar` in all.
  mutating func took(
    _ count: Int, droppedSoFar: Int, at now: ContinuousClock.Instant, keepEveryExchange: Bool
  ) {
    windowArrived += count + max(0, droppedSoFar - droppedAtLastTake)
    droppedAtLastTake = droppedSoFar
    lastTake = now
    if keepEveryExchange {
      flooded = false
      windowStart = now
      windowArrived = 0
      return
    }
    let elapsed = now - windowStart
    guard elapsed >= Self.window else { return }
    let (seconds, attoseconds) = elapsed.components
    flooded = Double(windowArrived) / (Double(seconds) + Double(attoseconds) / 1e18) >= Self.floodRate
    windowStart = now
    windowArrived = 0
  }
}
