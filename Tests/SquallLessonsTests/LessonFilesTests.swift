import Foundation
import SquallChecks
import SquallStorage
import Testing

@testable import SquallLessons

/// The lesson files: they parse, they are built into the binary as they are, and the Swift they
/// show is code the package compiles.
@Suite struct LessonFilesTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let tutorials = root.appendingPathComponent("Tutorials").path

  @Test func everyLessonParsesWithActionsChecksAndHints() {
    let library = LessonLibrary.load(directory: Self.tutorials)
    #expect(library.problems.isEmpty, "\(library.problems.map(\.description).joined(separator: "\n"))")
    #expect(library.lessons.count >= 8)
    #expect(library.lessons.map(\.title).first == "Hello, server")
    for lesson in library.lessons {
      #expect(!lesson.steps.isEmpty, "\(lesson.file)")
      for step in lesson.steps { #expect(!step.action.isEmpty && !step.hints.isEmpty) }
    }
  }

  /// The lessons ship inside the binary, with the regions of code they show. After editing a
  /// lesson or a region, regenerate with `SQUALL_UPDATE_LESSONS=1 swift test --filter LessonFilesTests`.
  @Test func theBuiltInLessonsAreTheFiles() throws {
    let names = LessonLibrary.lessonFiles(in: Self.tutorials)
    let files = try names.map { ($0, try String(contentsOfFile: Self.tutorials + "/" + $0, encoding: .utf8)) }
    let regions = try Self.regions(of: files.map(\.1))
    if ProcessInfo.processInfo.environment["SQUALL_UPDATE_LESSONS"] == "1" {
      var source = "// Generated from Tutorials/NN-*.md by LessonFilesTests (SQUALL_UPDATE_LESSONS=1); do not edit.\n"
      source += "enum EmbeddedLessons {\n"
      source += "  /// The code regions the lessons show (`> swift:` / `> python:`), keyed PATH#REGION.\n"
      source += "  static let regions: [String: String] = [\n"
      for (key, text) in regions.sorted(by: { $0.key < $1.key }) {
        source += "    \"\(key)\": #####\"\"\"\n\(text)\n\"\"\"#####,\n"
      }
      source += "  ]\n\n  static let files: [(name: String, text: String)] = [\n"
      for (name, text) in files {
        source += "    (\n      name: \"\(name)\",\n      text: #####\"\"\"\n\(text)\n\"\"\"#####\n    ),\n"
      }
      source += "  ]\n}\n"
      try source.write(
        toFile: Self.root.appendingPathComponent("Sources/SquallLessons/EmbeddedLessons.swift").path, atomically: true,
        encoding: .utf8)
      return
    }
    let regenerate = "regenerate: SQUALL_UPDATE_LESSONS=1 swift test --filter LessonFilesTests"
    #expect(EmbeddedLessons.files.map(\.name) == names, "\(regenerate)")
    for ((_, text), embedded) in zip(files, EmbeddedLessons.files) {
      #expect(embedded.text == text, "\(embedded.name) changed: \(regenerate)")
    }
    #expect(EmbeddedLessons.regions == regions, "a region the lessons show changed: \(regenerate)")
    // The built-in lessons, read with the built-in regions, are the lessons read from the files.
    let builtIn = LessonLibrary.parse(EmbeddedLessons.files.map { ($0.name, $0.text) }, origin: "built in")
    #expect(builtIn.problems.isEmpty && builtIn.lessons == LessonLibrary.load(directory: Self.tutorials).lessons)
  }

  /// Every `> swift:` and `> python:` line's region, read from the package's files.
  static func regions(of texts: [String]) throws -> [String: String] {
    var out: [String: String] = [:]
    let source = SnippetSource.files(root: root.path)
    for text in texts {
      for line in text.split(separator: "\n") where line.hasPrefix("> swift: ") || line.hasPrefix("> python: ") {
        let reference = line.split(separator: " ", maxSplits: 2)[2].trimmingCharacters(in: .whitespaces)
        let parts = reference.split(separator: "#", maxSplits: 1).map(String.init)
        guard parts.count == 2, case .success(let lines) = source.lines(path: parts[0], region: parts[1]) else {
          Issue.record("\(reference) does not resolve")
          continue
        }
        out[reference] = lines.joined(separator: "\n")
      }
    }
    return out
  }

  /// Each code block is a whole region of a file the tests compile (Swift) or run with Tornado
  /// (Python): no fenced ```swift or ```python block is left, and every region resolves.
  @Test func everyCodeBlockIsARegionOfACompiledOrRunFile() throws {
    for name in LessonLibrary.lessonFiles(in: Self.tutorials) {
      let text = try String(contentsOfFile: Self.tutorials + "/" + name, encoding: .utf8)
      #expect(!text.contains("```swift") && !text.contains("```python"), "\(name) has a fenced code block")
    }
    let library = LessonLibrary.load(directory: Self.tutorials)
    let blocks = library.lessons.flatMap { $0.intro + $0.steps.flatMap(\.blocks) }
    let code = blocks.filter { if case .code = $0 { true } else { false } }
    #expect(code.count >= 20, "the lessons show their code")
    for case .code(let language, let lines) in code {
      #expect(["swift", "python"].contains(language) && !lines.isEmpty)
      #expect(lines.allSatisfy { !$0.contains("snippet.") }, "no marker is shown")
    }
    for path in [
      "Tutorials/Python/echo_app.py", "Tutorials/Python/hello_client.py", "Tutorials/Python/hello_server.py",
    ] {
      let text = try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
      #expect(Snippets.regions(in: text).problems.isEmpty, "\(path)")
    }
  }

  @Test func regionsNestHideAndDedentAndAMissingOneIsReported() {
    let text = """
      func outer() {
        // snippet.all
        let a = 1
        // snippet.inner
        let b = 2
        // snippet.hide
        let secret = 3
        // snippet.show
        let c = 4
        // snippet.end
        // snippet.end
      }
      // snippet.open
      """
    let (regions, problems) = Snippets.regions(in: text)
    #expect(regions["inner"] == ["let b = 2", "let c = 4"])
    #expect(regions["all"] == ["let a = 1", "let b = 2", "let c = 4"])
    #expect(problems.map(\.message) == ["snippet.open is not closed by a snippet.end"])
    let lesson = """
      # Title

      ## Step 1 — one
      > swift: Tutorials/Examples/LessonTwins.swift#no-such-region
      > do: x
      > check: served method=GET path=/ status=200
      > hint: h
      """
    let library = LessonLibrary.parse(
      [("09-x.md", lesson)], origin: "test", snippets: .files(root: Self.root.path))
    #expect(library.lessons.isEmpty)
    #expect(
      library.problems.first?.description.hasPrefix(
        "09-x.md:4: Tutorials/Examples/LessonTwins.swift has no region no-such-region; it has: ") == true)
  }

  @Test func aMalformedLessonIsReportedWithFileAndLineAndTheOthersLoad() {
    let bad = """
      # Broken

      ## Step 1 — no check
      > do: something
      > hint: a hint

      ## Step 2 — bad check
      > do: x
      > check: served colour=red
      > hint: h
      > check: teleported
      """
    let library = LessonLibrary.parse([("01-good.md", Self.good), ("02-bad.md", bad)], origin: "test")
    #expect(library.lessons.map(\.title) == ["Good"])
    #expect(
      library.problems.map(\.description) == [
        "02-bad.md:3: step \"no check\" has no \"> check:\" line",
        "02-bad.md:9: column 17: served has no field \"colour\"; it has status, reason, method, path, query, "
          + "header.NAME, reqheader.NAME, body, size, duration, error, code, raw, rawrequest, $.PATH",
        "02-bad.md:11: column 10: unknown check kind \"teleported\"; use one of served, sent, refused, burst, option, route, server, view, compared, websocket",
        "02-bad.md:7: step \"bad check\" has no \"> check:\" line",
      ])
  }

  @Test func unknownOptionsAndASecondCheckAreReportedWithTheirLines() {
    let lesson = """
      # Options

      > setup: option maxBuferSize=1000

      ## Step 1 — one
      > do: x
      > check: option name=noKeepalive value=true
      > hint: h

      ## Step 2 — two
      > do: y
      > check: served status=200
      > check: served status=404
      > hint: h
      """
    let library = LessonLibrary.parse([("03-options.md", lesson)], origin: "test")
    #expect(
      library.problems.map(\.description) == [
        "03-options.md:3: the Server pane has no option \"maxBuferSize\"; it has "
          + "maxBufferSize, maxBodySize, maxHeaderSize, idleConnectionTimeout, bodyTimeout, noKeepAlive, compressResponse, xheaders",
        "03-options.md:7: column 17: the Server pane has no option \"noKeepalive\"; it has "
          + "maxBufferSize, maxBodySize, maxHeaderSize, idleConnectionTimeout, bodyTimeout, noKeepAlive, compressResponse, xheaders",
        "03-options.md:5: step \"one\" has no \"> check:\" line",
        "03-options.md:13: a step has one \"> check:\"; this one would replace the one on line 12",
      ])
  }

  static let good = """
    # Good

    > setup: app=echo

    ## Step 1 — one
    Text.
    ```sh
    curl -i {{base}}/
    ```
    > do: send it
    > check: served method=GET path=/ status=200 body~"Hello, world"
    > hint: Enter
    """

  @Test func stepsKeepCodeIndentationAndSetup() throws {
    let lesson = try #require(LessonParser.parse(Self.good, file: "01-good.md").value, "parses")
    #expect(lesson.setup == [.app(.echo)])
    #expect(
      lesson.steps[0].blocks == [
        .paragraph("Text."), .code(language: "sh", lines: ["curl -i {{base}}/"]),
      ])
  }

  /// Found by the lesson fuzz harness: an old-form word with nothing before its `=` trapped.
  @Test func anOldFormWordWithoutAFieldIsRefused() {
    #expect(
      Check.parse("served status=200 =x")
        == .failure(
          CheckSyntaxError(column: 19, "served has no field \"\"; it has \(Check.Kind.served.subject.fieldList)")))
  }

  @Test func checksMatchWhatHappenedAndNothingElse() throws {
    let check = try Check.parse(#"served method=GET path=/ status=200 body~"Hello, world""#).get()
    let hello = ObservedExchange(method: "GET", path: "/", status: 200, body: "Hello, world")
    #expect(check.matches(.served(hello)))
    #expect(!check.matches(.sent(hello)), "a served check is not satisfied by the client's side")
    #expect(!check.matches(.served(ObservedExchange(method: "GET", path: "/nope", status: 404))))
    let timeout = try Check.parse("sent code=599 error=timeout duration>=0.5").get()
    #expect(
      timeout.matches(.sent(ObservedExchange(method: "GET", path: "/slow", status: 599, error: "timeout", duration: 1)))
    )
    #expect(
      !timeout.matches(
        .sent(ObservedExchange(method: "GET", path: "/slow", status: 599, error: "refused", duration: 1))))
    let option = try Check.parse("option name=maxBufferSize value<=1000").get()
    let snapshot = ServerSnapshot(app: "echo", status: "running", options: ["maxBufferSize": "900"], routes: [])
    #expect(option.matches(snapshot))
    #expect(
      !option.matches(
        ServerSnapshot(app: "echo", status: "running", options: ["maxBufferSize": "104857600"], routes: [])))
    #expect(
      Check.parse("option maxBufferSize >= x")
        == .failure(CheckSyntaxError(column: 25, "maxBufferSize is a number; \"x\" is not")))
  }
}
