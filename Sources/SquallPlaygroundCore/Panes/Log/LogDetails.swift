/// What a log entry shows only when it is opened: the headers, the body previews and the raw
/// bytes. Each preview holds at most `LogStore.previewLimit` bytes.
package struct LogDetails: Sendable {
  package var requestHeaders: [(String, String)]
  package var requestBody: [UInt8]
  package var responseHeaders: [(String, String)]
  package var responseBody: [UInt8]
  /// The raw request bytes as read from the socket (bounded), when the server saw them.
  package var rawRequest: [UInt8]
  /// The raw response bytes as written to the socket (bounded), when the server wrote them:
  /// status line, headers, chunk-size lines, compressed bytes.
  package var rawResponse: [UInt8]

  package init(
    requestHeaders: [(String, String)] = [], requestBody: [UInt8] = [], responseHeaders: [(String, String)] = [],
    responseBody: [UInt8] = [], rawRequest: [UInt8] = [], rawResponse: [UInt8] = []
  ) {
    self.requestHeaders = requestHeaders
    self.requestBody = requestBody
    self.responseHeaders = responseHeaders
    self.responseBody = responseBody
    self.rawRequest = rawRequest
    self.rawResponse = rawResponse
  }
}

extension LogDetails: Equatable {
  /// Header pairs in order, bytes as they are.
  package static func == (lhs: LogDetails, rhs: LogDetails) -> Bool {
    lhs.requestHeaders.elementsEqual(rhs.requestHeaders, by: ==) && lhs.requestBody == rhs.requestBody
      && lhs.responseHeaders.elementsEqual(rhs.responseHeaders, by: ==) && lhs.responseBody == rhs.responseBody
      && lhs.rawRequest == rhs.rawRequest && lhs.rawResponse == rhs.rawResponse
  }
}

/// Something that can make an entry's details when they are read: the hosted server's
/// exchange as the library published it, kept as it is (its buffers small and shared, no copy).
/// Under a flood the log takes tens of thousands of exchanges a second and keeps 2,000, of
/// which a screen shows twenty: the rest are never made into headers and byte arrays.
package protocol LogDetailsSource: Sendable {
  /// The details, each preview at most `LogStore.previewLimit` bytes. Pure: no I/O; called on
  /// every read of an entry's details, so read `LogEntry.details` once where several are needed.
  func makeDetails() -> LogDetails
}

/// An entry's details: made, or to be made from their source when read.
package enum LogContent: Sendable {
  case made(LogDetails)
  case deferred(any LogDetailsSource)

  /// The details, made now when they were deferred. Pure.
  package var details: LogDetails {
    switch self {
    case .made(let details): details
    case .deferred(let source): source.makeDetails()
    }
  }
}

extension LogEntry {
  /// Headers, bodies and raw bytes at once (one making, where they were deferred).
  package var details: LogDetails {
    get { content.details }
    set { content = .made(newValue) }
  }

  /// The same entry with its details made: read several of them, or of many entries, from it.
  package var withDetailsMade: LogEntry {
    guard case .deferred = content else { return self }
    var made = self
    made.content = .made(details)
    return made
  }

  /// Each of the details by its name, as if it were the entry's own: `entry.responseBody`.
  /// Reading makes them all where they were deferred; read `details` once for several.
  package subscript<Value>(dynamicMember path: WritableKeyPath<LogDetails, Value>) -> Value {
    get { details[keyPath: path] }
    set { details[keyPath: path] = newValue }
  }
}
