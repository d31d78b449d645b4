import Foundation
import Logging
import NIOConcurrencyHelpers

/// Where the library's own log (`squall.application`: an uncaught error's details, a handler's
/// warnings) goes while the playground owns the terminal: a file in the state folder, never
/// the screen (a line written to stderr once tore through the panes). Appends; a file that
/// cannot be opened drops the lines rather than disturb the screen.
package struct FileLogHandler: LogHandler {
  final class Sink: Sendable {
    private let handle: NIOLockedValueBox<FileHandle?>

    init(path: String) {
      let url = URL(fileURLWithPath: path)
      try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      if !FileManager.default.fileExists(atPath: path) {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
      }
      let handle = FileHandle(forWritingAtPath: path)
      _ = try? handle?.seekToEnd()
      self.handle = NIOLockedValueBox(handle)
    }

    func write(_ line: String) {
      handle.withLockedValue { $0?.write(Data(line.utf8)) }
    }
  }

  private let label: String
  private let sink: Sink
  package var logLevel: Logger.Level = .info
  package var metadata: Logger.Metadata = [:]

  package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  /// Sends every logger of the process to `path` (call once, before the first log line).
  package static func bootstrap(path: String) {
    let sink = Sink(path: path)
    LoggingSystem.bootstrap { label in FileLogHandler(label: label, sink: sink) }
  }

  init(label: String, sink: Sink) {
    self.label = label
    self.sink = sink
  }

  package func log(event: LogEvent) {
    let time = ISO8601DateFormatter().string(from: Date())
    sink.write("\(time) \(event.level) \(label): \(event.message)\n")
  }
}
