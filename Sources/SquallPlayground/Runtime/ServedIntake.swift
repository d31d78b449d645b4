/// When the UI thread takes the hosted server's exchanges from the `EventQueue`: with every
/// drain, except under a flood (more than `floodRate` a second, measured over `window`), when
/// it takes them every `floodInterval`. The queue keeps the newest of them meanwhile (as many
/// as the log keeps) and drops the rest on the event loops that made them, so the UI thread
/// builds entries only for what the log will hold, a few times a second, instead of for tens of
/// thousands a second that the log would drop unread. While a lesson is open every exchange is
/// taken with every drain (a step's check may be waiting for one). Pure: the caller gives the
/// clock.
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

  /// Whether a drain at `now` takes the served exchanges.
  func isDue(at now: ContinuousClock.Instant) -> Bool {
    !flooded || now - lastTake >= Self.floodInterval
  }

  /// When the loop must wake to take them, while they are taken only now and then.
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
