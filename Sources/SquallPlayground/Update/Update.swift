import Foundation

/// The playground's one reducer: applies an event to the state and returns the work to do.
/// Pure: no I/O, no clocks, so tests drive it directly.
public func update(_ state: inout PlaygroundState, _ event: PlaygroundEvent) -> [Effect] {
  let effects = apply(&state, event)
  return effects + checkLesson(&state, after: event)
}

private func apply(_ state: inout PlaygroundState, _ event: PlaygroundEvent) -> [Effect] {
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
    let rate = max(0, counters.requests - previous)
    state.server.requestsPerSecond = Double(rate)
    state.server.rateHistory.append(rate)
    if state.server.rateHistory.count > ServerPaneState.rateHistoryLength { state.server.rateHistory.removeFirst() }
    state.messageHold = max(0, state.messageHold - 1)
    return []
  case .connectionsOpen(let count):
    state.server.counters.connectionsOpen = count
    return []
  case .servedExchange(let exchange):
    state.log.store.append(LogEntry(exchange))
    return []
  case .refusedRequest(let refusal):
    state.log.store.append(LogEntry(refusal))
    return []
  case .fetched(let id, let response):
    return builderFetched(&state, id: id, response: response)
  case .sendRefused(let id, let message):
    guard state.builder.inFlight?.id == id else { return [] }
    state.builder.inFlight = nil
    state.setMessage(message + " (nothing was sent)", error: true)
    return []
  case .burstResults(let id, let samples):
    guard state.builder.burst?.id == id else { return [] }
    for sample in samples {
      state.builder.burst?.latencies.append(sample.seconds)
      state.builder.burst?.statuses[sample.status, default: 0] += 1
    }
    return []
  case .burstFinished(let id, let wallTime):
    guard var burst = state.builder.burst, burst.id == id else { return [] }
    burst.finished = true
    burst.wallTime = wallTime
    state.builder.burst = burst
    let p50 = burst.percentile(0.5).map(LogView.milliseconds) ?? "—"
    state.setMessage("Burst done: \(burst.done) requests, p50 \(p50); see the Response section (6).")
    return []
  case .collectionListed(let names, let problem):
    if let problem {
      state.setMessage(problem, error: true)
    } else if names.isEmpty {
      state.setMessage("No saved requests yet: w saves this one (they are files you can keep in git).")
    } else {
      state.builder.overlay = .collection(names: names, selection: 0)
    }
    return []
  case .requestLoaded(let name, let spec):
    state.builder.spec = spec
    state.setMessage("Loaded \"\(name)\": \(spec.method) \(spec.url)")
    return []
  case .editorClosed(let text, let message):
    if let text {
      state.builder.spec.body = text
      state.setMessage(message ?? "Body updated from the editor.")
      if let problem = state.builder.spec.bodyProblem(state.variables) { state.setMessage(problem, error: true) }
    } else {
      state.setMessage(message ?? "The editor failed; the body is unchanged.", error: true)
    }
    return []
  case .clock(let now):
    state.now = now
    return []
  case .serverStarted(let port):
    state.server.status = .running
    state.server.port = port
    state.server.suggestedPort = nil
    state.setBackgroundMessage("Server listening on http://\(state.server.host):\(port)/")
    return []
  case .serverStopped:
    state.server.status = .stopped
    state.setBackgroundMessage("Server stopped. Press s to start it.")
    return []
  case .serverFailed(let message, let suggestion):
    state.server.status = .failed(message)
    state.server.suggestedPort = suggestion
    let hint = suggestion.map { " Press n to use port \($0) instead." } ?? ""
    state.setMessage(message + hint, error: true)
    return []
  case .reported(let text, let isError):
    state.setMessage(text, error: isError)
    return []
  }
}

extension PlaygroundState {
  /// Ticks (about seconds) a message the user caused stays before background news replaces it.
  static let messageHoldTicks = 4

  /// A message answering what the user did: it stays until their next action or a few seconds.
  mutating func setMessage(_ text: String, error: Bool = false) {
    message = text
    messageIsError = error
    messageHold = Self.messageHoldTicks
  }

  /// News nobody asked for this moment (the server started...): shown unless a recent answer
  /// to the user is still on screen; problems are always shown.
  mutating func setBackgroundMessage(_ text: String, error: Bool = false) {
    guard messageHold == 0 || error else { return }
    message = text
    messageIsError = error
  }

  /// Whether a text field has the keyboard, so letters are typed rather than commands.
  var isTyping: Bool {
    builder.isTyping || log.editingFilter || server.editor != nil
  }
}

private func handleKey(_ state: inout PlaygroundState, _ key: Key) -> [Effect] {
  if key == .control("c") { return quit(&state) }
  // A screen too small to draw the panes says so and takes only q: keys it cannot show the
  // effect of (a send, a stop) wait until it is enlarged.
  if state.size.width < PlaygroundState.minimumSize.width || state.size.height < PlaygroundState.minimumSize.height {
    return key == .character("q") ? quit(&state) : []
  }
  state.messageHold = 0  // the user acted: background news may replace the last answer
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
    case .escape where state.zoomed && !paneTakesEscape(state):
      state.zoomed = false
      return []
    default: break
    }
  }
  return handlePaneKey(&state, key)
}

/// Whether Esc closes something inside the focused pane first (an expanded log entry, a
/// lesson being read), before it ends the zoom.
private func paneTakesEscape(_ state: PlaygroundState) -> Bool {
  switch state.focus {
  case .log: state.log.expanded
  case .lessons: false  // a zoomed lesson unzooms first: leaving it would also swap the builder back
  case .builder: state.builder.inFlight != nil || state.builder.overlay != nil || state.builder.editor != nil
  case .server: false
  }
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
  if pane == .log {
    let visible = state.log.visible
    if let row = layout.logRow(atY: y, state: state, visible: visible), row < visible.count {
      state.log.selectedID = visible[row].id
    }
  }
  if pane == .builder, let rect = layout.panes[.builder] {
    // The section tabs sit on the third line inside the border.
    let inner = rect.inner
    if y == inner.y + 2,
      let section = BuilderView.tabs(state.builder, x: inner.x + 1, width: inner.width - 2)
        .first(where: { $0.columns.contains(x) })?.section
    {
      state.builder.section = section
    }
  }
  return []
}
