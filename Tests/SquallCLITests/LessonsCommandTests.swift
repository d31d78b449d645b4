import Foundation
import SquallTestSupport
import Testing

/// `squall lessons`: the shipped lessons pass `check`; a broken file is named, not skipped.
@Suite struct LessonsCommandTests {
  let squall = productsDirectory.appendingPathComponent("squall").path
  let tutorials = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Tutorials").path

  @Test func theShippedLessonsAreListedAndValid() async throws {
    let check = try await runProgram(squall, ["lessons", "check"], environment: ["SQUALL_TUTORIALS": tutorials])
    #expect(check.status == 0, "\(check.errorOutput)")
    #expect(check.output.contains("lessons OK"))
    let list = try await runProgram(squall, ["lessons", "list"], environment: ["SQUALL_TUTORIALS": tutorials])
    #expect(list.output.contains("1. The hello-world server"))
    let show = try await runProgram(squall, ["lessons", "show", "1"], environment: ["SQUALL_TUTORIALS": tutorials])
    #expect(show.output.contains("max_buffer_size") || show.output.contains("Hello, world"))
  }

  @Test func aBrokenLessonIsReported() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lessons-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data("# Fine\n\nSome text.\n".utf8).write(to: folder.appendingPathComponent("01-fine.md"))
    try Data([0xFF, 0xFE, 0x00, 0x41]).write(to: folder.appendingPathComponent("02-binary.md"))
    try Data("no title here\n\n".utf8).write(to: folder.appendingPathComponent("03-untitled.md"))
    let check = try await runProgram(squall, ["lessons", "check"], environment: ["SQUALL_TUTORIALS": folder.path])
    #expect(check.status == 1)
    #expect(check.errorOutput.contains("02-binary.md: is not UTF-8 text"))
    #expect(check.errorOutput.contains("03-untitled.md: the first line must be a '# Title'"))
  }
}
