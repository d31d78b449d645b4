import Foundation

/// The kind of a failed fetch, in the one word a lesson's `error=` check names.
package enum FetchFailure: String, Sendable {
  case timeout, refused, cancelled, closed, invalid, other
}

/// One line of the log pane: an exchange the server handled or the client made, with bounded
/// previews of what crossed the wire (`LogDetails`, read as the entry's own: `entry.rawResponse`).
@dynamicMemberLookup
package struct LogEntry: Sendable {
  package enum Direction: String, Sendable {
    /// A request the live server received (`←` in the log).
    case served = "←"
    /// A request the playground's client sent (`→` in the log).
    case fetched = "→"
  }

  package var id: Int = 0
  package var time: Date
  package var direction: Direction
  package var method: String
  /// Path and query (server) or full URL (client), as received: escape before showing.
  package var target: String
  /// The origin-form target the client put in its request line (`/path?q`), for `→` entries.
  package var requestTarget: String?
  /// 599 for a client failure.
  package var status: Int
  package var reason: String
  package var requestBodySize: Int
  package var responseBodySize: Int
  /// Seconds.
  package var duration: Double
  package var httpVersion: String
  package var remote: String
  /// Headers, bodies and raw bytes: made when first read for an entry whose source can make
  /// them (most entries the log drops unread never pay for them).
  package var content: LogContent
  /// How many bytes the server wrote in all (`rawResponse` keeps at most the preview's bound).
  package var rawResponseSize = 0
  /// "… 94208 more bytes written, not kept", when the server wrote more than was kept.
  package var unkeptRawResponse: String? {
    let kept = self.rawResponse.count
    let more = rawResponseSize - kept
    return more > 0 ? "… \(more) more bytes written, not kept (the first \(kept) are shown)" : nil
  }
  /// The handler took the connection over (`detach()`) and wrote `rawResponse` as it is.
  package var detached = false
  /// The error text of a failed fetch.
  package var error: String?
  /// What kind of failure it was, as the client classified it (lesson checks read this, not
  /// the words of `error`).
  package var failure: FetchFailure?
  /// The server's connection number, for a `←` entry.
  package var connectionID: UInt64?
  /// A `101` that became a WebSocket: its frames and how it ended.
  package var webSocket: WebSocketLog?
  /// Why the server refused the request by itself (malformed, over a limit, timed out), in
  /// words; `status` is then 400, or 0 when it closed without answering.
  package var refusal: String?

  /// When the exchange finished: the log is in this order, and shows this time.
  package var finishedAt: Date { time.addingTimeInterval(duration) }

  package init(
    time: Date = Date(), direction: Direction, method: String, target: String, status: Int, reason: String,
    requestHeaders: [(String, String)] = [], requestBody: [UInt8] = [], requestBodySize: Int = 0,
    responseHeaders: [(String, String)] = [], responseBody: [UInt8] = [], responseBodySize: Int = 0,
    duration: Double = 0, httpVersion: String = "HTTP/1.1", remote: String = "", rawRequest: [UInt8] = [],
    error: String? = nil
  ) {
    self.time = time
    self.direction = direction
    self.method = method
    self.target = target
    self.status = status
    self.reason = reason
    self.requestBodySize = requestBodySize
    self.responseBodySize = responseBodySize
    self.duration = duration
    self.httpVersion = httpVersion
    self.remote = remote
    self.content = .made(
      LogDetails(
        requestHeaders: requestHeaders, requestBody: requestBody, responseHeaders: responseHeaders,
        responseBody: responseBody, rawRequest: rawRequest))
    self.error = error
  }

  /// Whether `query` matches: `4xx`/`404`-style status filters, a method name, `refused`
  /// (the server's own refusals), or text in the target, the error or the refusal.
  package func matches(_ query: String) -> Bool {
    let trimmed = query.trimmingCharacters(in: .whitespaces)
    if trimmed.isEmpty { return true }
    let lower = trimmed.lowercased()
    if lower == "refused" { return refusal != nil }
    if lower.count == 3, lower.hasSuffix("xx"), let digit = lower.first?.wholeNumberValue {
      return status / 100 == digit
    }
    if let code = Int(lower), (100...599).contains(code) { return status == code }
    if lower == method.lowercased() { return true }
    return target.lowercased().contains(lower) || (error?.lowercased().contains(lower) ?? false)
      || (refusal?.lowercased().contains(lower) ?? false)
  }
}

extension LogEntry: Equatable {
  /// Every field, header pairs in order (details made where they were not yet): an effect that carries entries (the HAR export)
  /// compares as what it carries.
  package static func == (lhs: LogEntry, rhs: LogEntry) -> Bool {
    lhs.id == rhs.id && lhs.time == rhs.time && lhs.direction == rhs.direction && lhs.method == rhs.method
      && lhs.target == rhs.target && lhs.requestTarget == rhs.requestTarget && lhs.status == rhs.status
      && lhs.reason == rhs.reason && lhs.details == rhs.details && lhs.requestBodySize == rhs.requestBodySize
      && lhs.responseBodySize == rhs.responseBodySize && lhs.duration == rhs.duration
      && lhs.httpVersion == rhs.httpVersion && lhs.remote == rhs.remote && lhs.rawResponseSize == rhs.rawResponseSize
      && lhs.detached == rhs.detached && lhs.connectionID == rhs.connectionID && lhs.webSocket == rhs.webSocket
      && lhs.error == rhs.error && lhs.failure == rhs.failure && lhs.refusal == rhs.refusal
  }
}
