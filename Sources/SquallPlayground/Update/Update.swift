import Foundation

/// The playground's one reducer: applies an event to the state and returns the work to do.
/// Pure: no I/O, no clocks, so tests drive it directly.
public func update(_ state: inout PlaygroundState, _ event: PlaygroundEvent) -> [Effect] {
  switch event {
  case .key(let key): return handleKey(&state, key)
  case .click(let x, let y): return handleClick(&state, x: x, y: y)
  case .scroll(let x, let y, let lines):
    if let pane = Layout(size: state.size, zoomed: state.zoomed ? state.focus : nil).pane(atX: x, y: y) {
      state.focus = pane
    }
    let key: Key = lines < 0 ? .up : .down
    var effects: [Effect] = []
    for _ in 0..<min(abs(lines), 10) { effects += handlePaneKey(&state, key) }
    return effects
  case .resize(let size):
    state.size = size
    return []
  case .tick(let counters):
    let previous = state.server.counters.requests
    state.server.counters = counters
    state.server.requestsPerSecond = Double(max(0, counters.requests - previous))
    return []
  case .servedExchange(let exchange):
    if state.log.paused {
      state.log.missedWhilePaused += 1
    } else {
      state.log.add(PlaygroundServer.entry(exchange))
    }
    return []
  case .fetched(let entry, let summary):
    state.log.add(entry)
    state.builder.inFlight = false
    state.builder.lastSummary = summary
    state.builder.lastResponse = entry
    state.setMessage(summary, error: entry.status >= 400)
    return []
  case .serverStarted(let port):
    state.server.status = .running
    state.server.port = port
    state.server.suggestedPort = nil
    state.setMessage("Server listening on http://\(state.server.host):\(port)/")
    return []
  case .serverStopped:
    state.server.status = .stopped
    state.setMessage("Server stopped. Press s to start it.")
    return []
  case .serverFailed(let message, let suggestion):
    state.server.status = .failed(message)
    state.server.suggestedPort = suggestion
    let hint = suggestion.map { " Press n to use port \($0) instead." } ?? ""
    state.setMessage(message + hint, error: true)
    return []
  case .notice(let text):
    state.setMessage(text)
    return []
  }
}

extension PlaygroundState {
  mutating func setMessage(_ text: String, error: Bool = false) {
    message = text
    messageIsError = error
  }

  /// Whether a text field has the keyboard, so letters are typed rather than commands.
  var isTyping: Bool {
    builder.editing || log.editingFilter || server.editor != nil
  }
}

extension LogPaneState {
  mutating func add(_ entry: LogEntry) {
    if paused {
      missedWhilePaused += 1
      return
    }
    store.append(entry)
  }
}

private func handleKey(_ state: inout PlaygroundState, _ key: Key) -> [Effect] {
  if key == .control("c") { return quit(&state) }
  if state.showHelp {
    if key == .escape || key == .character("?") || key == .character("q") { state.showHelp = false }
    return []
  }
  if !state.isTyping {
    switch key {
    case .character("q"): return quit(&state)
    case .character("?"):
      state.showHelp = true
      return []
    case .tab:
      state.focus = Pane(rawValue: (state.focus.rawValue + 1) % Pane.allCases.count)!
      return []
    case .backTab:
      state.focus = Pane(rawValue: (state.focus.rawValue + Pane.allCases.count - 1) % Pane.allCases.count)!
      return []
    case .character("z"):
      state.zoomed.toggle()
      return []
    case .function(let number) where (1...4).contains(number):
      state.focus = Pane(rawValue: number - 1)!
      return []
    case .escape where state.zoomed:
      state.zoomed = false
      return []
    default: break
    }
  }
  return handlePaneKey(&state, key)
}

private func quit(_ state: inout PlaygroundState) -> [Effect] {
  state.quitting = true
  return [.quit]
}

private func handlePaneKey(_ state: inout PlaygroundState, _ key: Key) -> [Effect] {
  switch state.focus {
  case .server: return updateServerPane(&state, key)
  case .builder: return updateBuilder(&state, key)
  case .log: return updateLog(&state, key)
  case .lessons: return updateLessons(&state, key)
  }
}

private func handleClick(_ state: inout PlaygroundState, x: Int, y: Int) -> [Effect] {
  if state.showHelp {
    state.showHelp = false
    return []
  }
  let layout = Layout(size: state.size, zoomed: state.zoomed ? state.focus : nil)
  guard let pane = layout.pane(atX: x, y: y), !state.isTyping else { return [] }
  state.focus = pane
  let visible = pane == .log ? state.log.visible : []
  if pane == .log, let row = layout.logRow(atY: y, state: state, visible: visible) {
    if row < visible.count { state.log.selectedID = visible[row].id }
  }
  return []
}
