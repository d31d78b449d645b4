/// When the parts of one exchange happened, in seconds from its request head (`startedAt`),
/// and where: what a timeline draws. Recorded only while someone observes exchanges.
public struct ExchangeTiming: Sendable, Equatable {
  /// The event loop (its index in the server's group) the connection, and so its handlers,
  /// ran on: a handler that blocks stalls every connection of its loop.
  public var eventLoop: Int
  /// Seconds from the connection being accepted to this request's head (negative or zero).
  public var connectionOpened: Double
  /// The whole body had arrived and the handler was started.
  public var handlerStarted: Double
  /// The response head was written; nil when none was (the connection was closed).
  public var firstByte: Double?

  public init(eventLoop: Int = 0, connectionOpened: Double = 0, handlerStarted: Double = 0, firstByte: Double? = nil) {
    self.eventLoop = eventLoop
    self.connectionOpened = connectionOpened
    self.handlerStarted = handlerStarted
    self.firstByte = firstByte
  }
}
