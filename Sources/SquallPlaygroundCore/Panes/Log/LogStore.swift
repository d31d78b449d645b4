import DequeModule

/// The log pane's entries: a bounded ring, so memory stays flat however long the server runs.
package struct LogStore: Sendable {
  /// Entries kept at most; the oldest go first.
  package let capacity: Int
  /// Body and raw-byte previews are cut to this many bytes.
  package static let previewLimit = 8 * 1024

  package private(set) var entries: Deque<LogEntry> = []
  /// Entries ever added (ids run from 1).
  package private(set) var total = 0
  /// Entries dropped because the ring was full.
  package private(set) var dropped = 0
  /// Entries removed by clearing the log.
  package private(set) var cleared = 0

  package init(capacity: Int = 2_000) { self.capacity = max(1, capacity) }

  /// Adds `entry` as the newest; its previews are cut to `previewLimit` (deferred details are
  /// made to that bound already, and stay deferred).
  package mutating func append(_ entry: consuming LogEntry) {
    total += 1
    entry.id = total
    if case .made(var details) = entry.content {
      Self.bound(&details.requestBody)
      Self.bound(&details.responseBody)
      Self.bound(&details.rawRequest)
      Self.bound(&details.rawResponse)
      entry.content = .made(details)
    }
    if entries.count == capacity {
      entries.removeFirst()
      dropped += 1
    }
    entries.append(entry)
  }

  /// Files WebSocket news under the `101` of its connection (the newest entry of that
  /// connection); nothing when that entry has left the ring.
  package mutating func file(_ news: ServerWebSocketNews) {
    let connection: UInt64 =
      switch news {
      case .opened(let id, _), .frame(let id, _), .closed(let id, _, _): id
      }
    guard let index = entries.lastIndex(where: { $0.connectionID == connection && $0.status == 101 }) else { return }
    var log = entries[index].webSocket ?? WebSocketLog()
    switch news {
    case .opened: break
    case .frame(_, let frame): log.add(frame)
    case .closed(_, let end, let at):
      log.end = end
      log.closedAt = at
    }
    entries[index].webSocket = log
  }

  package mutating func clear() {
    cleared += entries.count
    entries.removeAll()
  }

  /// What the log title says of the count: `7`, `5 · 2 cleared`, `2000 · 120 oldest dropped`.
  package var countSummary: String {
    var parts = [String(entries.count)]
    if cleared > 0 { parts.append("\(cleared) cleared") }
    if dropped > 0 { parts.append("\(dropped) oldest dropped") }
    return parts.joined(separator: " · ")
  }

  private static func bound(_ bytes: inout [UInt8]) {
    if bytes.count > previewLimit { bytes.removeLast(bytes.count - previewLimit) }
  }
}
