import DequeModule
import Foundation
import Squall
import SquallExamples

/// The panes of the playground, in Tab order.
public enum Pane: Int, CaseIterable, Sendable {
  case server, builder, log, lessons

  public var title: String {
    switch self {
    case .server: "Server"
    case .builder: "Request builder"
    case .log: "Log"
    case .lessons: "Lessons"
    }
  }
}

/// The whole playground, as one value: `update` changes it, `render` draws it.
public struct PlaygroundState: Sendable {
  public var size: Size
  public var focus: Pane = .server
  public var zoomed = false
  public var showHelp = false
  /// Lines the help overlay is scrolled by.
  public var helpScroll = 0
  /// The command palette, while it is open.
  public var palette: PaletteState?
  /// The `y` chooser, while it is open.
  public var copyChooser: CopyChooser?
  public var colour = true
  /// The status bar's message and whether it reports a problem.
  public var message: String = "New here? F4, then Enter starts lesson 1. ? help · Tab next pane · q quits."
  public var messageIsError = false
  /// Ticks left before background news may replace `message` (see `setMessage`).
  public var messageHold = 0
  public var server: ServerPaneState
  public var builder: BuilderState
  public var log: LogPaneState
  public var lessons: LessonsState
  public var quitting = false
  /// The zone log times are shown in (tests fix it to UTC).
  public var timeZone: TimeZone = .current
  /// The time of the last `.clock` event, for elapsed times (pure views need it as data).
  public var now = Date(timeIntervalSince1970: 0)

  public init(size: Size, server: ServerPaneState, lessons: LessonsState = LessonsState()) {
    self.size = size
    self.server = server
    builder = BuilderState()
    log = LogPaneState()
    self.lessons = lessons
  }

  /// Below this the screen shows "terminal too small" instead of the panes.
  public static let minimumSize = Size(width: 80, height: 24)
}

/// What the server pane shows and edits.
public struct ServerPaneState: Sendable {
  public enum Status: Equatable, Sendable {
    case stopped, starting, running
    case failed(String)
  }

  /// The example app hosted: `hello` (the seed's) or `echo` (A switches).
  public var app = "hello"
  public static let apps = ["hello", "echo"]
  public var appName: String {
    app == "echo" ? "echo (answers with the request as JSON)" : "hello (the seed's hello world)"
  }
  public var host = "127.0.0.1"
  public var port: Int
  public var status: Status = .stopped
  /// Built-in routes of the running app, from the table it is built from (`Examples`).
  public var builtInRoutes: [Examples.Route] { Examples.named(app)?.routes ?? [] }
  public var routes: [MockRoute] = []
  public var options = ServerOptions()
  public var counters = ServerCounters()
  /// Requests per second over the last tick.
  public var requestsPerSecond = 0.0
  /// Requests per tick (about a second) over the last minute, oldest first.
  public var rateHistory: [Int] = []
  public static let rateHistoryLength = 60
  /// The route deleted last, and where it stood, for `u` (undo).
  public var deletedRoute: (route: MockRoute, index: Int)?
  public var suggestedPort: Int?
  /// Which line of the options/routes list is selected.
  public var selection = 0
  /// The option or route being edited, if any.
  public var editor: Editor?

  public enum Editor: Sendable, Equatable {
    case option(index: Int, field: TextField)
    case route(RouteForm)
  }

  /// The learner asked for any free port (`--port 0`): `port` is the one the server got, and
  /// a restart that finds it taken (another program may take a port freed for a moment) takes
  /// another free one. Setting a port by hand ends it.
  public var anyFreePort: Bool

  public init(port: Int) {
    self.port = port
    anyFreePort = port == 0
  }
}

/// The HTTPServer options the pane lets a learner change (applied on restart).
public struct ServerOptions: Equatable, Sendable {
  /// Tornado's max_buffer_size: bytes of a request body buffered at most (100 MB).
  public var maxBufferSize = 104_857_600
  public var maxBodySize: Int? = nil
  public var maxHeaderSize = 65_536
  public var idleConnectionTimeout = 3600.0
  public var bodyTimeout = 3600.0
  public var noKeepAlive = false
  public var compressResponse = false

  public init() {}

  public static let names = [
    "maxBufferSize", "maxBodySize", "maxHeaderSize", "idleConnectionTimeout", "bodyTimeout", "noKeepAlive",
    "compressResponse",
  ]

  /// The value of option `index` when it is a boolean (toggled with Space or Enter), else nil.
  public func flag(at index: Int) -> Bool? {
    switch index {
    case 5: noKeepAlive
    case 6: compressResponse
    default: nil
    }
  }

  public func value(at index: Int) -> String {
    switch index {
    case 0: String(maxBufferSize)
    case 1: maxBodySize.map(String.init) ?? "(maxBufferSize)"
    case 2: String(maxHeaderSize)
    case 3: Self.seconds(idleConnectionTimeout)
    case 4: Self.seconds(bodyTimeout)
    case 5: noKeepAlive ? "true" : "false"
    default: compressResponse ? "true" : "false"
    }
  }

  static func seconds(_ value: Double) -> String {
    value == value.rounded() ? "\(Int(value))s" : "\(value)s"
  }

  /// The range each numeric option takes (`NumberOption`'s table), by index; nil for flags.
  public static func range(at index: Int) -> NumberOption? {
    switch index {
    case 0: .maxBufferSize
    case 1: .maxBodySize
    case 2: .maxHeaderSize
    case 3: .idleConnectionTimeout
    case 4: .bodyTimeout
    default: nil
    }
  }

  /// Sets option `index` from text; returns an error message (with the range) when the text
  /// does not fit, and then leaves the option as it was.
  public mutating func set(_ index: Int, to text: String) -> String? {
    let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
    if index == 1, trimmed.isEmpty || trimmed == "(maxbuffersize)" {
      maxBodySize = nil
      return nil
    }
    if let range = Self.range(at: index) {
      switch range.parse(trimmed) {
      case .failure(let problem):
        return problem.message + (index == 1 ? " (empty: same as maxBufferSize)" : "") + "; the old value stays"
      case .success(let value):
        switch index {
        case 0: maxBufferSize = Int(value)
        case 1: maxBodySize = Int(value)
        case 2: maxHeaderSize = Int(value)
        case 3: idleConnectionTimeout = value
        default: bodyTimeout = value
        }
      }
      return nil
    }
    let flag =
      ["true", "yes", "on", "1"].contains(trimmed) ? true : ["false", "no", "off", "0"].contains(trimmed) ? false : nil
    guard let flag else { return "\(Self.names[index]) wants true or false" }
    if index == 5 { noKeepAlive = flag } else { compressResponse = flag }
    return nil
  }
}

/// The log pane: entries, selection, filter, pause.
public struct LogPaneState: Sendable {
  public var store = LogStore()
  /// The selected entry's id; nil follows the newest.
  public var selectedID: Int?
  public var expanded = false
  /// Lines scrolled in the expanded view.
  public var detailScroll = 0
  public var filter = TextField()
  public var editingFilter = false
  /// While paused: the id of the newest entry shown. Recording goes on (bounded by the ring);
  /// the view stays still and shows the rest on resume.
  public var pausedAt: Int?
  /// Exchanges the UI could not take in because they came faster than it drains (bounded queue).
  public var droppedUnderLoad = 0
  public init() {}

  public var paused: Bool { pausedAt != nil }

  /// Entries recorded since the pause, not shown until it ends.
  public var arrivedWhilePaused: Int { pausedAt.map { store.total - $0 } ?? 0 }

  /// Entries shown: those that pass the filter (and, while paused, arrived before the pause),
  /// oldest first, in the order they finished. A view of the ring, not a copy: a frame reads
  /// the few rows it draws, not two thousand entries.
  public var visible: VisibleEntries {
    let query = filter.text
    if query.isEmpty && pausedAt == nil { return VisibleEntries(entries: store.entries, positions: nil) }
    let newest = pausedAt ?? Int.max
    let positions = store.entries.indices.filter { index in
      let entry = store.entries[index]
      return entry.id <= newest && (query.isEmpty || entry.matches(query))
    }
    return VisibleEntries(entries: store.entries, positions: positions)
  }
}

/// The log entries shown, in order: the whole ring, or the positions in it that pass the
/// filter. Shares the ring's storage (copy on write): making one copies no entry.
public struct VisibleEntries: RandomAccessCollection, Sendable {
  let entries: Deque<LogEntry>
  /// Positions in `entries`, or nil for all of them.
  let positions: [Int]?

  public var startIndex: Int { 0 }
  public var endIndex: Int { positions?.count ?? entries.count }
  public subscript(position: Int) -> LogEntry { entries[positions.map { $0[position] } ?? position] }
}
