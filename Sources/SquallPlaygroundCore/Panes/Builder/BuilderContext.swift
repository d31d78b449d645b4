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
