import Foundation
import SquallValues

/// Which process listens on a TCP port, for "port in use" messages that say what to stop.
/// On Linux it reads `/proc/net/tcp` and `tcp6` (the listening socket's inode) and then the
/// `/proc/PID/fd` links that point at that socket; it sees only processes this user may inspect.
/// Elsewhere, or when nothing is found, the message suggests `lsof`.
package enum PortOwner {
  /// `"squall (pid 4242)"`, or nil when it cannot be told.
  package static func describe(port: Int) -> String? {
    #if os(Linux)
      guard let inode = listeningInode(port: port) else { return nil }
      let target = "socket:[\(inode)]"
      for pid in entries(of: "/proc") where Int(pid) != nil {
        // Entry by entry: descriptors come and go while we look, and one that vanished is skipped.
        for fd in entries(of: "/proc/\(pid)/fd") where link(at: "/proc/\(pid)/fd/\(fd)") == target {
          let name =
            (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "a process"
          return "\(TerminalSafe.escape(name)) (pid \(pid))"
        }
      }
      return nil
    #else
      return nil
    #endif
  }

  #if os(Linux)
    /// The names in a directory, or none when it cannot be read.
    private static func entries(of path: String) -> [String] {
      guard let directory = opendir(path) else { return [] }
      defer { closedir(directory) }
      var names: [String] = []
      while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        if name != "." && name != ".." { names.append(name) }
      }
      return names
    }

    /// Where a symbolic link points, or nil.
    private static func link(at path: String) -> String? {
      var buffer = [CChar](repeating: 0, count: 256)
      let count = readlink(path, &buffer, buffer.count - 1)
      guard count > 0 else { return nil }
      return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
  #endif

  /// What to say after "port N is already in use": who holds it, or how to find out.
  package static func hint(port: Int) -> String {
    if let owner = describe(port: port) { return "it is held by \(owner)" }
    return "`lsof -iTCP:\(port) -sTCP:LISTEN` shows which process holds it"
  }

  /// The inode of the socket listening on `port` (state 0A is LISTEN). Pure but for the reads.
  static func listeningInode(port: Int) -> String? {
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
      guard let text = readWhole(table) else { continue }
      if let inode = inode(in: text, port: port) { return inode }
    }
    return nil
  }

  /// A /proc file read to its end (their size reads as 0, and a busy table spans many reads).
  static func readWhole(_ path: String) -> String? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      guard count > 0 else { break }
      bytes += chunk[..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Finds the LISTEN row for `port` in a `/proc/net/tcp` table. Pure.
  static func inode(in table: String, port: Int) -> String? {
    let hexPort = String(format: "%04X", port)
    for line in table.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: " ")
      guard fields.count > 9, fields[3] == "0A", fields[1].hasSuffix(":\(hexPort)") else { continue }
      return String(fields[9])
    }
    return nil
  }
}
