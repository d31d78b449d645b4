import DequeModule
import Foundation
import SquallLessons
import SquallValues

/// The panes of the playground, in Tab order.
package enum Pane: Int, CaseIterable, Sendable {
  case server, builder, log, lessons

  /// Its name in lesson files (`> solution: keys builder Ctrl-R`), whose table holds its title.
  package var named: Solution.Pane {
    switch self {
    case .server: .server
    case .builder: .builder
    case .log: .log
    case .lessons: .lessons
    }
  }

  /// The pane a lesson file names.
  package init(_ named: Solution.Pane) {
    switch named {
    case .server: self = .server
    case .builder: self = .builder
    case .log: self = .log
    case .lessons: self = .lessons
    }
  }

  package var title: String { named.title }
}

/// The whole playground, as one value: `update` changes it, `render` draws it.
package struct PlaygroundState: Sendable {
  package var size: Size
  package var focus: Pane = .server
  package var zoomed = false
  package var showHelp = false
  /// Keys pressed while the terminal was too small, waiting to run.
  package var waitingKeys = WaitingKeys()
  /// Lines the help overlay is scrolled by.
  package var helpScroll = 0
  /// The command palette, while it is open.
  package var palette: PaletteState?
  /// The `y` chooser, while it is open.
  package var copyChooser: CopyChooser?
  package var colour = true
  /// The status bar's message and whether it reports a problem.
  package var message: String = "New here? F4, then Enter starts lesson 1. ? help · Tab next pane · q quits."
  package var messageIsError = false
  /// What the message in the status bar is (`setMessage` sets it with the text).
  package var messageKind = StatusMessage.Kind.info
  /// Ticks left before background news may replace `message` (see `setMessage`).
  package var messageHold = 0
  /// Every message shown, whole, oldest first (the newest `messageHistoryLimit`).
  package var messageHistory: [StatusMessage] = []
  /// Whether the message history is shown over the panes, and its scroll.
  package var showMessages = false
  package var messagesScroll = 0
  package var server: ServerPaneState
  package var builder: BuilderState
  package var log: LogPaneState
  package var lessons: LessonsState
  package var quitting = false
  /// The zone log times are shown in (tests fix it to UTC).
  package var timeZone: TimeZone = .current
  /// `$HOME` and the starting directory, for the paths the user types (see `UserPath`).
  package var home: String?
  package var currentDirectory = "/"
  /// The time of the last `.clock` event, for elapsed times (pure views need it as data).
  package var now = Date(timeIntervalSince1970: 0)

  package init(size: Size, server: ServerPaneState, lessons: LessonsState = LessonsState()) {
    self.size = size
    self.server = server
    builder = BuilderState()
    log = LogPaneState()
    self.lessons = lessons
  }

  /// How many messages the history keeps.
  package static let messageHistoryLimit = 200

  /// Below this the screen shows "terminal too small" instead of the panes.
  package static let minimumSize = Size(width: 80, height: 24)

  /// Whether the terminal is below `minimumSize`: the panes are not drawn, keys wait.
  package var isTooSmall: Bool {
    size.width < Self.minimumSize.width || size.height < Self.minimumSize.height
  }

  /// The most keys that wait for a big enough terminal; more are counted, not kept.
  package static let waitingKeyLimit = 256
}

/// Keys pressed while the terminal is too small to show what they do: they wait, in order, and
/// run when it is big enough again, so nothing typed meanwhile is lost (Esc drops them).
package struct WaitingKeys: Equatable, Sendable {
  package var keys: [Key] = []
  /// Pressed past `PlaygroundState.waitingKeyLimit`: not kept.
  package var refused = 0

  package init() {}
}
