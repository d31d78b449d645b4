import DequeModule
import Foundation
import SquallLessons
import SquallValues

/// The log pane: entries, selection, filter, pause.
package struct LogPaneState: Sendable {
  package var store = LogStore()
  /// The selected entry's id; nil follows the newest.
  package var selectedID: Int?
  package var expanded = false
  /// The open entry shows its raw bytes alone (`r`).
  package var rawOnly = false
  /// Lines scrolled in the expanded view.
  package var detailScroll = 0
  package var filter = TextField()
  package var editingFilter = false
  /// While paused: the id of the newest entry shown. Recording goes on (bounded by the ring);
  /// the view stays still and shows the rest on resume.
  package var pausedAt: Int?
  /// Exchanges the UI could not take in because they came faster than it drains (bounded queue).
  package var droppedUnderLoad = 0
  /// The same requests over time (`t`), with their connections and event loops.
  package var timeline = TimelineState()
  package init() {}

  package var paused: Bool { pausedAt != nil }

  /// Entries recorded since the pause, not shown until it ends.
  package var arrivedWhilePaused: Int { pausedAt.map { store.total - $0 } ?? 0 }

  /// Entries shown: those that pass the filter (and, while paused, arrived before the pause),
  /// oldest first, in the order they finished. A view of the ring, not a copy: a frame reads
  /// the few rows it draws, not two thousand entries.
  package var visible: VisibleEntries {
    let reading = LogFilter(filter.text)
    if reading == .none && pausedAt == nil { return VisibleEntries(entries: store.entries, positions: nil) }
    let newest = pausedAt ?? Int.max
    let positions = store.entries.indices.filter { index in
      let entry = store.entries[index]
      return entry.id <= newest && reading.admits(entry)
    }
    return VisibleEntries(entries: store.entries, positions: positions)
  }
}

/// The log entries shown, in order: the whole ring, or the positions in it that pass the
/// filter. Shares the ring's storage (copy on write): making one copies no entry.
package struct VisibleEntries: RandomAccessCollection, Sendable {
  let entries: Deque<LogEntry>
  /// Positions in `entries`, or nil for all of them.
  let positions: [Int]?

  package var startIndex: Int { 0 }
  package var endIndex: Int { positions?.count ?? entries.count }
  package subscript(position: Int) -> LogEntry { entries[positions.map { $0[position] } ?? position] }
}
