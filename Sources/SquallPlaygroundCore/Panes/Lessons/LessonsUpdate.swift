import Foundation
import SquallLessons
import SquallRequests
import SquallValues

/// The lessons pane's moves: the chosen lesson in the list, the scroll in an open lesson.
func moveLessons(_ move: Move, _ state: inout PlaygroundState) -> [Effect] {
  state.lessons.resetAsked = false
  guard state.lessons.open != nil else {
    let last = max(0, state.lessons.lessons.count - 1)
    switch move {
    case .up: state.lessons.selection = max(0, state.lessons.selection - 1)
    case .down: state.lessons.selection = min(last, state.lessons.selection + 1)
    case .top: state.lessons.selection = 0
    case .bottom: state.lessons.selection = last
    case .pageUp, .pageDown: break  // the list fits: its keys are the lines
    }
    return []
  }
  state.lessons.scroll = Scroll.offset(state.lessons.scroll, after: move, page: max(1, lessonTextRows(state) - 2))
  clampLessonScroll(&state)  // against the lines at the pane's width
  return []
}

/// The lessons pane's commands (see `Keymap.lessons`): open a lesson (its setup applied the
/// first time), reveal hints, move between steps, reset it.
func performLessons(_ command: LessonsCommand, _ state: inout PlaygroundState) -> [Effect] {
  let count = state.lessons.lessons.count
  let resetAsked = state.lessons.resetAsked
  state.lessons.resetAsked = false
  guard let lesson = state.lessons.open else {
    switch command {
    case .openLesson:
      guard count > 0 else { return [] }
      state.lessons.reading = true
      state.lessons.scroll = 0
      let lesson = state.lessons.lessons[state.lessons.selection]
      let cancels = startFromCleanBuilder(lesson, &state)
      if state.lessons.progress[lesson.file] == nil {
        state.lessons.progress[lesson.file] = LessonProgress()
        state.setMessage(
          "Lesson \(state.lessons.selection + 1): \(lesson.title). Do what the ▶ line says; h for a hint.")
        return cancels + applySetup(lesson, &state) + [.saveLessonProgress(state.lessons.progress)]
      }
      state.setMessage("Back to \(lesson.title), step \(state.lessons.progress(of: lesson).current + 1).")
      return cancels
    case .leaveLesson, .hint, .nextStep, .previousStep, .resetLesson:
      return []  // an open lesson's commands (their keys say so: `lessonReading`)
    }
  }
  var progress = state.lessons.progress(of: lesson)
  switch command {
  case .openLesson: return []  // the list's command
  case .leaveLesson:
    state.lessons.reading = false
    if let own = state.lessons.parkedRequest {
      state.builder.spec = own
      state.builder.collectionName = state.lessons.parkedCollectionName
      state.builder.parkedParams = []
      state.lessons.parkedRequest = nil
      state.setMessage("Left \(lesson.title); your own request is back in the builder.")
    }
    return []
  case .nextStep, .previousStep:
    let step = command == .nextStep ? 1 : -1
    let next = progress.current + step
    guard next >= 0, next < lesson.steps.count else {
      state.setMessage(next < 0 ? "This is the first step." : "This is the last step; Esc goes back to the list.")
      return []
    }
    let skipped = step > 0 && !progress.done.contains(progress.current)
    progress.current = next
    // A step that asks to open a view starts with it closed: one left open by an earlier step
    // would pass it before the learner read it.
    if lesson.steps[next].check.kind == .view, !progress.done.contains(next) {
      state.log.timeline.shown = false
      state.log.timeline.end = nil
      state.log.timeline.selected = nil
    }
    // An answer still on its way belongs to the step it was sent in: a request sent for step 1
    // whose answer lands after n must not pass step 2 before its own action.
    state.lessons.firstSendID = state.builder.sent + 1
    state.lessons.scroll = 0
    state.setMessage(
      progress.done.contains(next)
        ? "Step \(next + 1) (already done)."
        : "Step \(next + 1): \(lesson.steps[next].title)"
          + (skipped ? " (step \(next) is not done yet: p goes back to it)" : ""))
  case .hint:
    let shown = progress.hints[progress.current, default: 0]
    let total = lesson.steps[progress.current].hints.count
    guard shown < total else {
      state.setMessage("No more hints for this step; the Log pane (F3) shows what really happened.")
      return []
    }
    progress.hints[progress.current] = shown + 1
    // A pane too short to pin the hint ends its text with it: scroll there.
    state.lessons.progress[lesson.file] = progress
    // Scrolled so that the hint starts right under the "↑ more" mark, its first line in view.
    if let rect = Layout(state).panes[.lessons]?.inner, case let reading = LessonsView.reading(state, in: rect),
      !reading.hintPinned
    {
      state.lessons.scroll = reading.text.lastIndex { $0.text.hasPrefix("Hint") } ?? Int.max
    }
  case .resetLesson:
    if !progress.done.isEmpty && !resetAsked {
      state.lessons.resetAsked = true
      state.setMessage(
        "Reset \(lesson.title)? Its \(progress.done.count) done step\(progress.done.count == 1 ? "" : "s") start over, "
          + "and the server and builder are set up again: press R again to reset, any other key keeps it.")
      return []
    }
    state.lessons.progress[lesson.file] = LessonProgress()
    state.lessons.scroll = 0
    let cancels = startFromCleanBuilder(lesson, &state)
    state.setMessage(
      "Lesson reset: the server and the builder are set up as it starts, and every step is to do again.")
    return cancels + applySetup(lesson, &state) + [.saveLessonProgress(state.lessons.progress)]
  }
  state.lessons.progress[lesson.file] = progress
  clampLessonScroll(&state)
  return [.hint, .nextStep, .previousStep].contains(command) ? [.saveLessonProgress(state.lessons.progress)] : []
}

/// The rows the open lesson's text has above its coach in the current layout.
func lessonTextRows(_ state: PlaygroundState) -> Int {
  let layout = Layout(state)
  let rect = (layout.panes[.lessons] ?? Rect(x: 0, y: 0, width: state.size.width, height: state.size.height)).inner
  return max(0, rect.height - LessonsView.reading(state, in: rect).coach.count - 1)
}

/// Keeps the scroll within the lesson's lines (no invisible over-scroll).
func clampLessonScroll(_ state: inout PlaygroundState) {
  let layout = Layout(state)
  let rect = (layout.panes[.lessons] ?? Rect(x: 0, y: 0, width: state.size.width, height: state.size.height)).inner
  let reading = LessonsView.reading(state, in: rect)
  let rows = max(0, rect.height - reading.coach.count - 1)
  let lines = reading.text.count
  state.lessons.scroll = min(max(0, state.lessons.scroll), LessonsView.maxScroll(lines: lines, rows: rows))
}

/// Opening a lesson (or `R`): the learner's own request is put aside (once: it comes back when
/// the lesson is left) and the builder starts clean, with the lesson's `builder` setup if it
/// has one, so nothing typed in an earlier lesson goes out with this one's requests.
@discardableResult
func startFromCleanBuilder(_ lesson: Lesson, _ state: inout PlaygroundState) -> [Effect] {
  // A request or burst still running belongs to before: it is cancelled, and its answer passes
  // no step of this lesson.
  var cancels: [Effect] = []
  if let flight = state.builder.inFlight {
    cancels.append(.cancelFetch(id: flight.id))
    state.builder.inFlight = nil
  }
  if let burst = state.builder.burst, !burst.finished { cancels.append(.cancelFetch(id: burst.id)) }
  state.lessons.firstSendID = state.builder.sent + 1
  if state.lessons.parkedRequest == nil {
    state.lessons.parkedRequest = state.builder.spec
    state.lessons.parkedCollectionName = state.builder.collectionName
  }
  state.builder.collectionName = nil
  var spec = RequestSpec()
  for case .builder(let method, let url) in lesson.setup {
    spec.method = method
    spec.url = url
  }
  state.builder.spec = spec
  state.builder.parkedParams = []
  state.builder.editor = nil
  state.builder.overlay = nil
  state.builder.response = nil  // an answer to an earlier lesson's request is not this one's
  state.builder.responseValues = [:]
  state.builder.burst = nil
  state.builder.responseTab = .body  // a tab chosen in another lesson is not where this one starts
  state.builder.responseScroll = 0
  // The Log pane back to its list: a step that asks for the timeline (t) starts from it, and
  // fits it to the lesson's requests then.
  state.log.timeline.shown = false
  state.log.timeline.end = nil
  state.log.timeline.selected = nil
  state.log.expanded = false
  return cancels
}

/// The server pane as the lesson starts: its app, routes and options; the server (re)starts.
func applySetup(_ lesson: Lesson, _ state: inout PlaygroundState) -> [Effect] {
  guard lesson.setup.contains(where: { if case .builder = $0 { false } else { true } }) else { return [] }
  // Every option back to its default first: what an earlier lesson changed (an idle timeout
  // of 2 s, gzip on) does not leak into this one; the lesson sets what it needs.
  state.server.options = ServerOptions()
  for line in lesson.setup {
    switch line {
    case .builder: break  // the builder's part: `startFromCleanBuilder`
    case .app(let app): state.server.app = app
    case .noRoutes: state.server.routes = []
    case .option(let name, let value):
      if let index = ServerOptions.names.firstIndex(of: name) { _ = state.server.options.set(index, to: value) }
    case .route(let method, let pattern, let status, let delay, let body):
      state.server.routes.removeAll { $0.method == method && $0.pattern == pattern }
      state.server.routes.append(MockRoute(method: method, pattern: pattern, status: status, body: body, delay: delay))
    }
  }
  state.server.status = .starting
  return [state.server.saveRoutes, state.server.start] + state.server.followApp()
}

/// After every event: does it complete the open lesson's current step? Events count only while
/// their step is the current one; state checks (an option, a route, the server) hold or not.
func checkLesson(_ state: inout PlaygroundState, after event: PlaygroundEvent) -> [Effect] {
  guard let lesson = state.lessons.open else { return [] }
  var progress = state.lessons.progress(of: lesson)
  guard lesson.steps.indices.contains(progress.current), !progress.done.contains(progress.current) else { return [] }
  let step = lesson.steps[progress.current]
  let passed: Bool
  var seen: SquallLessons.Observation?
  if step.check.kind.isState {
    passed = step.check.matches(state.snapshot)
  } else if let observation = observation(of: event, state) {
    passed = step.check.matches(observation)
    seen = observation
  } else {
    passed = false
  }
  guard passed else { return [] }
  progress.done.insert(progress.current)
  if let saw = step.saw { progress.saw[progress.current] = seen.map { $0.fill(saw) } ?? saw }
  state.lessons.progress[lesson.file] = progress
  if progress.isComplete(lesson) {
    let next =
      state.lessons.selection + 1 < state.lessons.lessons.count
      ? " F4, Esc, ↓, Enter: the next lesson." : " That was the last one."
    state.setMessage(
      "✓ Lesson complete: \(lesson.title), all \(lesson.steps.count) steps done.\(next)", kind: .stepDone)
  } else {
    state.setMessage(
      "✓ Step \(progress.current + 1) done: \(step.title). Press n (in the Lessons pane) for the next step.",
      kind: .stepDone)
  }
  return [.saveLessonProgress(state.lessons.progress)]
}

/// What a check can see of an event.
func observation(of event: PlaygroundEvent, _ state: PlaygroundState) -> SquallLessons.Observation? {
  switch event {
  case .servedExchange(let exchange): .served(observed(exchange.entry))
  case .refusedRequest(let refusal):
    .refused(
      cause: refusal.cause, status: refusal.status, method: refusal.method, path: refusal.path,
      bytes: refusal.entry.rawRequest.count)
  case .fetched(let id, let response) where id >= state.lessons.firstSendID: .sent(observed(response.entry))
  case .compared(let id, let outcome) where id >= state.lessons.firstSendID:
    outcome.observation
  case .burstFinished(let id, _) where id >= state.lessons.firstSendID:
    state.builder.burst.map { burst in
      .burst(
        count: burst.done, concurrency: burst.concurrency, p50: burst.percentile(0.5) ?? 0,
        max: burst.latencies.max() ?? 0,
        failures: burst.statuses.filter { !(200..<400).contains($0.key) }.values.reduce(0, +))
    }
  // An answer to a request sent before the step began passes nothing (`firstSendID`).
  case .fetched, .compared, .burstFinished: nil
  // What a check cannot see: keys, the terminal, the clock, the runtime's news. State checks
  // (an option, a route, the server) read the state after each of these instead.
  case .key, .click, .scroll, .resize, .launched, .hangUp, .queueDropped, .tick, .connectionClosed, .tornadoStarted,
    .tornadoFailed, .sendRefused, .wirePreview, .burstResults, .collectionListed, .requestLoaded, .requestSaved,
    .savedResponsesLoaded, .editorClosed, .clock, .serverStarted, .serverStopped, .connectionsOpen, .serverFailed,
    .reported:
    nil
  }
}

/// A log entry as the checks see it: path and query apart, the error in one word.
func observed(_ entry: LogEntry) -> ObservedExchange {
  let target =
    entry.direction == .fetched
    ? (URLComponents(string: entry.target).map { components in
      components.percentEncodedPath + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
    } ?? entry.target) : entry.target
  let path = String(target.prefix { $0 != "?" })
  let query = target.contains("?") ? String(target.drop { $0 != "?" }.dropFirst()) : ""
  let error = entry.error == nil ? "" : (entry.failure ?? .other).rawValue
  var exchange = ObservedExchange(
    method: entry.method, path: path.isEmpty ? "/" : path, query: query, status: entry.status, reason: entry.reason,
    body: String(decoding: entry.responseBody, as: UTF8.self),
    headers: Dictionary(entry.responseHeaders, uniquingKeysWith: { _, last in last }),
    requestHeaders: Dictionary(entry.requestHeaders, uniquingKeysWith: { _, last in last }), error: error,
    duration: entry.duration)
  // Line ends kept as CR LF, other control bytes escaped: `raw~"Transfer-Encoding: chunked"`.
  exchange.raw = TerminalSafe.escape(entry.rawResponse, keepNewlines: true).replacingOccurrences(of: "\\r", with: "")
  exchange.rawRequest = TerminalSafe.escape(entry.rawRequest, keepNewlines: true).replacingOccurrences(
    of: "\\r", with: "")
  return exchange
}

extension PlaygroundState {
  /// The server pane, as state checks see it.
  var snapshot: ServerSnapshot {
    let options = server.options
    return ServerSnapshot(
      app: server.app.rawValue, status: server.status.word,
      options: options.checkValues,
      routes: server.routes.map {
        ServerSnapshot.Route(
          method: $0.method, pattern: $0.pattern, status: $0.status, body: $0.body, delay: $0.delay,
          fault: $0.fault?.rawValue ?? "")
      }, connections: server.counters.connectionsOpen, timelineShown: log.timeline.shown,
      tornado: server.tornado.word, wireShown: builder.showsWire,
      responseTab: builder.responseTab.title.lowercased())
  }
}
