import Foundation
import SquallCompare
import SquallValues

/// The seed's app on real Tornado: a Python twin of `Tutorials/Python/` (built into `squall`,
/// written to `$XDG_CACHE_HOME/squall/tornado/`) run by `python3` on a free loopback port.
/// Stopped with `stop()`, and killed when this object goes away.
package final class TornadoTwin: @unchecked Sendable {
  /// Why Tornado could not be started, with what to do about it.
  package struct Unavailable: Error, Sendable, CustomStringConvertible {
    package var message: String
    package var description: String { message }
  }

  /// The Python file of each example app (`TwinScript.name(of:)`).
  package static func script(of app: ExampleApp) -> String { TwinScript.name(of: app) }
  /// How to get Tornado, for the messages that say it is missing.
  package static let installHint =
    "install it with: python3 -m pip install tornado (add --user, or --break-system-packages on Debian 12)"

  package let port: Int
  /// Tornado's version, as `tornado.version` says it (`6.6.1`).
  package let version: String
  private let process: Process
  /// The readers of its output and its log, kept as long as it runs: a pipe nobody reads
  /// fills up (64 KB), and Tornado's log (a warning per 4xx, a traceback per 500) then blocks
  /// its one thread.
  private let readers: [LineReader]
  /// The write end of the twin's stdin, held open for its whole life: when this process ends,
  /// however it ends (a crash, `kill -9`), the twin reads end-of-file and stops itself
  /// (`SQUALL_WATCH_PARENT=1`), so no Python outlives its `squall`.
  private let lifeline: Pipe
  private let lock = NSLock()

  private init(process: Process, port: Int, version: String, readers: [LineReader], lifeline: Pipe) {
    self.process = process
    self.port = port
    self.version = version
    self.readers = readers
    self.lifeline = lifeline
  }

  deinit { stop() }

  /// Finds `python3` (or `$SQUALL_PYTHON`) with Tornado, starts `example`'s twin on a free port
  /// of 127.0.0.1 and waits (at most `timeout` seconds) for it to say its port.
  package static func start(example app: ExampleApp, arguments: [String] = [], timeout: Double = 20) throws
    -> TornadoTwin
  {
    guard let text = TwinScript.text(of: app) else {
      throw Unavailable(message: "no Tornado twin of the example \"\(app.rawValue)\" is built in")
    }
    let python = try pythonWithTornado()
    let folder = cacheFolder()
    let path = (folder as NSString).appendingPathComponent(script(of: app))
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      if FileManager.default.contents(atPath: path) != Data(text.utf8) {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
      }
    } catch {
      throw Unavailable(message: "could not write the Tornado twin to \(path): \(error.localizedDescription)")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python.path)
    process.arguments = [path, "0"] + arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    let lifeline = Pipe()
    process.standardInput = lifeline
    var environment = ProcessInfo.processInfo.environment
    environment["SQUALL_WATCH_PARENT"] = "1"
    process.environment = environment
    do { try process.run() } catch {
      throw Unavailable(message: "could not run \(python.path): \(error.localizedDescription)")
    }
    let reader = LineReader(output.fileHandleForReading)
    let errorReader = LineReader(errors.fileHandleForReading)
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if let line = reader.line(startingWith: "ready "), let port = Int(line.dropFirst(6)) {
        return TornadoTwin(
          process: process, port: port, version: python.version, readers: [reader, errorReader], lifeline: lifeline)
      }
      if !process.isRunning { break }
      usleep(10_000)
    }
    if process.isRunning { process.terminate() }
    let said = errorReader.text.split(separator: "\n").suffix(3).joined(separator: " · ")
    throw Unavailable(
      message: "Tornado did not start the \(app.rawValue) twin within \(Int(timeout)) s"
        + (said.isEmpty ? "" : ": \(said)"))
  }

  /// Stops the twin (SIGTERM: it stops listening and closes its connections), then makes sure.
  package func stop(grace: TimeInterval = 2) {
    lock.withLock {
      guard process.isRunning else { return }
      process.terminate()
      let deadline = Date().addingTimeInterval(grace)
      while process.isRunning && Date() < deadline { usleep(10_000) }
      if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
  }

  /// `python3` (or `$SQUALL_PYTHON`) on PATH with Tornado importable, and Tornado's version.
  static func pythonWithTornado() throws -> (path: String, version: String) {
    let environment = ProcessInfo.processInfo.environment
    let candidates: [String]
    if let chosen = environment["SQUALL_PYTHON"], !chosen.isEmpty {
      candidates = [chosen]
    } else {
      candidates = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map {
        ($0 as NSString).appendingPathComponent("python3")
      }
    }
    guard let python = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
      if let chosen = environment["SQUALL_PYTHON"], !chosen.isEmpty {
        throw Unavailable(
          message: "SQUALL_PYTHON is \(chosen), which is not an executable file: point it at a Python 3 "
            + "with Tornado (such as /usr/bin/python3), or unset it to use python3 on PATH")
      }
      throw Unavailable(message: "python3 was not found on PATH; install Python 3, then Tornado: \(installHint)")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = ["-c", "import tornado; print(tornado.version)"]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    do { try process.run() } catch {
      throw Unavailable(message: "could not run \(python): \(error.localizedDescription)")
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let version = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    guard process.terminationStatus == 0, !version.isEmpty else {
      throw Unavailable(message: "Tornado is not installed for \(python): \(installHint)")
    }
    return (python, version)
  }

  /// `$XDG_CACHE_HOME/squall/tornado` (or `~/.cache/squall/tornado`).
  static func cacheFolder() -> String {
    let environment = ProcessInfo.processInfo.environment
    let cache =
      environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".cache")
    return ((cache as NSString).appendingPathComponent("squall") as NSString).appendingPathComponent("tornado")
  }
}

/// Reads a pipe to its end on a thread of its own (so the writer never blocks), keeping the
/// newest 16 KB, and finds whole lines in them.
final class LineReader: @unchecked Sendable {
  private let lock = NSLock()
  private var collected = ""
  private static let kept = 16_384

  init(_ handle: FileHandle) {
    Thread { [weak self] in
      while case let data = handle.availableData, !data.isEmpty {
        guard let self else { continue }  // nobody wants it: read on, so the pipe never fills
        self.lock.withLock {
          self.collected += String(decoding: data, as: UTF8.self)
          if self.collected.utf8.count > Self.kept { self.collected = String(self.collected.suffix(Self.kept / 2)) }
        }
      }
    }.start()
  }

  var text: String { lock.withLock { collected } }

  /// A whole line (ended by its newline) starting with `prefix`.
  func line(startingWith prefix: String) -> String? {
    lock.withLock {
      guard let end = collected.lastIndex(of: "\n") else { return nil }
      return collected[..<end].split(separator: "\n").first { $0.hasPrefix(prefix) }.map(String.init)
    }
  }
}
