import Foundation
import Testing

/// A part of the documentation made from the code (a screen, the key table), between two
/// markers in a Markdown file: README, or an article of a DocC catalog. The test fails while a
/// file's copy differs, and `SQUALL_UPDATE_GOLDEN=1` rewrites it in every file that has it.
enum DocumentSection {
  /// The package's root folder.
  static let root = GoldenScreenTests.goldenDirectory.deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  /// The front page.
  static let readme = "README.md"
  /// The playground's articles: its screens (`Playground.md`) and its key table (`Keys.md`).
  static let playgroundCatalog = "Sources/SquallPlaygroundCore/SquallPlaygroundCore.docc/"

  /// Checks the text between `begin` and `end` in each of `files` (paths from the package root)
  /// against `generated`; each file must have both markers.
  static func check(
    _ files: String..., between begin: String, and end: String, is generated: String, regenerate: String
  ) throws {
    for file in files {
      let url = root.appendingPathComponent(file)
      var text = try String(contentsOf: url, encoding: .utf8)
      let start = try #require(text.range(of: begin), "\(file) has no \(begin)")
      let stop = try #require(
        text.range(of: end, range: start.upperBound..<text.endIndex), "\(file) has no \(end) after \(begin)")
      if ProcessInfo.processInfo.environment["SQUALL_UPDATE_GOLDEN"] == "1" {
        text.replaceSubrange(start.upperBound..<stop.lowerBound, with: generated)
        try text.write(to: url, atomically: true, encoding: .utf8)
        continue
      }
      #expect(
        String(text[start.upperBound..<stop.lowerBound]) == generated, "\(file) differs; regenerate: \(regenerate)")
    }
  }
}
