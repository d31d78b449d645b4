/// A path as a user typed it, resolved as a shell would: `~` and `~/…` are `$HOME` (not the
/// account's home from the password database, which Foundation's `expandingTildeInPath` reads
/// on Linux: a sandboxed `HOME` must be honoured), a relative path is under the current
/// directory, an absolute one is itself. `~user` is refused rather than guessed. Pure: the
/// caller passes the environment's `HOME` and the current directory.
package enum UserPath {
  package enum Problem: Error, Equatable, CustomStringConvertible {
    case empty
    case otherUsersHome(String)
    case noHome

    package var description: String {
      switch self {
      case .empty: "No path given: type where to write the file, such as ~/out.txt."
      case .otherUsersHome(let name):
        "~\(name) (another account's home) is not supported: write the whole path, such as /home/\(name)/out.txt."
      case .noHome: "~ needs $HOME, which is not set: write the whole path, such as /tmp/out.txt."
      }
    }
  }

  package static func resolve(_ typed: String, home: String?, currentDirectory: String) throws(Problem) -> String {
    let path = trimmed(typed)
    guard !path.isEmpty else { throw .empty }
    if path == "~" || path.hasPrefix("~/") {
      guard let home, !home.isEmpty else { throw .noHome }
      return normalized(home + String(path.dropFirst()))
    }
    if path.hasPrefix("~") {
      throw .otherUsersHome(String(path.dropFirst().prefix { $0 != "/" }))
    }
    if path.hasPrefix("/") { return normalized(path) }
    return normalized(currentDirectory + "/" + path)
  }

  /// Without doubled slashes, `.` components or a trailing slash (`..` is kept: it may cross
  /// a symbolic link, which only the file system can resolve).
  static func normalized(_ path: String) -> String {
    let parts = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
    return "/" + parts.joined(separator: "/")
  }

  private static func trimmed(_ text: String) -> String {
    var text = Substring(text)
    while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
    while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
    return String(text)
  }
}
