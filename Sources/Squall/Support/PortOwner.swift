import Foundation

/// Which process listens on a TCP port, for "port in use" messages that say what to stop.
/// On Linux it reads `/proc/net/tcp` and `tcp6` (the listening socket's inode) and then the
/// `/proc/PID/fd` links that point at that socket; it sees only processes this user may inspect.
/// Elsewhere, or when nothing is found, the message suggests `lsof`.
public enum PortOwner {
  /// `"squall (pid 4242)"`, or nil when it cannot be told.
  public static func describe(port: Int) -> String? {
    #if os(Linux)
      guard let inode = listeningInode(port: port) else { return nil }
      let target = "socket:[\(inode)]"
      let processes = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
      for pid in processes where Int(pid) != nil {
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []
        for fd in fds
        where (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(fd)")) == target {
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

  /// What to say after "port N is already in use": who holds it, or how to find out.
  public static func hint(port: Int) -> String {
    if let owner = describe(port: port) { return "it is held by \(owner)" }
    return "`lsof -iTCP:\(port) -sTCP:LISTEN` shows which process holds it"
  }

  /// The inode of the socket listening on `port` (state 0A is LISTEN). Pure but for the reads.
  static func listeningInode(port: Int) -> String? {
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
      guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { continue }
      if let inode = inode(in: text, port: port) { return inode }
    }
    return nil
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
