import SquallLessons
import SquallRequests

/// What a pane's update hands the root: the work to do and what to tell the user. A pane
/// changes only its own state; the root shows the message (`PlaygroundState.take`) and runs
/// the effects, so no pane writes another's state or reads the status bar back. Pure.
package struct PaneReply: Equatable, Sendable {
  package var effects: [Effect] = []
  /// What to tell the user, in order: each goes into the message history (`M`), the last
  /// stays in the status bar.
  package var messages: [Message] = []
  /// The answer shown in the status bar, if any: the last said.
  package var message: Message? { messages.last }
  /// What the pane asks of the root beyond its own state.
  package var outputs: [PaneOutput] = []

  package struct Message: Equatable, Sendable {
    package var text: String
    package var kind: StatusMessage.Kind
  }

  package init(effects: [Effect] = [], message: Message? = nil, outputs: [PaneOutput] = []) {
    self.effects = effects
    self.messages = message.map { [$0] } ?? []
    self.outputs = outputs
  }

  /// Says `text` after what was said before (the last said is shown).
  mutating func say(_ text: String, _ kind: StatusMessage.Kind = .info) {
    messages.append(Message(text: text, kind: kind))
  }

  /// A reply that says `text` (an error when `kind` says so) and does `effects`.
  static func say(_ text: String, _ kind: StatusMessage.Kind = .info, effects: [Effect] = []) -> PaneReply {
    PaneReply(effects: effects, message: Message(text: text, kind: kind))
  }

  /// Work to do, nothing to say.
  static func run(_ effects: [Effect]) -> PaneReply { PaneReply(effects: effects) }

  static let none = PaneReply()
}

/// What a pane asks of the root: a change outside its own state.
package enum PaneOutput: Equatable, Sendable {
  /// Open the `y` chooser over the panes with these values to copy.
  case offerCopy(CopyChooser)
  /// Keep an exchange in the log (the builder's Compare records its Squall side).
  case record(LogEntry)
  /// A lesson opens or starts again: the builder starts clean with `builder` (what runs is
  /// cancelled) and the Log pane goes back to its list.
  case startLesson(builder: RequestSpec)
  /// The Server pane as a lesson starts: its app, routes and options; the server restarts.
  case setUpServer([SetupLine])
  /// An app, routes and options back in the Server pane: the learner's own when a lesson is
  /// left (saved again), or a lesson's as it was left when it is opened again.
  case restoreServer(ServerPaneState.Setup, save: Bool)
  /// The learner's own request back in the builder, with its saved name.
  case restoreRequest(RequestSpec, name: String?)
  /// The Log pane's timeline closed (a step that asks to open it starts with it closed).
  case closeTimeline
}

extension PlaygroundState {
  /// Shows a pane's message, hands its outputs to the panes they concern (each pane's own
  /// update does the work) and returns the effects for the runtime: the outputs' first.
  mutating func take(_ reply: PaneReply) -> [Effect] {
    for message in reply.messages { setMessage(message.text, kind: message.kind) }
    var effects: [Effect] = []
    for output in reply.outputs {
      switch output {
      case .offerCopy(let chooser): copyChooser = chooser
      case .record(let entry): log.store.append(entry)
      case .startLesson(let spec):
        effects += builder.startClean(spec)
        log.backToList()
      case .setUpServer(let setup): effects += server.setUp(setup)
      case .restoreServer(let setup, let save): effects += server.restore(setup, save: save)
      case .restoreRequest(let spec, let name): builder.restore(spec, name: name)
      case .closeTimeline: log.closeTimeline()
      }
    }
    return effects + reply.effects
  }
}
