import Foundation
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
    #expect(library.lessons.count == 8)
    #expect(library.lessons.map(\.title).first == "Hello, server")
    for lesson in library.lessons {
      #expect(!lesson.steps.isEmpty, "\(lesson.file)")
      for step in lesson.steps { #expect(!step.action.isEmpty && !step.hints.isEmpty) }
    }
  }

  /// The lessons ship inside the binary. After editing a lesson, regenerate with
  /// `SQUALL_UPDATE_LESSONS=1 swift test --filter LessonFilesTests`.
  @Test func theBuiltInLessonsAreTheFiles() throws {
    let names = LessonLibrary.lessonFiles(in: Self.tutorials)
    let files = try names.map { ($0, try String(contentsOfFile: Self.tutorials + "/" + $0, encoding: .utf8)) }
    if ProcessInfo.processInfo.environment["SQUALL_UPDATE_LESSONS"] == "1" {
      var source = "// Generated from Tutorials/NN-*.md by LessonFilesTests (SQUALL_UPDATE_LESSONS=1); do not edit.\n"
      source += "enum EmbeddedLessons {\n  static let files: [(name: String, text: String)] = [\n"
      for (name, text) in files {
        source += "    (\n      name: \"\(name)\",\n      text: #####\"\"\"\n\(text)\n\"\"\"#####\n    ),\n"
      }
      source += "  ]\n}\n"
      try source.write(
        toFile: Self.root.appendingPathComponent("Sources/SquallLessons/EmbeddedLessons.swift").path, atomically: true,
        encoding: .utf8)
      return
    }
    #expect(
      EmbeddedLessons.files.map(\.name) == names,
      "regenerate: SQUALL_UPDATE_LESSONS=1 swift test --filter LessonFilesTests")
    for ((_, text), embedded) in zip(files, EmbeddedLessons.files) {
      #expect(embedded.text == text, "\(embedded.name) changed: regenerate the built-in lessons")
    }
  }

  @Test func theSwiftTheLessonsShowIsCompiledCode() throws {
    var sources = ""
    for folder in ["Tutorials", "Sources/Squall"] {
      let enumerator = FileManager.default.enumerator(atPath: Self.root.appendingPathComponent(folder).path)
      while let path = enumerator?.nextObject() as? String {
        guard path.hasSuffix(".swift") else { continue }
        sources += try String(
          contentsOfFile: Self.root.appendingPathComponent(folder + "/" + path).path, encoding: .utf8)
      }
    }
    let compiled = Set(sources.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
    for lesson in LessonLibrary.load(directory: Self.tutorials).lessons {
      let blocks = lesson.intro + lesson.steps.flatMap(\.blocks)
      for case .code(let language, let lines) in blocks where language == "swift" {
        for line in lines.map({ $0.trimmingCharacters(in: .whitespaces) }) where !line.isEmpty {
          #expect(compiled.contains(line), "\(lesson.file): `\(line)` is not in the package's Swift sources")
        }
      }
    }
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
        "02-bad.md:9: served checks have no field \"colour\"; they have body, code, duration, error, header, method, path, query, reason, reqheader, status",
        "02-bad.md:11: unknown check kind \"teleported\"; use one of served, sent, refused, burst, option, route, server",
        "02-bad.md:7: step \"bad check\" has no \"> check:\" line",
      ])
  }

  static let good = """
    # Good

    > setup: app=echo

    ## Step 1 — one
    Text.
    ```python
    def get(self):
        self.write("x")
    ```
    > do: send it
    > check: served method=GET path=/ status=200 body~"Hello, world"
    > hint: Enter
    """

  @Test func stepsKeepCodeIndentationAndSetup() throws {
    guard case .success(let lesson) = LessonParser.parse(Self.good, file: "01-good.md") else {
      Issue.record("did not parse")
      return
    }
    #expect(lesson.setup == [.app("echo")])
    #expect(
      lesson.steps[0].blocks == [
        .paragraph("Text."), .code(language: "python", lines: ["def get(self):", "    self.write(\"x\")"]),
      ])
  }

  @Test func checksMatchWhatHappenedAndNothingElse() throws {
    guard case .success(let check) = Check.parse(#"served method=GET path=/ status=200 body~"Hello, world""#) else {
      Issue.record("did not parse")
      return
    }
    let hello = ObservedExchange(method: "GET", path: "/", status: 200, body: "Hello, world")
    #expect(check.matches(.served(hello)))
    #expect(!check.matches(.sent(hello)), "a served check is not satisfied by the client's side")
    #expect(!check.matches(.served(ObservedExchange(method: "GET", path: "/nope", status: 404))))
    guard case .success(let timeout) = Check.parse("sent code=599 error=timeout duration>=0.5") else { return }
    #expect(
      timeout.matches(.sent(ObservedExchange(method: "GET", path: "/slow", status: 599, error: "timeout", duration: 1)))
    )
    #expect(
      !timeout.matches(
        .sent(ObservedExchange(method: "GET", path: "/slow", status: 599, error: "refused", duration: 1))))
    guard case .success(let option) = Check.parse("option name=maxBufferSize value<=1000") else { return }
    let snapshot = ServerSnapshot(app: "echo", status: "running", options: ["maxBufferSize": "900"], routes: [])
    #expect(option.matches(snapshot))
    #expect(
      !option.matches(
        ServerSnapshot(app: "echo", status: "running", options: ["maxBufferSize": "104857600"], routes: [])))
    #expect(Check.parse("option value>=x") == .failure("value>= wants a number, got \"x\""))
  }
}
