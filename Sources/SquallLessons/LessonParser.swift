import Foundation
import SquallRequests
import SquallValues

/// Reads a lesson file. Every problem is reported with the file and line, so an author can fix
/// it; a file with problems is left out and the other lessons still load. Pure.
package enum LessonParser {
  package struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
    package var file: String
    package var line: Int
    package var message: String
    package var description: String { "\(file):\(line): \(message)" }

    package init(file: String, line: Int, message: String) {
      self.file = file
      self.line = line
      self.message = message
    }
  }

  /// A lesson, or every problem found in its file.
  package enum Outcome: Equatable, Sendable {
    case success(Lesson)
    case failure([Problem])

    /// The lesson, or nil when it has problems (tests: `try #require(outcome.value)`).
    package var value: Lesson? {
      if case .success(let lesson) = self { return lesson }
      return nil
    }
  }

  /// `snippets` resolves `> swift:` and `> python:` lines (the regions built in, by default).
  package static func parse(_ text: String, file: String, snippets: SnippetSource = .builtIn) -> Outcome {
    var problems: [Problem] = []
    func problem(_ line: Int, _ message: String) { problems.append(Problem(file: file, line: line, message: message)) }
    let lines = TextLines.split(text)  // CRLF files too (a Character holds CRLF as one)
    var title: String?
    var intro: [Block] = []
    var setup: [SetupLine] = []
    var steps: [Step] = []
    struct Draft {
      var title: String
      var line: Int
      var blocks: [Block] = []
      var action: String?
      var check: Check?
      /// The line of its check, to say where a second one would have replaced it.
      var checkLine: Int?
      var hints: [String] = []
      var saw: String?
      var solutions: [Solution] = []
      var solutionTexts: [String] = []
      var prediction: Prediction?
    }
    var draft: Draft?
    var paragraph: [String] = []
    var code: (language: String, lines: [String], start: Int)?
    /// Lines replaced by the region they name, for `expanded`.
    var expanded: [Int: String] = [:]

    func add(_ block: Block) {
      if draft != nil { draft!.blocks.append(block) } else { intro.append(block) }
    }
    func flushParagraph() {
      if !paragraph.isEmpty { add(.paragraph(paragraph.joined(separator: " "))) }
      paragraph = []
    }
    func finishStep() {
      guard let current = draft else { return }
      if current.action == nil { problem(current.line, "step \"\(current.title)\" has no \"> do:\" line") }
      if current.check == nil { problem(current.line, "step \"\(current.title)\" has no \"> check:\" line") }
      if current.hints.isEmpty { problem(current.line, "step \"\(current.title)\" has no \"> hint:\" line") }
      if let action = current.action, let check = current.check, !current.hints.isEmpty {
        steps.append(
          Step(
            title: current.title, line: current.line, blocks: current.blocks, action: action, check: check,
            hints: current.hints, saw: current.saw, checkLine: current.checkLine ?? current.line,
            solutions: current.solutions, solutionTexts: current.solutionTexts, prediction: current.prediction))
      }
      draft = nil
    }

    for (index, raw) in lines.enumerated() {
      let number = index + 1
      if var open = code {
        if raw.hasPrefix("```") {
          add(.code(language: open.language, lines: open.lines))
          code = nil
        } else {
          open.lines.append(raw)
          code = open
        }
        continue
      }
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.hasPrefix("```") {
        flushParagraph()
        let language = String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces).lowercased()
        if language == "swift" || language == "python" {
          problem(
            number,
            "a ```\(language) block: show a region of a file the tests compile or run instead: "
              + "> \(language): PATH#REGION (the file marks it // snippet.REGION … // snippet.end)")
        }
        code = (language, [], number)
      } else if line.hasPrefix("# ") && title == nil {
        title = String(line.dropFirst(2))
      } else if line.hasPrefix("## ") {
        flushParagraph()
        finishStep()
        let heading = String(line.dropFirst(3))
        if heading.lowercased().hasPrefix("step") {
          let name = heading.drop { $0 != "—" && $0 != ":" && $0 != "-" }.dropFirst()
            .trimmingCharacters(in: .whitespaces)
          draft = Draft(title: name.isEmpty ? heading : name, line: number)
        } else {
          add(.heading(heading))
        }
      } else if line.hasPrefix("### ") {
        flushParagraph()
        add(.heading(String(line.dropFirst(4))))
      } else if line.hasPrefix("> ") {
        flushParagraph()
        let marked = line.dropFirst(2)
        guard let colon = marked.firstIndex(of: ":") else {
          add(.paragraph(String(marked)))
          continue
        }
        let key = marked[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = marked[marked.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        switch key {
        case "do":
          guard draft != nil else {
            problem(number, "\"> do:\" outside a step")
            continue
          }
          draft!.action = value
        case "check":
          guard draft != nil else {
            problem(number, "\"> check:\" outside a step")
            continue
          }
          if let first = draft!.checkLine {
            problem(number, "a step has one \"> check:\"; this one would replace the one on line \(first)")
            continue
          }
          switch Check.parse(value) {
          case .success(let check):
            draft!.check = check
            draft!.checkLine = number
          case .failure(let error):
            // The column in the line as written, for an editor to jump to.
            let column = line.distance(from: line.startIndex, to: line.range(of: value)?.lowerBound ?? line.startIndex)
            problem(number, "column \(column + error.column): \(error.message)")
          }
        case "solution":
          guard draft != nil else {
            problem(number, "\"> solution:\" outside a step")
            continue
          }
          switch Solution.parse(value) {
          case .success(let solution):
            draft!.solutions.append(solution)
            draft!.solutionTexts.append(value)
          case .failure(let message): problem(number, message)
          }
        case "predict":
          guard draft != nil else {
            problem(number, "\"> predict:\" outside a step")
            continue
          }
          guard let check = draft!.check else {
            problem(number, "\"> predict:\" goes after the step's \"> check:\" (it names one of the check's fields)")
            continue
          }
          if draft!.prediction != nil {
            problem(number, "a step asks for one prediction")
            continue
          }
          switch Prediction.parse(value, kind: check.kind) {
          case .success(let prediction): draft!.prediction = prediction
          case .failure(let message): problem(number, message)
          }
        case "hint":
          guard draft != nil else {
            problem(number, "\"> hint:\" outside a step")
            continue
          }
          draft!.hints.append(value)
        case "saw":
          guard draft != nil else {
            problem(number, "\"> saw:\" outside a step")
            continue
          }
          guard let check = draft!.check else {
            problem(number, "\"> saw:\" goes after the step's \"> check:\" (it names the check's fields)")
            continue
          }
          if check.kind.isState, let field = Observation.placeholders(in: value).first {
            problem(
              number,
              "\"> saw:\" names {\(field.name)}, but a \(check.kind.rawValue) check sees no event to fill it from")
          }
          for field in Observation.placeholders(in: value)
          where !check.kind.isState && !check.kind.fields.contains(field.name) {
            problem(
              number,
              "\"> saw:\" names {\(field.name)}, which a \(check.kind.rawValue) check does not have: "
                + check.kind.fields.sorted().joined(separator: ", "))
          }
          draft!.saw = value
        case "swift", "python":
          let parts = value.split(separator: "#", maxSplits: 1).map(String.init)
          guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            problem(
              number, "\"> \(key):\" names a region as PATH#REGION (Tutorials/Examples/LessonTwins.swift#hi-handler)")
            continue
          }
          switch snippets.lines(path: parts[0], region: parts[1]) {
          case .success(let lines):
            add(.code(language: key, lines: lines))
            expanded[index] = (["```\(key)"] + lines + ["```"]).joined(separator: "\n")
          case .failure(let message): problem(number, message)
          }
        case "setup":
          guard draft == nil else {
            problem(number, "\"> setup:\" goes before the first step")
            continue
          }
          switch parseSetup(value) {
          case .success(let line): setup.append(line)
          case .failure(let message): problem(number, message)
          }
        default:
          add(.paragraph(String(marked)))
        }
      } else if line.hasPrefix("- ") || line.hasPrefix("* ") {
        flushParagraph()
        add(.bullet(String(line.dropFirst(2))))
      } else if line.isEmpty {
        flushParagraph()
      } else {
        paragraph.append(line)
      }
    }
    if let open = code { problem(open.start, "a ``` code block is not closed") }
    flushParagraph()
    finishStep()
    guard let title else {
      return .failure([Problem(file: file, line: 1, message: "the first line must be a '# Title'")] + problems)
    }
    if steps.isEmpty && problems.isEmpty { problem(1, "the lesson has no \"## Step\" sections") }
    guard problems.isEmpty else { return .failure(problems) }
    let shown = lines.indices.map { expanded[$0] ?? lines[$0] }.joined(separator: "\n")
    return .success(
      Lesson(title: title, file: file, intro: intro, setup: setup, steps: steps, source: text, expanded: shown))
  }

  static func parseSetup(_ text: String) -> Parsed<SetupLine> {
    let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    guard let first = words.first else { return .failure("an empty setup line") }
    if first.hasPrefix("app=") {
      let name = String(first.dropFirst(4))
      guard let app = ExampleApp(rawValue: name) else {
        return .failure("app is \(ExampleApp.namesInWords), not \(name)")
      }
      return .success(.app(app))
    }
    if first == "routes", words.dropFirst().first == "none" { return .success(.noRoutes) }
    if first == "builder" {
      if words.count == 2, words[1] == "clear" { return .success(.builder(method: "GET", url: "{{base}}/")) }
      if words.count == 3, words[1].unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) {
        return .success(.builder(method: words[1], url: words[2]))
      }
      return .failure("builder setup is 'builder clear' or 'builder METHOD URL' (builder GET {{base}}/greet/Ada)")
    }
    if first == "option", words.count == 2, let equals = words[1].firstIndex(of: "=") {
      let name = String(words[1][..<equals])
      guard ServerOptionName(name: name) != nil else {
        return .failure(
          "the Server pane has no option \"\(name)\"; it has "
            + ServerOptionName.allCases.map(\.name).joined(separator: ", "))
      }
      return .success(.option(name: name, value: String(words[1][words[1].index(after: equals)...])))
    }
    if first == "route", words.count >= 4, let status = Int(words[3]) {
      var rest = Array(words.dropFirst(4))
      var delay = 0.0
      if let firstRest = rest.first, firstRest.hasPrefix("delay="), let seconds = Double(firstRest.dropFirst(6)) {
        delay = seconds
        rest.removeFirst()
      }
      return .success(
        .route(
          method: words[1].uppercased(), pattern: words[2], status: status, delay: delay,
          body: rest.joined(separator: " ")))
    }
    return .failure(
      "setup is app=\(ExampleApp.allCases.map(\.rawValue).joined(separator: "|")), routes none, option NAME=VALUE, route METHOD PATTERN STATUS [delay=S] BODY, "
        + "or builder clear|METHOD URL")
  }
}
