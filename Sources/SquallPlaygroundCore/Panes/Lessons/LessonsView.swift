import Foundation
import SquallLessons
import SquallValues

/// The lessons pane: the list with progress, or the open lesson's current step rendered from
/// its Markdown (headings, lists, wrapped paragraphs, code with its indentation and colours,
/// Python beside Swift when there is room), what to do, whether it is done, and the hints.
enum LessonsView {
  struct Line: Equatable {
    var segments: [(String, Style)]
    init(_ text: String, _ style: Style = .normal) { segments = [(text, style)] }
    init(segments: [(String, Style)]) { self.segments = segments }
    var text: String { segments.map(\.0).joined() }
    static func == (lhs: Line, rhs: Line) -> Bool { lhs.text == rhs.text }
  }

  static func draw<C: Canvas>(_ state: PlaygroundState, in rect: Rect, into canvas: inout C) {
    let lines = state.lessons.open == nil ? listLines(state, width: rect.width) : readingLines(state, width: rect.width)
    // The step's ▶ action and its check stay in view, pinned at the bottom; the rest scrolls.
    let footer = state.lessons.open == nil ? [] : pinnedLines(state, width: rect.width, height: rect.height)
    let height = rect.height - footer.count
    // The list keeps the selected lesson in view (its line is the selection's index plus the
    // line above the list): at 80x24 lessons 7 to 18 were below the fold.
    let selectedLine = state.lessons.selection + 1
    let first =
      state.lessons.open == nil
      ? max(0, min(selectedLine - height + 2, lines.count - height))
      : min(state.lessons.scroll, max(0, lines.count - height))
    func put(_ line: Line, row: Int) {
      var x = rect.x
      canvas.draw(" ", x: x, y: rect.y + row, width: 1, style: .normal)
      x += 1
      for (text, style) in line.segments where x < rect.x + rect.width {
        x += canvas.draw(text, x: x, y: rect.y + row, width: rect.x + rect.width - x, style: style)
      }
    }
    for (row, line) in lines.dropFirst(first).prefix(max(0, height)).enumerated() { put(line, row: row) }
    for (offset, line) in footer.enumerated() { put(line, row: height + offset) }
  }

  /// The lines pinned at the bottom of an open lesson: a rule (with what is scrolled away
  /// below), the ▶ action, and the check (waiting, or done). At most half the pane, unless the
  /// action needs more: it is never cut.
  static func pinnedLines(_ state: PlaygroundState, width: Int, height: Int) -> [Line] {
    guard let lesson = state.lessons.open else { return [] }
    let progress = state.lessons.progress(of: lesson)
    let index = min(progress.current, lesson.steps.count - 1)
    let step = lesson.steps[index]
    let wrapWidth = max(10, width - 2)
    var out = [Line(String(repeating: "─", count: max(0, width - 2)), .dim)]
    let action = "▶ " + inline(substitute(step.action, state))
    let actionLines = CellWidth.wrap(TerminalSafe.escape(action), to: wrapWidth, indent: "  ").map {
      Line($0, .warning)
    }
    out += actionLines
    if progress.done.contains(index) {
      let next = index + 1 < lesson.steps.count ? " Press n for the next step." : ""
      out.append(Line("✓ Done: the check saw it happen.\(next)", .success))
      if let saw = progress.saw[index] {
        out += CellWidth.wrap(TerminalSafe.escape("What you saw: " + inline(saw)), to: wrapWidth, indent: "  ")
          .map { Line($0, .info) }
      }
    } else {
      out += CellWidth.wrap(TerminalSafe.escape("◌ Waiting for: " + describe(step.check)), to: wrapWidth, indent: "  ")
        .map { Line($0, .dim) }
    }
    // Half the pane at most, but the ▶ action whole whatever its length (at 80x24 lesson 1's
    // longest one was cut after three lines): the check's lines give way first.
    return Array(out.prefix(min(height, max(height / 2, 1 + actionLines.count))))
  }

  /// `{{base}}` as the server has it.
  static func substitute(_ raw: String, _ state: PlaygroundState) -> String {
    raw.replacingOccurrences(of: "{{base}}", with: state.variables.values["base"] ?? "")
  }

  static func listLines(_ state: PlaygroundState, width: Int) -> [Line] {
    let lessons = state.lessons
    var out: [Line] = []
    if lessons.lessons.isEmpty {
      out.append(Line("No lessons could be loaded.", .error))
    } else if lessons.progress.isEmpty {
      out.append(Line("New here? Press Enter to start lesson 1 (F4 focuses this pane).", .warning))
    } else if lessons.lessons.allSatisfy({ lessons.progress[$0.file]?.isComplete($0) == true }) {
      out.append(Line("★ All \(lessons.lessons.count) lessons done: the whole seed tutorial, step by step.", .success))
    } else {
      out.append(Line("↑↓ choose · Enter opens · progress is saved as you go", .dim))
    }
    for (index, lesson) in lessons.lessons.enumerated() {
      let progress = lessons.progress[lesson.file]
      let done = progress?.done.count ?? 0
      let marks = lesson.steps.indices.map { progress?.done.contains($0) == true ? "●" : "○" }.joined()
      let status = progress?.isComplete(lesson) == true ? " ✓" : ""
      let selected = index == lessons.selection
      let label = "\(selected ? "›" : " ") \(index + 1). \(lesson.title)"
      let tail = " \(marks) \(done)/\(lesson.steps.count)\(status)"
      out.append(
        Line(
          segments: [
            (CellWidth.pad(label, to: max(10, width - CellWidth.of(tail) - 2)), selected ? .selected : .normal),
            (tail, done == lesson.steps.count ? .success : .dim),
          ]))
    }
    for problem in lessons.problems {
      for text in CellWidth.wrap("✗ " + problem, to: width - 2, indent: "  ") { out.append(Line(text, .error)) }
    }
    return out
  }

  /// The open lesson's lines; the update clamps scrolling with the same lines.
  static func readingLines(_ state: PlaygroundState, width: Int) -> [Line] {
    guard let lesson = state.lessons.open else { return [] }
    let progress = state.lessons.progress(of: lesson)
    let index = min(progress.current, lesson.steps.count - 1)
    let step = lesson.steps[index]
    let base = state.variables.values["base"] ?? ""
    let text = { (raw: String) in raw.replacingOccurrences(of: "{{base}}", with: base) }
    let wrapWidth = max(10, width - 2)
    var out: [Line] = []
    func wrapped(_ raw: String, _ style: Style, indent: String = "") {
      for piece in CellWidth.wrap(TerminalSafe.escape(inline(text(raw))), to: wrapWidth, indent: indent) {
        out.append(Line(piece, style))
      }
    }
    let marks = lesson.steps.indices.map { progress.done.contains($0) ? "●" : ($0 == index ? "◉" : "○") }.joined()
    out.append(
      Line(
        segments: [
          ("Lesson \(state.lessons.selection + 1) · \(lesson.title)", .title),
          ("  step \(index + 1) of \(lesson.steps.count) \(marks)", .dim),
        ]))
    if progress.isComplete(lesson) {
      out.append(
        Line("★ Lesson complete: all \(lesson.steps.count) steps done. Esc for the list, R to do it again.", .success))
    }
    out.append(Line(""))
    if index == 0 {
      out += blocks(lesson.intro, width: wrapWidth, text: text)
      out.append(Line(""))
    }
    out.append(Line("Step \(index + 1) — \(step.title)", .bold))
    out += blocks(step.blocks, width: wrapWidth, text: text)
    let shown = progress.hints[index, default: 0]
    for (number, hint) in step.hints.prefix(shown).enumerated() {
      wrapped("Hint \(number + 1): " + hint, .info, indent: "  ")
    }
    if shown < step.hints.count {
      out.append(Line("h: a hint (\(shown) of \(step.hints.count) shown) · n/p: next/previous step · R: reset", .dim))
    }
    return out
  }

  /// A check in words: `the server answers GET / with 200, the body containing "Hello, world"`.
  static func describe(_ check: Check) -> String {
    let conditions = check.conditions.map { condition -> String in
      let field = condition.argument.map { "\(condition.field) \($0)" } ?? condition.field
      switch condition.op {
      case .equals: return "\(field) \(condition.value)"
      case .contains: return "\(field) containing \"\(condition.value)\""
      case .atLeast: return "\(field) ≥ \(condition.value)"
      case .atMost: return "\(field) ≤ \(condition.value)"
      }
    }.joined(separator: ", ")
    let subject: String
    switch check.kind {
    case .served: subject = "the server answers a request"
    case .sent: subject = "the builder gets an answer"
    case .refused: subject = "the server refuses a request"
    case .burst: subject = "a burst finishes"
    case .option: subject = "the server option"
    case .route: subject = "a route exists"
    case .server: subject = "the server is"
    case .view: subject = "the playground shows"
    case .compared: subject = "a comparison with Tornado gives"
    }
    return conditions.isEmpty ? subject : "\(subject): \(conditions)"
  }
}
