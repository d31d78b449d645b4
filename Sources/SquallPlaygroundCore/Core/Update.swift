import Foundation
import SquallValues

/// The playground's one reducer: applies an event to the state and returns the work to do.
/// Pure: no I/O, no clocks, so tests drive it directly.
package func update(_ state: inout PlaygroundState, _ event: PlaygroundEvent) -> [Effect] {
  // The wire preview follows the request as it is edited. The variables (dictionaries merged)
  // are worked out only while it is shown, not for every exchange of a flood.
  let request = state.builder.showsWire ? (state.builder.spec, state.variables) : nil
  var effects = apply(&state, event)
  if state.builder.showsWire {
    let variables = state.variables
    let preview = Effect.previewWire(spec: state.builder.spec, variables: variables)
    if let request {
      if request.0 != state.builder.spec || request.1 != variables { effects.append(preview) }
    } else if effects.last(where: \.isWirePreview) != preview {
      // Opened by this event: it asked for a preview, unless keys run after it (waiting for a
      // big enough terminal) edited the request since.
      effects.append(preview)
    }
  }
  return effects + checkLesson(&state, after: event)
}

private func apply(_ state: inout PlaygroundState, _ event: PlaygroundEvent) -> [Effect] {
  switch event {
  case .key(let key): return handleKey(&state, key)
  // A click or the wheel on a screen too small to show the panes hits nothing.
  case .click where state.isTooSmall, .scroll where state.isTooSmall: return []
  case .click(let x, let y): return handleClick(&state, x: x, y: y)
  case .scroll(let x, let y, let lines):
    if state.showHelp {
      state.helpScroll = min(HelpView.maxScroll(state), max(0, state.helpScroll + lines))
      return []
    }
    if let pane = Layout(state).pane(atX: x, y: y) {
      state.focus = pane
    }
    guard !state.isTyping else { return [] }
    let key: Key = lines < 0 ? .up : .down
    var effects: [Effect] = []
    for _ in 0..<min(abs(lines), 10) {
      guard case .run(let binding) = Keymap.resolve(key, in: state) else { break }
      effects += perform(binding, &state)
    }
    return effects
  case .resize(let size):
    state.size = size
    guard !state.isTooSmall, !state.waitingKeys.keys.isEmpty else { return [] }
    // Big enough again: the keys pressed meanwhile run now, in order.
    let waiting = state.waitingKeys
    state.waitingKeys = WaitingKeys()
    var effects: [Effect] = []
    for key in waiting.keys where !state.quitting { effects += handleKey(&state, key) }
    if waiting.refused > 0 {
      state.setMessage(
        "\(waiting.refused) key\(waiting.refused == 1 ? " was" : "s were") not taken while the window was too small (\(PlaygroundState.waitingKeyLimit) wait at most).",
        error: true)
    }
    return effects
  case .launched(let launch):
    return state.launch(launch)
  case .hangUp:
    return quit(&state)
  case .queueDropped(let count):
    state.log.droppedUnderLoad = count
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
    state.log.store.append(exchange.entry)
    state.log.timeline.add(TimelineSpan(exchange, entryID: state.log.store.total))
    state.builder.linkServed(state.log.store.entries, serverPort: state.server.port)
    return []
  case .connectionClosed(let id, let date):
    state.log.timeline.connectionClosed(id, at: date)
    return []
  case .tornadoStarted(let app, let port, let version):
    guard state.server.tornado == .starting(app: app) else { return [] }  // stopped or switched since
    state.server.tornado = .running(app: app, port: port, version: version)
    let news = "Tornado \(version) serves the \(app) app on :\(port): = in the builder compares."
    // Asked for with T: the answer. Restarted with the app (a lesson opening): background news,
    // which does not replace the lesson's own words while they are fresh.
    if state.server.tornadoFollowsApp { state.setBackgroundMessage(news) } else { state.setMessage(news) }
    return []
  case .tornadoFailed(let message):
    guard case .starting = state.server.tornado else { return [] }
    state.server.tornado = .unavailable(message)
    state.setMessage(TerminalSafe.escape(message), error: true)
    return []
  case .compared(let id, let outcome):
    guard id == state.builder.sent else { return [] }  // a newer send or compare replaced it
    let effects = state.updateBuilder { builder, context, reply in
      builder.compared(id: id, outcome: outcome, context, &reply)
    }
    // Squall's side of a comparison is the hosted server's answer: its bytes for the Raw view.
    state.builder.linkServed(state.log.store.entries, serverPort: state.server.port)
    return effects
  case .refusedRequest(let refusal):
    state.log.store.append(refusal.entry)
    return []
  case .fetched(let id, let response):
    // Every answer is logged, also one the builder no longer waits for (cancelled, replaced).
    state.log.store.append(response.entry)
    state.log.timeline.add(TimelineSpan(response, entryID: state.log.store.total))
    let effects = state.updateBuilder { builder, context, reply in
      builder.fetched(id: id, response: response, context, &reply)
    }
    state.builder.linkServed(state.log.store.entries, serverPort: state.server.port)
    return effects
  case .wirePreview(let wire, let spec, let variables):
    // An answer for an earlier version of the request is not shown over a newer one.
    if state.builder.showsWire, spec == state.builder.spec, variables == state.variables { state.builder.wire = wire }
    return []
  case .sendRefused(let id, let message):
    guard state.builder.inFlight?.id == id else { return [] }
    state.builder.inFlight = nil
    state.setMessage(message + " (nothing was sent)", error: true)
    return []
  case .webSocket(let id, let news):
    return state.updateBuilder { builder, context, reply in
      builder.webSocketNews(id: id, news, serverPort: context.serverPort, &reply)
      return []
    }
  case .webSocketBurst(let id, let opened, let failed, let problem):
    return state.updateBuilder { builder, _, reply in
      builder.webSocketBurstNews(id: id, opened: opened, failed: failed, problem: problem, &reply)
      return []
    }
  case .serverWebSocket(let news):
    state.log.store.file(news)
    if case .closed(let id, _, let at) = news { state.log.timeline.webSocketClosed(id, at: at) }
    if case .frame(let id, let frame) = news { state.log.timeline.webSocketFrame(id, at: frame.at) }
    return []
  case .burstResults(let id, let samples):
    guard state.builder.burst?.id == id else { return [] }
    if let burst = state.builder.burst {
      for sample in samples { state.log.timeline.add(TimelineSpan(sample, method: burst.method, target: burst.target)) }
    }
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
  case .requestSaved(let name, let folder):
    state.builder.collectionName = name
    state.setMessage("Saved \"\(name)\" in \(folder) (squall requests send \"\(name)\" sends it too).")
    return []
  case .savedResponsesLoaded(let values, let problem):
    state.builder.savedResponseValues = values
    if let problem { state.setMessage(problem, error: true) }
    return []
  case .requestLoaded(let name, let spec):
    state.builder.spec = spec
    state.builder.collectionName = name
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
    // n is the Server pane's key: the pane is focused so that the hint works as written
    // (not while typing elsewhere: what is typed stays where it is).
    if suggestion != nil, !state.isTyping, state.lessons.open == nil { state.focus = .server }
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
  package mutating func setMessage(_ text: String, error: Bool = false) {
    setMessage(text, kind: error ? .error : .info)
  }

  /// Shows `text` as a message of `kind`, held a few ticks against background news.
  package mutating func setMessage(_ text: String, kind: StatusMessage.Kind) {
    let error = kind == .error
    message = text
    messageIsError = error
    messageKind = kind
    messageHold = Self.messageHoldTicks
    remember(text, error: error)
  }

  /// Keeps a shown message in the history (a repeat of the last one once).
  private mutating func remember(_ text: String, error: Bool) {
    let entry = StatusMessage(text: text, isError: error)
    guard messageHistory.last != entry else { return }
    messageHistory.append(entry)
    if messageHistory.count > Self.messageHistoryLimit {
      messageHistory.removeFirst(messageHistory.count - Self.messageHistoryLimit)
    }
  }

  /// News nobody asked for this moment (the server started...): shown unless a recent answer
  /// to the user is still on screen; problems are always shown.
  mutating func setBackgroundMessage(_ text: String, error: Bool = false) {
    guard messageHold == 0 || error else { return }
    message = text
    messageIsError = error
    remember(text, error: error)
  }

  /// Whether a text field, an overlay or the palette has the keyboard, so letters are typed
  /// rather than commands (typing HOST never fires H).
  var isTyping: Bool {
    palette != nil || copyChooser != nil || builder.isTyping || log.editingFilter || server.editor != nil
      || lessons.predicting != nil
  }
}

private func handleKey(_ state: inout PlaygroundState, _ key: Key) -> [Effect] {
  if key == .control("c") { return quit(&state) }
  // A screen too small to draw the panes says so. Keys it cannot show the effect of (a send, a
  // stop, letters typed into a field) wait until it is enlarged; q quits when nothing waits
  // and nothing is being typed, Esc drops what waits.
  if state.isTooSmall { return waitForSpace(&state, key) }
  state.messageHold = 0  // the user acted: background news may replace the last answer
  if case .unknown(let sequence) = key {
    // Nothing is typed and nothing is closed: a field being typed in stays as it was.
    state.setMessage("Ignored a key this terminal sent as \(sequence): Squall does not know it. ? lists the keys.")
    return []
  }
  if state.palette != nil { return updatePalette(&state, key) }
  if state.copyChooser != nil { return updateCopyChooser(&state, key) }
  if state.showHelp { return updateHelp(&state, key) }
  if state.showMessages { return updateMessages(&state, key) }
  // Text fields and overlays take every key (the builder's Ctrl-R sends from them too).
  if state.server.editor != nil, state.focus == .server { return state.take(state.server.type(key)) }
  if state.builder.isTyping, state.focus == .builder { return state.builderInput(key) }
  if state.log.editingFilter, state.focus == .log {
    state.log.typeFilter(key)
    return []
  }
  if state.lessons.predicting != nil, state.focus == .lessons {
    return state.take(state.lessons.typePrediction(key, state.lessonsContext))
  }
  switch Keymap.resolve(key, in: state) {
  case .run(let binding):
    if binding.command != .lessons(.resetLesson) { state.lessons.resetAsked = false }
    return perform(binding, &state)
  case .notHere(let binding):
    state.lessons.resetAsked = false
    if key != .escape {
      state.setMessage("\(key.label): \(binding.summary) — it works \(binding.when.place).")
    }
  case .otherPane(let binding):
    state.lessons.resetAsked = false
    let pane = binding.pane ?? state.focus
    state.setMessage(
      "\(key.label) does nothing in the \(state.focus.title) pane; in \(pane.title) (F\(pane.rawValue + 1)) it does: "
        + "\(binding.summary). ? lists this pane's keys.")
  case .unbound:
    state.lessons.resetAsked = false
    if case .character(let character) = key, TextField.isTypable(character) {
      state.setMessage("\(key.label) does nothing here: ? lists this pane's keys, Ctrl-P finds any command by name.")
    }
  }
  return []
}

/// Runs a binding's command in its pane (the focused one, or everywhere).
func perform(_ binding: KeyBinding, _ state: inout PlaygroundState) -> [Effect] {
  switch binding.command {
  case .everywhere(let command): return performEverywhere(command, &state)
  case .move(let move, let pane):
    switch pane {
    case .server:
      state.server.move(move)
      return []
    case .builder: return state.updateBuilder { builder, context, reply in builder.move(move, context, &reply) }
    case .log:
      let context = state.logContext
      return state.take(state.log.move(move, context))
    case .lessons:
      state.lessons.move(move, state.lessonsContext)
      return []
    }
  case .server(let command): return state.take(state.server.perform(command))
  case .builder(let command):
    return state.updateBuilder { builder, context, reply in builder.perform(command, context, &reply) }
  case .section(let section):
    state.builder.section = section
    return []
  case .table(let command):
    return state.updateBuilder { builder, context, reply in builder.tableCommand(command, context, &reply) }
  case .response(let command):
    return state.updateBuilder { builder, context, reply in builder.responseCommand(command, context, &reply) }
  case .log(let command):
    let context = state.logContext
    return state.take(state.log.perform(command, context))
  case .timeline(let command):
    let context = state.logContext
    return state.take(state.log.perform(command, context))
  case .lessons(let command): return state.take(state.lessons.perform(command, state.lessonsContext))
  }
}

/// The commands of every pane (see `Keymap.everywhere`).
private func performEverywhere(_ command: GlobalCommand, _ state: inout PlaygroundState) -> [Effect] {
  let count = Pane.allCases.count
  switch command {
  case .quit: return quit(&state)
  case .help:
    state.showHelp = true
    state.helpScroll = 0
  case .palette: state.palette = PaletteState()
  case .nextPane: state.focus = Pane(rawValue: (state.focus.rawValue + 1) % count)!
  case .previousPane: state.focus = Pane(rawValue: (state.focus.rawValue + count - 1) % count)!
  case .focusServer: state.focus = .server
  case .focusBuilder: state.focus = .builder
  case .focusLog: state.focus = .log
  case .focusLessons: state.focus = .lessons
  case .messages:
    state.showMessages = true
    state.messagesScroll = MessagesView.maxScroll(state)
  case .zoom: state.zoomed.toggle()
  case .unzoom: state.zoomed = false
  }
  return []
}

/// Keys while help is shown: ↑↓ PgUp PgDn scroll it, anything else closes it.
private func updateHelp(_ state: inout PlaygroundState, _ key: Key) -> [Effect] {
  switch key {
  case .up, .character("k"): state.helpScroll = max(0, state.helpScroll - 1)
  case .down, .character("j"): state.helpScroll = min(HelpView.maxScroll(state), state.helpScroll + 1)
  case .pageUp: state.helpScroll = max(0, state.helpScroll - 10)
  case .pageDown: state.helpScroll = min(HelpView.maxScroll(state), state.helpScroll + 10)
  default: state.showHelp = false
  }
  return []
}

/// Keys while the message history is shown: ↑↓ PgUp PgDn Home End scroll it, anything else closes it.
private func updateMessages(_ state: inout PlaygroundState, _ key: Key) -> [Effect] {
  let last = MessagesView.maxScroll(state)
  switch key {
  case .up, .character("k"): state.messagesScroll = max(0, min(last, state.messagesScroll) - 1)
  case .down, .character("j"): state.messagesScroll = min(last, state.messagesScroll + 1)
  case .pageUp: state.messagesScroll = max(0, min(last, state.messagesScroll) - Scroll.page)
  case .pageDown: state.messagesScroll = min(last, state.messagesScroll + Scroll.page)
  case .home, .character("g"): state.messagesScroll = 0
  case .end, .character("G"): state.messagesScroll = last
  default: state.showMessages = false
  }
  return []
}

private func quit(_ state: inout PlaygroundState) -> [Effect] {
  state.quitting = true
  return [.quit]
}

private func handleClick(_ state: inout PlaygroundState, x: Int, y: Int) -> [Effect] {
  if state.showHelp {
    state.showHelp = false
    return []
  }
  let layout = Layout(state)
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

/// A key pressed while the terminal is too small: kept to run later, or q, or Esc.
private func waitForSpace(_ state: inout PlaygroundState, _ key: Key) -> [Effect] {
  if case .unknown = key { return [] }  // a sequence Squall does not know: ignored, as always
  if key == .character("q"), state.waitingKeys.keys.isEmpty, !state.isTyping { return quit(&state) }
  if key == .escape, !state.waitingKeys.keys.isEmpty {
    state.waitingKeys = WaitingKeys()
    return []
  }
  if state.waitingKeys.keys.count < PlaygroundState.waitingKeyLimit {
    state.waitingKeys.keys.append(key)
  } else {
    state.waitingKeys.refused += 1
  }
  return []
}
