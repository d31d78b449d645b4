import Foundation
import SquallRequests
import SquallValues

// The Response section's keys: scrolling, tabs, search, folding, copying.

/// The Response section's moves: its scroll.
func responseMove(_ move: Move, _ state: inout PlaygroundState) -> [Effect] {
  // A page is what the pane shows of the body, less a line of context: never a line skipped.
  let rows = (Layout(state).panes[.builder]?.inner.height ?? Scroll.page) - 6
  state.builder.responseScroll = Scroll.offset(
    state.builder.responseScroll, after: move, page: max(1, min(Scroll.page, rows)))
  clampResponseScroll(&state)
  return []
}

/// Scrolling stops at the last line: the view's line count is a pure function of the state.
private func clampResponseScroll(_ state: inout PlaygroundState) {
  let lineCount = responseLines(state).count
  state.builder.responseScroll = min(state.builder.responseScroll, max(0, lineCount - 1))
}

/// The Response section's commands: tabs, search, folding, copying, saving.
func responseCommand(_ command: ResponseCommand, _ state: inout PlaygroundState) -> [Effect] {
  switch command {
  case .previousTab, .nextTab:
    let tabs = BuilderState.ResponseTab.allCases
    let step = command == .nextTab ? 1 : tabs.count - 1
    state.builder.responseTab = tabs[(state.builder.responseTab.rawValue + step) % tabs.count]
    state.builder.responseScroll = 0
  case .search: state.builder.editor = .search(TextField(state.builder.search, selectingAll: true))
  case .nextMatch: jumpToMatch(&state, after: state.builder.responseScroll)
  case .fold:
    // The first fold keeps the top level and one more; each press folds one level more.
    state.builder.foldDepth = state.builder.foldDepth == Int.max ? 2 : max(1, state.builder.foldDepth - 1)
  case .unfold:
    state.builder.foldDepth = state.builder.foldDepth >= 8 ? Int.max : state.builder.foldDepth + 1
  case .copyValue:
    guard let response = state.builder.response, response.entry.error == nil else {
      state.setMessage("No response to copy from yet: Ctrl-R sends the request.")
      return []
    }
    let body = response.body.isEmpty ? response.entry.responseBody : response.body
    let choices = CopyChooser.response(response.entry, body: body)
    let lines = responseLines(state)
    let inView = lines.indices.contains(state.builder.responseScroll) ? lines[state.builder.responseScroll].text : ""
    state.copyChooser = CopyChooser(choices: choices, selection: CopyChooser.choice(onLine: inView, in: choices) ?? 0)
  case .saveResponse:
    guard state.builder.response != nil else {
      state.setMessage("No response to save yet: Ctrl-R sends the request.")
      return []
    }
    let part: BuilderState.ResponsePart = state.builder.responseTab == .headers ? .headers : .body
    state.builder.overlay = .savePath(
      TextField("~/squall-response.\(part == .headers ? "txt" : "body")", selectingAll: true), what: part)
  }
  clampResponseScroll(&state)
  return []
}

/// The response view's lines at the width the pane draws them, so scrolling and search land
/// on the lines the learner sees (wrapping depends on the width).
func responseLines(_ state: PlaygroundState) -> [BuilderResponseView.Line] {
  let layout = Layout(state)
  let pane = layout.panes[.builder] ?? Rect(x: 0, y: 0, width: state.size.width, height: state.size.height)
  return BuilderResponseView.lines(state.builder, width: pane.inner.width - 2)
}

/// Scrolls to the first body line after `line` that contains the search text.
func jumpToMatch(_ state: inout PlaygroundState, after line: Int) {
  let needle = state.builder.search.lowercased()
  guard !needle.isEmpty else { return }
  state.builder.responseTab = .body
  let lines = responseLines(state)
  if let found = lines.indices.first(where: { $0 > line && lines[$0].text.lowercased().contains(needle) })
    ?? lines.indices.first(where: { lines[$0].text.lowercased().contains(needle) })
  {
    state.builder.responseScroll = found
    state.setMessage("\"\(state.builder.search)\" on line \(found + 1); n finds the next.")
  } else {
    state.setMessage("\"\(state.builder.search)\" is not in the body.", error: true)
  }
}
