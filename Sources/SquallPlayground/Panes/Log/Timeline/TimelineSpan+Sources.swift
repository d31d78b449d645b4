import Foundation
import Squall

/// Timeline spans from what the server and the client reported. Pure.
extension TimelineSpan {
  /// A request the hosted server answered, on its connection and event loop.
  init(_ exchange: HTTPExchange, entryID: Int) {
    let timing = exchange.timing
    self.init(
      place: .server(
        connection: exchange.connectionID, eventLoop: timing.eventLoop,
        connectionOpened: exchange.startedAt.addingTimeInterval(timing.connectionOpened)),
      entryID: entryID, method: exchange.request.method.rawValue, target: exchange.request.uri,
      status: Int(exchange.response.status.code), start: exchange.startedAt, began: timing.handlerStarted,
      firstByte: timing.firstByte, duration: exchange.duration)
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
