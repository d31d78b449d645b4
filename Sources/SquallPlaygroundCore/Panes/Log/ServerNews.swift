import Foundation
import SquallValues

/// An exchange the hosted server finished, as the core sees it: the log's entry, and the
/// connection and loop it ran on for the timeline. The runtime makes it from the library's
/// `HTTPExchange` as it drains events (on the UI thread, never on an event loop). Pure value.
package struct ServedExchange: Sendable, Equatable {
  package var entry: LogEntry
  /// The server's connection number (unique in the process, across restarts).
  package var connectionID: UInt64
  package var timing: ExchangeTiming

  package init(entry: LogEntry, connectionID: UInt64, timing: ExchangeTiming) {
    self.entry = entry
    self.connectionID = connectionID
    self.timing = timing
  }
}

/// A request the hosted server refused by itself (malformed, over a limit, timed out): the
/// log's entry and what a lesson's check reads. Pure value.
package struct RefusedRequest: Sendable, Equatable {
  package var entry: LogEntry
  /// The library's word for why: `headTooLarge`, `idleTimeout`, …
  package var cause: String
  /// 400, or nil when the connection was closed without an answer.
  package var status: Int?
  /// The method and path of the head, when one arrived whole.
  package var method: String
  package var path: String

  package init(entry: LogEntry, cause: String, status: Int?, method: String = "", path: String = "") {
    self.entry = entry
    self.cause = cause
    self.status = status
    self.method = method
    self.path = path
  }
}

/// The hosted server's WebSockets as the log files them: under the `101` of their connection.
package enum ServerWebSocketNews: Sendable, Equatable {
  case opened(connectionID: UInt64, at: Date)
  case frame(connectionID: UInt64, WebSocketFrameNote)
  case closed(connectionID: UInt64, WebSocketEnd, at: Date)
}
