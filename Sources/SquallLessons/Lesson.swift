import SquallValues

/// A guided lesson, read from a Markdown file that reads well on a code host: a `# Title`,
/// an introduction, then `## Step …` sections, each with its explanation, code (the seed's
/// Python and the Swift twin), and marked lines the engine reads:
///
///     > do: send GET {{base}}/ from the builder (F2, Ctrl-R)
///     > check: served method == GET and path == / and body contains "Hello, world"
///     > hint: press F2, then Ctrl-R
///
/// plus `> setup: …` lines (before the first step) that prepare the server pane.
package struct Lesson: Equatable, Sendable {
  package var title: String
  /// The file it came from (`01-hello-server.md`), which also keys its progress.
  package var file: String
  package var intro: [Block]
  package var setup: [SetupLine]
  package var steps: [Step]
  /// The text as written.
  package var source: String
  /// The text with each `> swift:` / `> python:` line replaced by its region as a fenced block,
  /// for `squall lessons show`.
  package var expanded: String

  package init(
    title: String, file: String, intro: [Block], setup: [SetupLine], steps: [Step], source: String,
    expanded: String? = nil
  ) {
    self.title = title
    self.file = file
    self.intro = intro
    self.setup = setup
    self.steps = steps
    self.source = source
    self.expanded = expanded ?? source
  }
}

package struct Step: Equatable, Sendable {
  package var title: String
  /// The line of its `## Step` heading, for messages.
  package var line: Int
  package var blocks: [Block]
  package var action: String
  package var check: Check
  package var hints: [String]
  /// `> saw:`: what the learner saw, explained once the check passes, with their own numbers:
  /// `p50 {p50} with {concurrency} at once` (the fields of the check's kind in braces).
  package var saw: String?
  /// The line of its `> check:`, for messages.
  package var checkLine: Int
  /// `> solution:` lines: what passes the step, run in order by `squall lessons verify`; and
  /// as written, for a learner who asks.
  package var solutions: [Solution]
  package var solutionTexts: [String]
  /// `> predict:`: a value the learner guesses before acting, shown beside what happened.
  package var prediction: Prediction?

  package init(
    title: String, line: Int, blocks: [Block], action: String, check: Check, hints: [String], saw: String? = nil,
    checkLine: Int? = nil, solutions: [Solution] = [], solutionTexts: [String] = [], prediction: Prediction? = nil
  ) {
    self.prediction = prediction
    self.solutions = solutions
    self.solutionTexts = solutionTexts
    self.checkLine = checkLine ?? line
    self.title = title
    self.line = line
    self.blocks = blocks
    self.action = action
    self.check = check
    self.hints = hints
    self.saw = saw
  }
}

/// What the lesson pane draws: Markdown reduced to what a terminal shows well.
package enum Block: Equatable, Sendable {
  case heading(String)
  case paragraph(String)
  case bullet(String)
  /// A fenced block with its language (`python`, `swift`, `sh`…) and its lines, indentation kept.
  case code(language: String, lines: [String])
}

/// A `> setup:` line: the server pane as the lesson needs it.
package enum SetupLine: Equatable, Sendable {
  /// `app=echo` or `app=hello`.
  case app(ExampleApp)
  /// `option maxBufferSize=1000`.
  case option(name: String, value: String)
  /// `route GET /greet/([^/]+) 200 delay=0 Hello, {1}!`.
  case route(method: String, pattern: String, status: Int, delay: Double, body: String)
  /// `routes none`: start from no routes.
  case noRoutes
  /// `builder GET {{base}}/greet/Ada`: the request the builder starts from (a clean one with
  /// this method and URL); `builder clear` is `GET {{base}}/`. Every lesson starts from a
  /// clean builder; this line chooses which.
  case builder(method: String, url: String)
}

/// A parsed value, or what is wrong with the text, in words.
package enum Parsed<Value: Equatable & Sendable>: Equatable, Sendable {
  case success(Value)
  case failure(String)

  /// The value, or nil with the problem left unsaid (tests: `try #require(parsed.value)`).
  package var value: Value? {
    if case .success(let value) = self { return value }
    return nil
  }
}
