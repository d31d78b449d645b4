import Foundation
import Testing

/// A part of README made from the code (a screen, the key table), between two markers: the
/// test fails while README's copy differs, and `SQUALL_UPDATE_GOLDEN=1` rewrites it.
enum ReadmeSection {
  static let url = GoldenScreenTests.goldenDirectory.deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("README.md")

  static func check(between begin: String, and end: String, is generated: String, regenerate: String) throws {
    var readme = try String(contentsOf: url, encoding: .utf8)
    let start = try #require(readme.range(of: begin), "README has no \(begin)")
    let stop = try #require(readme.range(of: end, range: start.upperBound..<readme.endIndex), "README has no \(end)")
    if ProcessInfo.processInfo.environment["SQUALL_UPDATE_GOLDEN"] == "1" {
      readme.replaceSubrange(start.upperBound..<stop.lowerBound, with: generated)
      try readme.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    #expect(String(readme[start.upperBound..<stop.lowerBound]) == generated, "regenerate: \(regenerate)")
  }
}
