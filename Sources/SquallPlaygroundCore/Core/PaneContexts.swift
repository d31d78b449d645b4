import Foundation
import SquallLessons
import SquallRequests
import SquallValues

// The root's side of the components: each pane's context made from the other panes and the
// screen, and the routing of the builder's keys. The panes' updates never see `PlaygroundState`.

extension PlaygroundState {
  /// The Log pane's context in the current layout.
  var logContext: LogContext {
    LogContext(
      now: now, rows: Layout(self).panes[.log]?.inner.height ?? Scroll.page, timelineColumns: timelineColumns(self))
  }
}

extension PlaygroundState {
  /// The Lessons pane's context now.
  var lessonsContext: LessonsContext {
    let rect = Layout(self).panes[.lessons] ?? Rect(x: 0, y: 0, width: size.width, height: size.height)
    return LessonsContext(
      rect: rect.inner, base: lessonBase, builderRequest: builder.spec,
      builderCollectionName: builder.collectionName, builderSent: builder.sent, serverSetup: server.setup)
  }
}

extension PlaygroundState {
  /// `{{base}}` as the lessons write it: the hosted server's address.
  var lessonBase: String { variables.values["base"] ?? "" }
}

extension PlaygroundState {
  /// The builder's variables with the running server's address (for the views).
  var variables: Variables { builder.variables(host: server.host, port: server.port) }
}

extension PlaygroundState {
  /// The builder's context now.
  var builderContext: BuilderContext {
    BuilderContext(
      now: now, serverHost: server.host, serverPort: server.port, serverStatus: server.status,
      tornado: server.tornado, pane: Layout(self).panes[.builder], screen: size, home: home,
      currentDirectory: currentDirectory, stepDoneShowing: messageHold > 0 && messageKind == .stepDone)
  }

  /// Runs a builder update with its context and takes its reply (the messages, the outputs).
  /// Returns the effects to run.
  mutating func updateBuilder(_ body: (inout BuilderState, BuilderContext, inout PaneReply) -> [Effect]) -> [Effect] {
    let context = builderContext
    var reply = PaneReply()
    let effects = body(&builder, context, &reply)
    return take(reply) + effects
  }

  /// Keys while the builder types or shows an overlay. A key that acts beyond a field (a pane's
  /// F-key, the palette) commits the field first, then does its work: nothing typed is lost.
  mutating func builderInput(_ key: Key) -> [Effect] {
    guard builder.overlay == nil, builder.editor != nil, leavesTheField(key) else {
      return updateBuilder { builder, context, reply in builder.input(key, context, &reply) }
    }
    var committed = true
    let effects = updateBuilder { builder, context, reply in
      guard let effects = builder.commitEditor(context, &reply) else {
        committed = false  // refused: the field stays open, the message says why
        return []
      }
      return effects
    }
    guard committed, case .run(let binding) = Keymap.resolve(key, in: self) else { return effects }
    return effects + perform(binding, &self)
  }
}

/// The columns the timeline's lanes get: the Log pane's inside less the lane labels.
func timelineColumns(_ state: PlaygroundState) -> Int {
  let rect = Layout(state).panes[.log]
  return max(1, (rect?.width ?? 80) - 2 - TimelineLayout.labelWidth - 1)
}
