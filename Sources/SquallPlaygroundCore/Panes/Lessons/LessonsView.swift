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
    guard state.lessons.open != nil else {
      // The list keeps the selected lesson in view, with marks where lessons are hidden.
      let lines = listLines(state, width: rect.width)
      let header = lines.count - state.lessons.lessons.count - problemLines(state, width: rect.width).count
      let window = ListWindow(count: lines.count, focus: header + state.lessons.selection, rows: rect.height)
      window.draw(in: rect, into: &canvas) { index, row, canvas in put(lines[index], in: rect, row: row, into: &canvas)
      }
      return
    }
    // The coach (▶ action, check, hint) is pinned at the bottom, whole; the text above scrolls.
    let reading = reading(state, in: rect)
    let lines = reading.text
    let height = max(0, rect.height - reading.coach.count - 1)
    // Scrolled, the first row is a mark and the text starts below it: no line hides under it.
    let first = min(state.lessons.scroll, maxScroll(lines: lines.count, rows: height))
    let shown = first > 0 ? max(0, height - 1) : height
    let below = max(0, lines.count - first - shown)
    var text = Array(lines.dropFirst(first).prefix(shown))
    if first > 0, height > 0 { text.insert(Line("↑ \(first) more above: PgUp, Home", .dim), at: 0) }
    for (row, line) in text.enumerated() { put(line, in: rect, row: row, into: &canvas) }
    let more = below > 0 ? " ↓ \(below) more: PgDn " : ""
    let rule = Line(CellWidth.pad("──" + more, to: max(0, rect.width - 2), fill: "─"), .dim)
    let footer = Array(([rule] + reading.coach).prefix(rect.height))
    let top = rect.height - footer.count
    for (offset, line) in footer.enumerated() { put(line, in: rect, row: top + offset, into: &canvas) }
  }

  /// The open lesson in a pane's inner `rect`: the text that scrolls and the coach pinned below it.
  /// The last hint is pinned with the coach while the text keeps `minimumTextRows`; in a shorter
  /// pane it ends the text instead (and `h` scrolls to it), so the text never vanishes. Pure.
  struct Reading {
    var text: [Line]
    var coach: [Line]
    var hintPinned: Bool
  }
  static let minimumTextRows = 4

  /// The furthest the text scrolls in `rows`: its last line on the last row, under the mark.
  static func maxScroll(lines: Int, rows: Int) -> Int { lines <= rows ? 0 : lines - max(1, rows - 1) }

  static func reading(_ state: PlaygroundState, in rect: Rect) -> Reading {
    reading(state.lessons, base: state.lessonBase, in: rect)
  }

  /// The open lesson of `lessons` in `rect`, `{{base}}` written as `base`. Pure.
  static func reading(_ lessons: LessonsState, base: String, in rect: Rect) -> Reading {
    let full = CoachView.lines(lessons, base: base, width: rect.width - 1)
    if rect.height - full.count - 1 >= minimumTextRows {
      return Reading(text: readingLines(lessons, base: base, width: rect.width), coach: full, hintPinned: true)
    }
    return Reading(
      text: readingLines(lessons, base: base, width: rect.width, hintsInText: true),
      coach: CoachView.lines(lessons, base: base, width: rect.width - 1, withHint: false), hintPinned: false)
  }

  /// One line at `row` of `rect`, after a space.
  static func put<C: Canvas>(_ line: Line, in rect: Rect, row: Int, into canvas: inout C) {
    var x = rect.x
    canvas.draw(" ", x: x, y: rect.y + row, width: 1, style: .normal)
    x += 1
    for (text, style) in line.segments where x < rect.x + rect.width {
      x += canvas.draw(text, x: x, y: rect.y + row, width: rect.x + rect.width - x, style: style)
    }
  }

  /// The step the open lesson is at.
  static func currentStep(_ lesson: Lesson, _ lessons: LessonsState) -> Step {
    lesson.steps[min(lessons.progress(of: lesson).current, lesson.steps.count - 1)]
  }

  /// The pane a step works in: the first pane its ▶ line names by key ("In the builder (F2)"),
  /// else the one its check watches (an option or a route: the server; a view: the log;
  /// anything sent or served: the builder). Pure.
  static func stepPane(_ step: Step) -> Pane {
    let named = Pane.allCases.compactMap { pane -> (String.Index, Pane)? in
      var search = step.action.startIndex..<step.action.endIndex
      while let found = step.action.range(of: "F\(pane.rawValue + 1)", range: search) {
        if step.action[found.upperBound...].first?.isNumber != true { return (found.lowerBound, pane) }  // not F10
        search = found.upperBound..<step.action.endIndex
      }
      return nil
    }
    if let first = named.min(by: { $0.0 < $1.0 }) { return first.1 }
    switch step.check.kind {
    case .option, .route, .server: return .server
    case .view: return .log
    case .served, .sent, .refused, .burst, .compared, .websocket: return .builder
    }
  }

  /// `{{base}}`, `{{host}}` and `{{port}}` as the server has them (`http://127.0.0.1:8888`). Pure.
  static func substitute(_ raw: String, _ base: String) -> String {
    guard raw.contains("{{") else { return raw }
    let authority = base.split(separator: "/").dropFirst().first.map(String.init) ?? ""
    let host = authority.split(separator: ":").first.map(String.init) ?? authority
    let port = authority.split(separator: ":").dropFirst().first.map(String.init) ?? "80"
    return raw.replacingOccurrences(of: "{{base}}", with: base).replacingOccurrences(of: "{{host}}", with: host)
      .replacingOccurrences(of: "{{port}}", with: port)
  }

  static func listLines(_ state: PlaygroundState, width: Int) -> [Line] {
    let lessons = state.lessons
    var out: [Line] = []
    let header: (String, Style)
    if lessons.lessons.isEmpty {
      header = ("No lessons could be loaded.", .error)
    } else if lessons.progress.isEmpty {
      header = ("New here? Press Enter to start lesson 1 (F4 focuses this pane).", .warning)
    } else if lessons.lessons.allSatisfy({ lessons.progress[$0.file]?.isComplete($0) == true }) {
      header = ("★ All \(lessons.lessons.count) lessons done: the whole seed tutorial, step by step.", .success)
    } else {
      header = ("↑↓ choose · Enter opens · progress is saved as you go", .dim)
    }
    out += CellWidth.wrap(header.0, to: max(10, width - 2), indent: "  ").map { Line($0, header.1) }
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
    return out + problemLines(state, width: width)
  }

  /// The lesson files that could not be used, wrapped.
  static func problemLines(_ state: PlaygroundState, width: Int) -> [Line] {
    state.lessons.problems.flatMap { problem in
      CellWidth.wrap("✗ " + problem, to: max(10, width - 2), indent: "  ").map { Line($0, .error) }
    }
  }

  /// The open lesson's lines; the update clamps scrolling with the same lines.
  static func readingLines(_ lessons: LessonsState, base: String, width: Int, hintsInText: Bool = false) -> [Line] {
    guard let lesson = lessons.open else { return [] }
    let progress = lessons.progress(of: lesson)
    let index = min(progress.current, lesson.steps.count - 1)
    let step = lesson.steps[index]
    let text = { (raw: String) in substitute(raw, base) }
    let wrapWidth = max(10, width - 2)
    var out: [Line] = []
    func wrapped(_ raw: String, _ style: Style, indent: String = "") {
      for piece in CellWidth.wrap(TerminalSafe.escape(inline(text(raw))), to: wrapWidth, indent: indent) {
        out.append(Line(piece, style))
      }
    }
    let marks = lesson.steps.indices.map { progress.done.contains($0) ? "●" : ($0 == index ? "◉" : "○") }.joined()
    // The title whole, wrapped at spaces; the step and its marks after it, or on a line of their own.
    let title = "Lesson \(lessons.selection + 1) · \(TerminalSafe.escape(lesson.title))"
    let stepMarks = "step \(index + 1) of \(lesson.steps.count) \(marks)"
    var titleLines = CellWidth.wrap(title, to: wrapWidth, indent: "  ")
    let last = titleLines.removeLast()
    out += titleLines.map { Line($0, .title) }
    if CellWidth.of(last) + 2 + CellWidth.of(stepMarks) <= wrapWidth {
      out.append(Line(segments: [(last, .title), ("  " + stepMarks, .dim)]))
    } else {
      out.append(Line(last, .title))
      out.append(Line(stepMarks, .dim))
    }
    out.append(Line(""))
    if index == 0 {
      out += blocks(lesson.intro, width: wrapWidth, text: text)
      out.append(Line(""))
    }
    for piece in CellWidth.wrap(TerminalSafe.escape("Step \(index + 1) — \(step.title)"), to: wrapWidth, indent: "  ") {
      out.append(Line(piece, .bold))
    }
    out += blocks(step.blocks, width: wrapWidth, text: text)
    // The hints before the last one shown (the coach shows the last, unless it is too short).
    // The solution, once revealed, takes the last hint's place in the coach.
    let shown = min(progress.hints[index, default: 0], step.hints.count)
    let solved = progress.solutions.contains(index) && !step.solutions.isEmpty
    for (number, hint) in step.hints.prefix(max(0, hintsInText || solved ? shown : shown - 1)).enumerated() {
      let label = step.hints.count > 1 ? "Hint \(number + 1) of \(step.hints.count): " : "Hint: "
      wrapped(label + hint, .info, indent: "  ")
    }
    if solved, hintsInText { wrapped(solutionText(step, base: base), .info, indent: "  ") }
    return out
  }

  /// `Solution: F2, then a …` — the step's solution in keys and words, `{{base}}` filled.
  static func solutionText(_ step: Step, base: String) -> String {
    "Solution: " + inline(substitute(Solution.inWords(step.solutions), base))
  }

  /// A check in words (see `Check.inWords`).
  static func describe(_ check: Check) -> String { check.inWords }

}
