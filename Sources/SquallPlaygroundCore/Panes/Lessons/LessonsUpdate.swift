import Foundation
import SquallLessons
import SquallRequests
import SquallValues

// The Lessons pane as a component: its moves and commands change `LessonsState` only and
// answer with a `PaneReply`; what a lesson sets up in the other panes (a clean builder, the
// server's app, routes and options) is asked for as outputs the root hands to those panes.

/// What the Lessons pane's update reads of the world around it.
struct LessonsContext {
  /// The pane's inside (the screen's when the pane is not shown): the reading's rows.
  var rect: Rect
  /// `{{base}}` as the lessons write it.
  var base: String
  /// The builder's request and its saved name, parked while a lesson runs.
  var builderRequest: RequestSpec
  var builderCollectionName: String?
  /// The builder's last send: an answer to it or an earlier one passes no step begun after.
  var builderSent: Int
  /// The Server pane's app, routes and options now, parked while a lesson sets up its own.
  var serverSetup: ServerPaneState.Setup
}

extension LessonsState {
  /// The moves: the chosen lesson in the list, the scroll in an open lesson.
  mutating func move(_ move: Move, _ context: LessonsContext) {
    resetAsked = false
    guard open != nil else {
      let last = max(0, lessons.count - 1)
      switch move {
      case .up: selection = max(0, selection - 1)
      case .down: selection = min(last, selection + 1)
      case .top: selection = 0
      case .bottom: selection = last
      case .pageUp, .pageDown: break  // the list fits: its keys are the lines
      }
      return
    }
    scroll = Scroll.offset(scroll, after: move, page: max(1, textRows(context) - 2))
    clampScroll(context)  // against the lines at the pane's width
  }

  /// The commands (see `Keymap.lessons`): open a lesson (its setup applied the first time),
  /// reveal hints, move between steps, reset it.
  mutating func perform(_ command: LessonsCommand, _ context: LessonsContext) -> PaneReply {
    let asked = resetAsked
    resetAsked = false
    guard let lesson = open else {
      switch command {
      case .openLesson:
        guard !lessons.isEmpty else { return .none }
        reading = true
        scroll = 0
        let lesson = lessons[selection]
        var reply = start(lesson, context)
        if progress[lesson.file] == nil {
          progress[lesson.file] = LessonProgress()
          reply.say("Lesson \(selection + 1): \(lesson.title). Do what the ▶ line says; h for a hint.")
          setUpServer(lesson, context, &reply)
          reply.effects.append(.saveLessonProgress(progress))
          return reply
        }
        reply.say("Back to \(lesson.title), step \(progress(of: lesson).current + 1).")
        resumeServer(lesson, context, &reply)
        return reply
      case .leaveLesson, .hint, .predict, .nextStep, .previousStep, .resetLesson:
        return .none  // an open lesson's commands (their keys say so: `lessonReading`)
      }
    }
    var progress = progress(of: lesson)
    var reply = PaneReply()
    switch command {
    case .openLesson: return .none  // the list's command
    case .leaveLesson:
      reading = false
      var back: [String] = []
      if let own = parkedRequest {
        reply.outputs.append(.restoreRequest(own, name: parkedCollectionName))
        parkedRequest = nil
        back.append("your own request is back in the builder")
      }
      if let own = parkedServer {
        lessonServers[lesson.file] = context.serverSetup
        reply.outputs.append(.restoreServer(own, save: true))
        parkedServer = nil
        back.append("your app, routes and options are back in the Server pane")
      }
      if !back.isEmpty { reply.say("Left \(lesson.title); " + back.joined(separator: ", and ") + ".") }
      return reply
    case .nextStep, .previousStep:
      let step = command == .nextStep ? 1 : -1
      let next = progress.current + step
      guard next >= 0, next < lesson.steps.count else {
        return .say(next < 0 ? "This is the first step." : "This is the last step; Esc goes back to the list.")
      }
      let skipped = step > 0 && !progress.done.contains(progress.current)
      progress.current = next
      // A step that asks to open a view starts with it closed: one left open by an earlier step
      // would pass it before the learner read it.
      if lesson.steps[next].check.kind == .view, !progress.done.contains(next) {
        reply.outputs.append(.closeTimeline)
      }
      // An answer still on its way belongs to the step it was sent in: a request sent for step 1
      // whose answer lands after n must not pass step 2 before its own action.
      firstSendID = context.builderSent + 1
      scroll = 0
      reply.say(
        progress.done.contains(next)
          ? "Step \(next + 1) (already done)."
          : "Step \(next + 1): \(lesson.steps[next].title)"
            + (skipped ? " (step \(next) is not done yet: p goes back to it)" : ""))
    case .hint:
      let step = lesson.steps[progress.current]
      let shown = progress.hints[progress.current, default: 0]
      let done = progress.done.contains(progress.current)
      if shown >= step.hints.count && step.solutions.isEmpty {
        return .say("No more hints for this step; the Log pane (F3) shows what really happened.")
      }
      if (shown >= step.hints.count || done) && !step.solutions.isEmpty {
        // rustlings' way: the solution once the hints are spent, or once the step is done.
        guard !progress.solutions.contains(progress.current) else {
          return .say("The solution is shown under the step; the Log pane (F3) shows what really happened.")
        }
        progress.solutions.insert(progress.current)
        reply.say(
          done
            ? "The step's solution, to compare with what you did, is under the step."
            : "The step's solution is under the step: do it, and the check sees it happen.")
      } else {
        progress.hints[progress.current] = shown + 1
      }
      // A pane too short to pin the hint ends its text with it: scroll there.
      self.progress[lesson.file] = progress
      // Scrolled so that the hint starts right under the "↑ more" mark, its first line in view.
      let reading = LessonsView.reading(self, base: context.base, in: context.rect)
      if !reading.hintPinned {
        scroll = reading.text.lastIndex { $0.text.hasPrefix("Hint") || $0.text.hasPrefix("Solution") } ?? Int.max
      }
    case .predict:
      let step = lesson.steps[progress.current]
      guard let prediction = step.prediction else {
        return .say("This step asks for no prediction: e works on a step that says \"? Predict first\".")
      }
      guard !progress.done.contains(progress.current) else {
        return .say("The step is done: a prediction is made before acting. n goes to the next step.")
      }
      predicting = TextField(progress.predictions[progress.current] ?? "", selectingAll: true)
      return .say(LessonsView.inline(prediction.question) + " Type your guess, then Enter.")
    case .resetLesson:
      if !progress.done.isEmpty && !asked {
        resetAsked = true
        return .say(
          "Reset \(lesson.title)? Its \(progress.done.count) done step\(progress.done.count == 1 ? "" : "s") start over, "
            + "and the server and builder are set up again: press R again to reset, any other key keeps it.")
      }
      self.progress[lesson.file] = LessonProgress()
      scroll = 0
      reply = start(lesson, context)
      reply.say("Lesson reset: the server and the builder are set up as it starts, and every step is to do again.")
      setUpServer(lesson, context, &reply)
      reply.effects.append(.saveLessonProgress(self.progress))
      return reply
    }
    self.progress[lesson.file] = progress
    clampScroll(context)
    if [.hint, .nextStep, .previousStep].contains(command) { reply.effects.append(.saveLessonProgress(self.progress)) }
    return reply
  }

  /// Keys while the prediction field is open: Enter keeps the guess (an empty one takes it
  /// back), Esc closes it unchanged.
  mutating func typePrediction(_ key: Key, _ context: LessonsContext) -> PaneReply {
    guard var field = predicting, let lesson = open else {
      predicting = nil
      return .none
    }
    switch key {
    case .escape:
      predicting = nil
      return .say("Prediction not changed.")
    case .enter:
      predicting = nil
      var progress = progress(of: lesson)
      let guess = field.text.trimmingCharacters(in: .whitespaces)
      progress.predictions[progress.current] = guess.isEmpty ? nil : guess
      self.progress[lesson.file] = progress
      clampScroll(context)
      return .say(
        guess.isEmpty
          ? "Prediction taken back: e writes one again."
          : "Prediction kept: \(guess). Now do what the ▶ line says, and see if you were right.",
        effects: [.saveLessonProgress(self.progress)])
    case .function, .control("r"), .tab, .backTab:
      // Another pane or a send while the guess is half written: the guess stays, and says how on.
      return .say(
        "\(key.label) waits while you write your guess: Enter keeps it (Esc leaves it as it was), then F2 and Ctrl-R.")
    default:
      _ = field.apply(key)
      predicting = field
      return .none
    }
  }

  /// Opening a lesson (or `R`): the learner's own request is put aside (once: it comes back
  /// when the lesson is left) and the builder starts clean, with the lesson's `builder` setup
  /// if it has one, so nothing typed in an earlier lesson goes out with this one's requests.
  private mutating func start(_ lesson: Lesson, _ context: LessonsContext) -> PaneReply {
    // A request still running belongs to before: the builder cancels it, and its answer
    // passes no step of this lesson.
    firstSendID = context.builderSent + 1
    if parkedRequest == nil {
      parkedRequest = context.builderRequest
      parkedCollectionName = context.builderCollectionName
    }
    var spec = RequestSpec()
    for case .builder(let method, let url) in lesson.setup {
      spec.method = method
      spec.url = url
    }
    return PaneReply(outputs: [.startLesson(builder: spec)])
  }

  /// The server as `lesson` starts: the learner's own app, routes and options parked first
  /// (once: a reset keeps the first parked), then the lesson's set up.
  private mutating func setUpServer(_ lesson: Lesson, _ context: LessonsContext, _ reply: inout PaneReply) {
    guard ServerPaneState.setsUpServer(lesson.setup) else { return }
    if parkedServer == nil { parkedServer = context.serverSetup }
    reply.outputs.append(.setUpServer(lesson.setup))
  }

  /// The server as `lesson` is opened again: the learner's own parked, then the lesson's as it
  /// was left (or, after a restart of the playground, as the lesson sets it up).
  private mutating func resumeServer(_ lesson: Lesson, _ context: LessonsContext, _ reply: inout PaneReply) {
    guard ServerPaneState.setsUpServer(lesson.setup) else { return }
    if parkedServer == nil { parkedServer = context.serverSetup }
    if let kept = lessonServers[lesson.file] {
      reply.outputs.append(.restoreServer(kept, save: false))
    } else {
      reply.outputs.append(.setUpServer(lesson.setup))
    }
  }

  /// The rows the open lesson's text has above its coach.
  func textRows(_ context: LessonsContext) -> Int {
    max(0, context.rect.height - LessonsView.reading(self, base: context.base, in: context.rect).coach.count - 1)
  }

  /// Keeps the scroll within the lesson's lines (no invisible over-scroll).
  mutating func clampScroll(_ context: LessonsContext) {
    let reading = LessonsView.reading(self, base: context.base, in: context.rect)
    let rows = max(0, context.rect.height - reading.coach.count - 1)
    scroll = min(max(0, scroll), LessonsView.maxScroll(lines: reading.text.count, rows: rows))
  }

  /// Whether the open lesson's current step checks the state after each event (an option, a
  /// route, the server), rather than what an event saw.
  var checksState: Bool {
    guard let lesson = open else { return false }
    let current = progress(of: lesson).current
    return lesson.steps.indices.contains(current) && lesson.steps[current].check.kind.isState
  }

  /// After every event: does it complete the open lesson's current step? `snapshot` is the
  /// server pane as state checks see it (given when `checksState`), `seen` what the event
  /// showed. Events count only while their step is the current one.
  mutating func check(snapshot: ServerSnapshot?, seen: SquallLessons.Observation?) -> PaneReply {
    guard let lesson = open else { return .none }
    var progress = progress(of: lesson)
    guard lesson.steps.indices.contains(progress.current), !progress.done.contains(progress.current) else {
      return .none
    }
    let step = lesson.steps[progress.current]
    let passed: Bool
    var observed: SquallLessons.Observation?
    if step.check.kind.isState {
      passed = snapshot.map(step.check.matches) ?? false
    } else if let seen {
      passed = step.check.matches(seen)
      observed = seen
    } else {
      passed = false
    }
    guard passed else { return .none }
    progress.done.insert(progress.current)
    if let saw = step.saw { progress.saw[progress.current] = observed.map { $0.fill(saw) } ?? saw }
    var judged = ""
    if let observed, let outcome = step.judge(progress.predictions[progress.current], observed) {
      progress.outcomes[progress.current] = outcome
      judged = " " + outcome.inWords
    }
    self.progress[lesson.file] = progress
    var reply = PaneReply(effects: [.saveLessonProgress(self.progress)])
    if progress.isComplete(lesson) {
      let next =
        selection + 1 < lessons.count ? " F4, Esc, ↓, Enter: the next lesson." : " That was the last one."
      reply.say("✓ Lesson complete: \(lesson.title), all \(lesson.steps.count) steps done.\(judged)\(next)", .stepDone)
    } else {
      reply.say(
        "✓ Step \(progress.current + 1) done: \(step.title).\(judged) Press n (in the Lessons pane) for the next step.",
        .stepDone)
    }
    return reply
  }
}
