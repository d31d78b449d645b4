import Foundation
import SquallValues

/// Draws the whole playground for `state`: the four panes, the keys bar, the status bar, and
/// the help overlay when it is open. Pure: the same state always gives the same screen.
package func render<C: Canvas>(_ state: PlaygroundState, into canvas: inout C) {
  let size = canvas.size
  canvas.fill(Rect(x: 0, y: 0, width: size.width, height: size.height), style: .normal)
  guard size.width >= PlaygroundState.minimumSize.width, size.height >= PlaygroundState.minimumSize.height else {
    renderTooSmall(size, waiting: state.waitingKeys, typing: state.isTyping, into: &canvas)
    return
  }
  let layout = Layout(state)
  for pane in Pane.allCases {
    if let row = layout.collapsed[pane] { PaneSummary.draw(pane, state, in: row, into: &canvas) }
    guard let rect = layout.panes[pane] else { continue }
    let focused = pane == state.focus
    canvas.box(rect, title: title(pane, state), focused: focused)
    let inner = rect.inner
    switch pane {
    case .server: ServerView.draw(state, in: inner, focused: focused, into: &canvas)
    case .builder: BuilderView.draw(state, in: inner, focused: focused, into: &canvas)
    case .log:
      if state.log.timeline.shown && !state.log.expanded {
        TimelineView.draw(state, in: inner, into: &canvas)
      } else {
        LogView.draw(state, in: inner, into: &canvas)
      }
    case .lessons: LessonsView.draw(state, in: inner, into: &canvas)
    }
  }
  if let coach = layout.coach { CoachView.drawStrip(state, in: coach, into: &canvas) }
  let keys = " " + fitted(keyHints(state), width: layout.keysBar.width - 1)
  canvas.draw(CellWidth.pad(keys, to: layout.keysBar.width), x: 0, y: layout.keysBar.y, style: .key)
  StatusBar.draw(state, in: layout.statusBar, into: &canvas)
  if state.showHelp { HelpView.draw(state, into: &canvas) }
  if state.showMessages { MessagesView.draw(state, into: &canvas) }
  if let palette = state.palette { PaletteView.draw(palette, size: size, into: &canvas) }
  if let chooser = state.copyChooser { CopyChooserView.draw(chooser, size: size, into: &canvas) }
}

private func title(_ pane: Pane, _ state: PlaygroundState) -> String {
  let number = "F\(pane.rawValue + 1) "
  switch pane {
  case .log:
    let dropped = state.log.droppedUnderLoad > 0 ? " · \(state.log.droppedUnderLoad) skipped under load" : ""
    return number + "Log (\(state.log.store.countSummary)\(dropped))" + (state.log.paused ? " ⏸ paused" : "")
  case .server:
    return number + "Server"
  default:
    return number + pane.title
  }
}

/// Hints joined by " · ", the last ones left out whole until the rest fits `width` (never a
/// hint cut in the middle); "? help" stays when it was there. Pure.
func fitted(_ hints: String, width: Int) -> String {
  guard CellWidth.of(hints) > width else { return hints }
  var items = hints.components(separatedBy: " · ")
  let help = items.last == "? help" ? items.removeLast() : nil
  while !items.isEmpty, CellWidth.of((items + (help.map { [$0] } ?? [])).joined(separator: " · ")) > width {
    items.removeLast()
  }
  let kept = (items + (help.map { [$0] } ?? [])).joined(separator: " · ")
  return CellWidth.of(kept) <= width ? kept : CellWidth.clip(kept, to: width)
}

/// The keys of the focused pane, in its current mode: what has the keyboard (`Modal`), or the
/// keymap's bindings that apply now (`Keymap`), then those of everywhere.
func keyHints(_ state: PlaygroundState) -> String {
  Modal.current(state)?.bar ?? commandHints(state, width: state.size.width - 1)
}

/// The keys bar made from the keymap: the focused pane's bindings that apply now, then those
/// of everywhere. When they do not fit in `width` columns, the pane's last ones give way so
/// that "Ctrl-P commands · ? help" (where every other key is found) always shows.
func commandHints(_ state: PlaygroundState, width: Int = .max) -> String {
  let port = state.server.suggestedPort.map(String.init) ?? ""
  func bars(_ bindings: [KeyBinding]) -> [String] {
    bindings.compactMap { binding in
      binding.when.holds(state) ? binding.bar?.replacingOccurrences(of: "{port}", with: port) : nil
    }
  }
  let pane = bars(Keymap.bindings(of: state.focus))
  let everywhere = bars(Keymap.bindings(of: nil))
  let all = (pane + everywhere).joined(separator: " · ")
  guard CellWidth.of(all) > width else { return all }
  let tail = everywhere.filter { !$0.hasPrefix("z ") }.joined(separator: " · ")
  var shown: [String] = []
  for item in pane where CellWidth.of((shown + [item, tail]).joined(separator: " · ")) <= width {
    shown.append(item)
  }
  return (shown + [tail]).joined(separator: " · ")
}

private func renderTooSmall<C: Canvas>(_ size: Size, waiting: WaitingKeys, typing: Bool, into canvas: inout C) {
  var lines = [
    "Terminal too small: \(size.width)x\(size.height).",
    "Squall needs at least \(PlaygroundState.minimumSize.width)x\(PlaygroundState.minimumSize.height).",
  ]
  let count = waiting.keys.count
  if count == 0 {
    // While a field is being typed in, q is a letter of it (it waits too); Ctrl-C still quits.
    lines.append(
      typing ? "Enlarge the window: what you type waits until then." : "Enlarge the window, or press q to quit.")
  } else {
    lines.append("\(count) key\(count == 1 ? "" : "s") pressed meanwhile wait\(count == 1 ? "s" : "") to run.")
    if waiting.refused > 0 {
      lines.append("\(waiting.refused) more not taken (\(PlaygroundState.waitingKeyLimit) at most).")
    }
    lines.append("Enlarge the window to run them; Esc drops them.")
  }
  let top = max(0, (size.height - lines.count) / 2)
  for (index, line) in lines.enumerated() {
    let clipped = CellWidth.truncate(line, to: size.width)
    let x = max(0, (size.width - CellWidth.of(clipped)) / 2)
    canvas.draw(clipped, x: x, y: top + index, width: size.width - x, style: index == 0 ? .warning : .normal)
  }
}
