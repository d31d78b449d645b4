import Foundation
import SquallTestSupport
import Testing

/// `squall lessons`: the lessons built into the binary, progress, check with file:line, reset.
@Suite struct LessonsCommandTests {
  let squall = productsDirectory.appendingPathComponent("squall").path

  /// An environment with its own state folder, run from a folder with no Tutorials/ (so the
  /// built-in lessons are used, as for a squall copied anywhere).
  func environment(_ extra: [String: String] = [:]) throws -> [String: String] {
    let state = FileManager.default.temporaryDirectory.appendingPathComponent("squall-lessons-\(UUID())").path
    return ["XDG_STATE_HOME": state, "HOME": state, "PATH": "/usr/bin:/bin"].merging(extra) { $1 }
  }

  @Test func theBuiltInLessonsAreListedShownAndValid() async throws {
    let env = try environment()
    let check = try await runProgram(squall, ["lessons", "check"], environment: env, directory: NSTemporaryDirectory())
    #expect(check.status == 0, "\(check.errorOutput)")
    #expect(check.output.hasPrefix("22 lessons,") && check.output.contains("all valid (built in)"))
    let list = try await runProgram(squall, ["lessons", "list"], environment: env, directory: NSTemporaryDirectory())
    #expect(list.output.hasPrefix("  1. Hello, server  0/5 steps\n"))
    #expect(list.output.contains("  8. Stopping  0/6 steps"))
    let show = try await runProgram(
      squall, ["lessons", "show", "1"], environment: env, directory: NSTemporaryDirectory())
    #expect(
      show.output.contains(
        "class MainHandler(tornado.web.RequestHandler):\n    def get(self):\n        self.write(\"Hello, world\")"),
      "indentation intact")
    let bad = try await runProgram(
      squall, ["lessons", "show", "99"], environment: env, directory: NSTemporaryDirectory())
    #expect(bad.status == 1)
    #expect(
      bad.errorOutput == "squall: there is no lesson 99; the lessons are 1 to 22 (squall lessons list)\n",
      "one line, no usage text")
  }

  @Test func aBrokenLessonIsReportedWithFileAndLine() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lessons-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data("# Fine\n\n## Step 1 — a\n> do: x\n> check: server status=running\n> hint: y\n".utf8)
      .write(to: folder.appendingPathComponent("01-fine.md"))
    try Data([0xFF, 0xFE, 0x00, 0x41]).write(to: folder.appendingPathComponent("02-binary.md"))
    try Data("# Odd\n\n## Step 1 — b\n> do: x\n> check: served colour=red\n> hint: y\n".utf8)
      .write(to: folder.appendingPathComponent("03-odd.md"))
    // A region that does not exist, in a file beside the lessons' folder.
    try Data("// snippet.there\nlet x = 1\n// snippet.end\n".utf8).write(
      to: folder.deletingLastPathComponent().appendingPathComponent("\(folder.lastPathComponent).swift"))
    defer {
      try? FileManager.default.removeItem(
        at: folder.deletingLastPathComponent().appendingPathComponent("\(folder.lastPathComponent).swift"))
    }
    try Data(
      "# Code\n\n## Step 1 — c\n> swift: \(folder.lastPathComponent).swift#here\n> do: x\n> check: server status=running\n> hint: y\n"
        .utf8
    ).write(to: folder.appendingPathComponent("04-code.md"))
    let check = try await runProgram(
      squall, ["lessons", "check", folder.path], environment: try environment(), directory: NSTemporaryDirectory())
    #expect(check.status == 1)
    #expect(check.errorOutput.contains("02-binary.md:0: is not UTF-8 text"))
    #expect(check.errorOutput.contains("03-odd.md:5: column 17: served has no field \"colour\""))
    #expect(
      check.errorOutput.contains("04-code.md:4: \(folder.lastPathComponent).swift has no region here; it has: there"))
    let list = try await runProgram(
      squall, ["lessons", "list"], environment: try environment(["SQUALL_TUTORIALS": folder.path]),
      directory: NSTemporaryDirectory())
    #expect(list.output.contains("1. Fine"), "the other lessons still load")
  }

  @Test func resetForgetsProgress() async throws {
    let env = try environment()
    let folder = URL(fileURLWithPath: env["XDG_STATE_HOME"]!).appendingPathComponent("squall")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data(#"{"01-hello-server.md": {"done": [0, 1], "current": 2, "hints": {}}}"#.utf8)
      .write(to: folder.appendingPathComponent("lessons.json"))
    let list = try await runProgram(squall, ["lessons", "list"], environment: env, directory: NSTemporaryDirectory())
    #expect(list.output.hasPrefix("… 1. Hello, server  2/5 steps"), "\(list.output)")
    let reset = try await runProgram(
      squall, ["lessons", "reset", "1"], environment: env, directory: NSTemporaryDirectory())
    #expect(reset.output == "Lesson 1 (Hello, server) starts again from step 1.\n")
    let after = try await runProgram(squall, ["lessons", "list"], environment: env, directory: NSTemporaryDirectory())
    #expect(after.output.hasPrefix("  1. Hello, server  0/5 steps"))
  }

  /// `squall lessons verify`: a lesson whose step cannot pass by its solution is named with its
  /// file and line, exit 1; the built-in first lesson passes, exit 0.
  @Test func verifyRunsTheSolutionsAndNamesABrokenStep() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("verify-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data(
      """
      # Broken

      ## Step 1 — a
      > do: send GET /
      > check: served path == /nowhere
      > solution: curl {{base}}/
      > hint: y

      """.utf8
    ).write(to: folder.appendingPathComponent("01-broken.md"))
    let broken = try await runProgram(
      squall, ["lessons", "verify", folder.path], environment: try environment(), directory: NSTemporaryDirectory())
    #expect(broken.status == 1)
    #expect(
      broken.errorOutput.contains("01-broken.md:5: step \"a\" is not done after its solution"), "\(broken.errorOutput)")
    #expect(broken.output.hasSuffix("1 lesson, 1 step run: 0 passed, 1 failed (\(folder.path))\n"), "\(broken.output)")
    let builtIn = try await runProgram(
      squall, ["lessons", "verify", "--only", "1"], environment: try environment(), directory: NSTemporaryDirectory())
    #expect(builtIn.status == 0, "\(builtIn.output)\(builtIn.errorOutput)")
    #expect(builtIn.output == "1 lesson, 5 steps run: 5 passed, 0 failed (built in)\n")
  }
}
