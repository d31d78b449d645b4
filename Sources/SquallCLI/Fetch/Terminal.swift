import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A standard stream, and whether a person is looking at it.
struct Terminal: Sendable {
  let fileDescriptor: Int32

  static let standardOutput = Terminal(fileDescriptor: STDOUT_FILENO)
  static let standardError = Terminal(fileDescriptor: STDERR_FILENO)

  /// Whether the stream is a terminal (not a pipe or a file).
  var isInteractive: Bool { isatty(fileDescriptor) == 1 }

  func write(_ text: String) { write(Array(text.utf8)) }

  func write(_ bytes: [UInt8]) {
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes { Glibc.write(fileDescriptor, $0.baseAddress, $0.count) }
      if written < 0 {
        if errno == EINTR { continue }
        return  // A closed pipe (`| head`): nothing more to do.
      }
      offset += written
    }
  }
}
