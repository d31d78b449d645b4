import Foundation
import SquallLessons
import SquallTestSupport
import Testing

@testable import SquallPlayground
@testable import SquallPlaygroundCore

/// Every step of every lesson, passed by its `> solution:` lines in a playground without a
/// screen (the same `update`, the real hosted server and client): `squall lessons verify`'s
/// code. Each check must fail before its solution and pass after it.
@Suite(.serialized) struct LessonLearnerTests {
  static let tutorials = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Tutorials").path

  @Test func everyLessonPassesByItsSolutions() async throws {
    let library = LessonLibrary.load(directory: Self.tutorials)
    try #require(library.problems.isEmpty && library.lessons.count == 22)
    let verifier = LessonVerifier(lessons: library.lessons, group: Fixtures.serverLoops)
    let outcome = await verifier.verify(tornado: TornadoAvailable.now)
    #expect(outcome.failures.isEmpty, "\(outcome.failures.map(\.description))")
    let tornadoSteps = TornadoAvailable.now ? 0 : library.lessons.first { $0.file.hasPrefix("18-") }!.steps.count
    #expect(outcome.passed == 96 - tornadoSteps)
    #expect(outcome.skipped.count == (TornadoAvailable.now ? 0 : 1))
    // What the learner saw, with their own numbers.
    let burst = try #require(library.lessons.first { $0.file.hasPrefix("07-") })
    let saw = try #require(verifier.state.lessons.progress(of: burst).saw[0])
    #expect(saw.hasPrefix("20 requests, 10 at once: p50 "), "\(saw)")
    #expect(saw.contains(" ms, max ") && saw.hasSuffix("so the requests overlapped."), "\(saw)")
    for lesson in library.lessons where TornadoAvailable.now || !lesson.file.hasPrefix("18-") {
      #expect(verifier.state.lessons.progress(of: lesson).isComplete(lesson), "\(lesson.file) complete")
    }
    await verifier.close()
  }

  /// A lesson whose check cannot pass, or whose check holds before its solution, is named with
  /// its file and the check's line; the lesson stops there.
  @Test func aBrokenStepIsNamedWithItsLine() async throws {
    let library = LessonLibrary.load(directory: Self.tutorials)
    var hello = try #require(library.lessons.first)
    let text = hello.source.replacingOccurrences(
      of: "> check: served method == GET and path == /nope and status == 404",
      with: "> check: served method == GET and path == /nope and status == 418")
    #expect(text != hello.source, "the lesson has the check this test breaks")
    hello = try #require(LessonParser.parse(text, file: hello.file).value)
    let verifier = LessonVerifier(lessons: [hello], group: Fixtures.serverLoops)
    verifier.bound = 2
    let outcome = await verifier.verify(tornado: false)
    await verifier.close()
    #expect(outcome.passed == 1 && outcome.steps == 2)
    #expect(outcome.failures.count == 1)
    #expect(
      outcome.failures.first?.description.hasPrefix(
        "01-hello-server.md:39: step \"A path with no route\" is not done after its solution (within 2 s): "
          + "waiting for the server answers a request: method GET, path /nope, status 418; the playground says: "
          + "GET http://127.0.0.1:") == true, "\(outcome.failures)")

    var early = try #require(LessonParser.parse(hello.source, file: hello.file).value)
    early.steps[1].check = try Check.parse("server status == running").get()  // holds already
    let second = LessonVerifier(lessons: [early], group: Fixtures.serverLoops)
    let before = await second.verify(tornado: false)
    await second.close()
    #expect(before.failures.first?.message.contains("is done before its solution") == true, "\(before.failures)")
  }
}
