import Foundation
import SquallLessons
import SquallValues

/// The step's coach: what to do (▶), whether it happened (◌ waiting / ✓ done, what you saw),
/// the last hint revealed and how to get the next. It is pinned below the open lesson's text
/// and, while another pane is zoomed, drawn as a strip at the bottom of the screen: in every
/// layout and size it is in view, wrapped at spaces, never cut. Pure.
enum CoachView {
  /// `withHint: false` leaves the last hint out: a pane too short for it keeps it in its text.
  static func lines(_ state: PlaygroundState, width: Int, withHint: Bool = true) -> [LessonsView.Line] {
    lines(state.lessons, base: state.lessonBase, width: width, withHint: withHint)
  }

  /// The coach of `lessons`' open lesson, `{{base}}` written as `base`.
  static func lines(_ lessons: LessonsState, base: String, width: Int, withHint: Bool = true) -> [LessonsView.Line] {
    guard let lesson = lessons.open else { return [] }
    typealias Line = LessonsView.Line
    let progress = lessons.progress(of: lesson)
    let index = min(progress.current, lesson.steps.count - 1)
    let step = lesson.steps[index]
    let wrapWidth = max(10, width - 1)
    func wrapped(_ text: String, _ style: Style) -> [Line] {
      CellWidth.wrap(TerminalSafe.escape(text), to: wrapWidth, indent: "  ").map { Line($0, style) }
    }
    var out = wrapped("▶ " + LessonsView.inline(LessonsView.substitute(step.action, base)), .warning)
    let done = progress.done.contains(index)
    let predicting = step.prediction != nil && !done
    if let prediction = step.prediction, !done {
      out += predictionLines(prediction, guess: progress.predictions[index], field: lessons.predicting, wrapWidth) {
        wrapped($0, $1)
      }
    }
    if done {
      let next = index + 1 < lesson.steps.count ? " Press n for the next step." : ""
      out += wrapped("✓ Done: the check saw it happen.\(next)", .success)
      if let outcome = progress.outcomes[index] {
        out += wrapped(outcome.inWords, outcome.right ? .success : .warning)
      }
      if let saw = progress.saw[index] {
        out += wrapped("What you saw: " + LessonsView.inline(saw), .info)
      }
    } else if !predicting {
      out += wrapped("◌ Waiting for: " + LessonsView.describe(step.check), .dim)
    }
    if progress.isComplete(lesson) {
      out += wrapped(
        "★ Lesson complete: all \(lesson.steps.count) steps done. F4, then Esc for the list (↓ Enter: the next lesson); R does it again.",
        .success)
    }
    let shown = min(progress.hints[index, default: 0], step.hints.count)
    let solved = progress.solutions.contains(index) && !step.solutions.isEmpty
    if solved, withHint {
      out += wrapped(LessonsView.solutionText(step, base: base), .info)
    } else if shown > 0, withHint {
      let label = step.hints.count > 1 ? "Hint \(shown) of \(step.hints.count): " : "Hint: "
      out += wrapped(label + LessonsView.inline(LessonsView.substitute(step.hints[shown - 1], base)), .info)
    }
    if shown < step.hints.count, !done {
      let long = "h: a hint (\(shown) of \(step.hints.count) shown) · n/p: next/previous step"
      let short = "h: hint \(shown + 1) of \(step.hints.count) · n/p: steps"
      out += wrapped(CellWidth.of(long) <= wrapWidth ? long : short, .dim)
    } else if !solved, !step.solutions.isEmpty, !done {
      out += wrapped("h: the solution · n/p: next/previous step", .dim)
    }
    return out
  }

  /// The step's question before it is done: the question and how to answer, the guess kept,
  /// or the field while it is being written.
  private static func predictionLines(
    _ prediction: Prediction, guess: String?, field: TextField?, _ wrapWidth: Int,
    wrapped: (String, Style) -> [LessonsView.Line]
  ) -> [LessonsView.Line] {
    // The check is not shown while the step waits for it: it would give the answer away. Once a
    // guess is kept the question gives way to it (one line less above the hints).
    if let field {
      var out = wrapped("? Predict first (e): " + LessonsView.inline(prediction.question), .warning)
      let label = "  Your prediction: "
      let fieldWidth = max(4, wrapWidth - CellWidth.of(label))
      out.append(LessonsView.Line(segments: [(label, .warning), (field.shown(width: fieldWidth), .selected)]))
      return out
    }
    if let guess {
      return wrapped("◌ Your prediction: \(guess) (e changes it). Now do it and see.", .info)
    }
    return wrapped("? Predict first (e): " + LessonsView.inline(prediction.question), .warning)
  }

  /// The coach as a strip below a zoomed pane: a rule naming the lesson and step, then its lines.
  static func drawStrip<C: Canvas>(_ state: PlaygroundState, in rect: Rect, into canvas: inout C) {
    guard let lesson = state.lessons.open, rect.height > 0 else { return }
    let progress = state.lessons.progress(of: lesson)
    let step = min(progress.current, lesson.steps.count - 1) + 1
    let rule = "── Lesson \(state.lessons.selection + 1) · step \(step) of \(lesson.steps.count) (F4) "
    canvas.draw(
      CellWidth.pad(CellWidth.truncate(rule, to: rect.width), to: rect.width, fill: "─"), x: rect.x, y: rect.y,
      width: rect.width, style: .dim)
    let body = lines(state, width: rect.width - 2)
    for (row, line) in body.prefix(rect.height - 1).enumerated() {
      LessonsView.put(line, in: rect, row: row + 1, into: &canvas)
    }
  }
}
