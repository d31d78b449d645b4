import Foundation
import SquallTransport
import SquallValues
import Testing

@testable import SquallCompare

/// The Python twins built into `squall` are the files under `Tutorials/Python/`. After editing a
/// twin: `SQUALL_UPDATE_TWINS=1 swift test --filter EmbeddedTwinsTests`, then `swift format -i`.
struct EmbeddedTwinsTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  @Test func theBuiltInTwinsAreTheFiles() throws {
    let names = ExampleApp.allCases.map(TornadoTwin.script(of:)).sorted()
    var files: [String: String] = [:]
    for name in names {
      files[name] = try String(
        contentsOf: Self.root.appendingPathComponent("Tutorials/Python/\(name)"), encoding: .utf8)
    }
    if ProcessInfo.processInfo.environment["SQUALL_UPDATE_TWINS"] == "1" {
      var out = """
        // Generated from Tutorials/Python/ by `SQUALL_UPDATE_TWINS=1 swift test --filter EmbeddedTwinsTests`:
        // edit the .py files, not this one. `EmbeddedTwinsTests` fails when the two differ.

        /// The Python twins, built into `squall` so that `squall compare` and the playground's Tornado
        /// reference run the same files a copy of the binary anywhere.
        enum EmbeddedTwins {
          static let files: [String: String] = [

        """
      for name in names { out += "    \"\(name)\": ##\"\"\"\n\(files[name]!)\n\"\"\"##,\n" }
      out += "  ]\n}\n"
      try out.write(
        to: Self.root.appendingPathComponent("Sources/SquallCompare/EmbeddedTwins.swift"), atomically: true,
        encoding: .utf8)
      return
    }
    for name in names {
      #expect(EmbeddedTwins.files[name] == files[name], "\(name) changed: regenerate EmbeddedTwins.swift")
    }
  }
}
