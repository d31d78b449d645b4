import Foundation
import SquallRequests
import SquallValues

// The Response section's keys: scrolling, tabs, search, folding, copying.

extension BuilderState {
  /// The Response section's moves: its scroll.
  mutating func responseMove(_ move: Move, _ context: BuilderContext, _ reply: inout PaneReply) -> [Effect] {
    // A page is what the pane shows of the body, less a line of context: never a line skipped.
    let rows = (context.pane?.inner.height ?? Scroll.page) - 6
    self.responseScroll = Scroll.offset(
      self.responseScroll, after: move, page: max(1, min(Scroll.page, rows)))
    clampResponseScroll(context)
    return []
  }

  /// Scrolling stops at the last line: the view's line count is a pure function of the state.
  fileprivate mutating func clampResponseScroll(_ context: BuilderContext) {
    let lineCount = responseLines(context).count
    self.responseScroll = min(self.responseScroll, max(0, lineCount - 1))
  }

  /// The Response section's commands: tabs, search, folding, copying, saving.
  mutating func responseCommand(_ command: ResponseCommand, _ context: BuilderContext, _ reply: inout PaneReply)
    -> [Effect]
  {
    switch command {
    case .previousTab, .nextTab:
      let tabs = BuilderState.ResponseTab.allCases
      let step = command == .nextTab ? 1 : tabs.count - 1
      self.responseTab = tabs[(self.responseTab.rawValue + step) % tabs.count]
      self.responseScroll = 0
    case .search: self.editor = .search(TextField(self.search, selectingAll: true))
    case .nextMatch: jumpToMatch(after: self.responseScroll, context, &reply)
    case .fold:
      // The first fold keeps the top level and one more; each press folds one level more.
      self.foldDepth = self.foldDepth == Int.max ? 2 : max(1, self.foldDepth - 1)
    case .unfold:
      self.foldDepth = self.foldDepth >= 8 ? Int.max : self.foldDepth + 1
    case .copyValue:
      guard let response = self.response, response.entry.error == nil else {
        reply.say("No response to copy from yet: Ctrl-R sends the request.")
        return []
      }
      let body = response.body.isEmpty ? response.entry.responseBody : response.body
      let choices = CopyChooser.response(response.entry, body: body)
      let lines = responseLines(context)
      let inView = lines.indices.contains(self.responseScroll) ? lines[self.responseScroll].text : ""
      reply.outputs.append(
        .offerCopy(CopyChooser(choices: choices, selection: CopyChooser.choice(onLine: inView, in: choices) ?? 0)))
    case .saveResponse:
      guard self.response != nil else {
        reply.say("No response to save yet: Ctrl-R sends the request.")
        return []
      }
      let part: BuilderState.ResponsePart = self.responseTab == .headers ? .headers : .body
      self.overlay = .savePath(
        TextField("~/squall-response.\(part == .headers ? "txt" : "body")", selectingAll: true), what: part)
    }
    clampResponseScroll(context)
    return []
  }

  /// The response view's lines at the width the pane draws them, so scrolling and search land
  /// on the lines the learner sees (wrapping depends on the width).
  func responseLines(_ context: BuilderContext) -> [BuilderResponseView.Line] {
    let pane = context.pane ?? Rect(x: 0, y: 0, width: context.screen.width, height: context.screen.height)
    return BuilderResponseView.lines(self, width: pane.inner.width - 2)
  }

  /// Scrolls to the first body line after `line` that contains the search text.
  mutating func jumpToMatch(after line: Int, _ context: BuilderContext, _ reply: inout PaneReply) {
    let needle = self.search.lowercased()
    guard !needle.isEmpty else { return }
    self.responseTab = .body
    let lines = responseLines(context)
    if let found = lines.indices.first(where: { $0 > line && lines[$0].text.lowercased().contains(needle) })
      ?? lines.indices.first(where: { lines[$0].text.lowercased().contains(needle) })
    {
      self.responseScroll = found
      reply.say("\"\(self.search)\" on line \(found + 1); n finds the next.")
    } else {
      reply.say("\"\(self.search)\" is not in the body.", .error)
    }
  }
}
