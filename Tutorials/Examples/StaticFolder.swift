import Foundation

/// The folder the echo app's `/static/` route serves (lesson 15), and its files. Tornado's twin
/// (`Tutorials/Python/echo_app.py`) writes the same files to the same folder, so both servers
/// answer with the same bytes, `Etag` and `Last-Modified`.
enum StaticFolder {
  /// The files, by name: small enough to read whole in the builder, with a word worth a range.
  static let files: [(name: String, content: String)] = [
    ("hello.txt", "Hello from a static file.\n")
  ]

  /// `$XDG_CACHE_HOME/squall/static` (or `~/.cache/squall/static`): a folder of the user's
  /// own, never a shared one such as /tmp; `$HOME` first, as Python's `expanduser` reads it, so the
  /// twin finds the same folder. Pure: no I/O.
  static var path: String {
    let environment = ProcessInfo.processInfo.environment
    let cache =
      environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".cache")
    return ((cache as NSString).appendingPathComponent("squall") as NSString).appendingPathComponent("static")
  }

  /// Writes each file whose content differs (atomically: a reader sees the old file or the new
  /// one), and leaves an unchanged file alone, so its `Last-Modified` stays. A folder that
  /// cannot be written leaves the route answering 404, as a missing file does.
  static func prepare() {
    let folder = path
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for file in files {
      let target = (folder as NSString).appendingPathComponent(file.name)
      let bytes = Data(file.content.utf8)
      if FileManager.default.contents(atPath: target) == bytes { continue }
      try? bytes.write(to: URL(fileURLWithPath: target), options: .atomic)
    }
  }
}
