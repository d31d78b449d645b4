import DequeModule
import Foundation
import SquallLessons
import SquallValues

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
