import Foundation
import SquallValues

/// Timeline spans from what the server and the client reported. Pure.
extension TimelineSpan {
  /// A request the hosted server answered, on its connection and event loop.
  init(_ exchange: ServedExchange, entryID: Int) {
    let timing = exchange.timing
    let entry = exchange.entry
    self.init(
      place: .server(
        connection: exchange.connectionID, eventLoop: timing.eventLoop,
        connectionOpened: entry.time.addingTimeInterval(timing.connectionOpened)),
      entryID: entryID, method: entry.method, target: entry.target, status: entry.status, start: entry.time,
      began: timing.handlerStarted, firstByte: timing.firstByte, duration: entry.duration)
  }

  /// A request the builder sent.
  init(_ response: BuilderResponse, entryID: Int) {
    let entry = response.entry
    self.init(
      place: .client, entryID: entryID, method: entry.method, target: entry.target, status: entry.status,
      start: entry.time, began: response.requestSent, firstByte: response.firstByte, duration: entry.duration)
  }

  /// One request of a burst (the log keeps no entry for it).
  init(_ sample: BurstSample, method: String, target: String) {
    self.init(
      place: .client, entryID: nil, method: method, target: target, status: sample.status, start: sample.startedAt,
      began: sample.requestSent, firstByte: sample.firstByte, duration: sample.seconds)
  }
}
