import Foundation

/// What the builder's update reads of the world around it, made by the root from the other
/// panes and the screen: the builder changes `BuilderState` only and answers with a
/// `PaneReply`. Pure values.
struct BuilderContext {
  var now: Date
  /// The hosted server, for `{{base}}`, `{{port}}` and Compare.
  var serverHost: String
  var serverPort: Int
  var serverStatus: ServerPaneState.Status
  /// The Tornado reference, for Compare (`=`).
  var tornado: TornadoReference
  /// The pane on screen when it is shown (its inside pages the scrolling views and wraps them).
  var pane: Rect?
  var screen: Size
  /// Where a typed path's `~` and a relative path lead (`UserPath`).
  var home: String?
  var currentDirectory: String
  /// The status bar holds a lesson step just done, which an answer arriving must not replace.
  var stepDoneShowing: Bool
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
