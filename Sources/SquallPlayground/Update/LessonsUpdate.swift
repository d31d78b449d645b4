/// Keys of the lessons pane: choose a lesson, read it.
func updateLessons(_ state: inout PlaygroundState, _ key: Key) -> [Effect] {
  let count = state.lessons.lessons.count
  switch key {
  case .up:
    if state.lessons.reading {
      state.lessons.scroll = max(0, state.lessons.scroll - 1)
    } else {
      state.lessons.selection = max(0, state.lessons.selection - 1)
    }
  case .down:
    if state.lessons.reading {
      state.lessons.scroll += 1
    } else {
      state.lessons.selection = min(max(0, count - 1), state.lessons.selection + 1)
    }
  case .pageUp: state.lessons.scroll = max(0, state.lessons.scroll - 10)
  case .pageDown: state.lessons.scroll += 10
  case .enter:
    guard count > 0 else { return [] }
    state.lessons.reading.toggle()
    state.lessons.scroll = 0
  case .escape, .backspace:
    state.lessons.reading = false
  default: break
  }
  return []
}
