import ArgumentParser
import Foundation
import NIOConcurrencyHelpers
import NIOHTTP1
import Squall
import SquallValues

/// Where `squall fetch` puts what arrives: heads to stderr or stdout, the body streamed to a pipe
/// or a file as it arrives, or held back for pretty-printing on a terminal, with progress for
/// large downloads.
final class ResponseSink: Sendable {
  private struct State {
    var headLines: [String] = []
    var headDone = false
    var contentLength: Int?
    var contentType = ""
    var held: [UInt8] = []
    var received = 0
    var lastProgress = ContinuousClock.now
    var progressShown = false
  }

  private let include: Bool
  private let verbose: Bool
  private let raw: Bool
  private let quiet: Bool
  private let out: Terminal
  private let file: FileHandle?
  private let holdBody: Bool
  private let showProgress: Bool
  private let state = NIOLockedValueBox(State())

  /// Bodies at least this large get a progress line on an interactive stderr.
  static let progressThreshold = 1 << 20

  init(include: Bool, verbose: Bool, raw: Bool, quiet: Bool, outputPath: String?) throws {
    self.include = include
    self.verbose = verbose
    self.raw = raw
    self.quiet = quiet
    out = .standardOutput
    if let outputPath {
      guard FileManager.default.createFile(atPath: outputPath, contents: nil),
        let handle = FileHandle(forWritingAtPath: outputPath)
      else {
        Terminal.standardError.write("squall: cannot write to '\(TerminalSafe.escape(outputPath))'\n")
        throw ExitCode(1)
      }
      file = handle
    } else {
      file = nil
    }
    holdBody = file == nil && Terminal.standardOutput.isInteractive
    showProgress = Terminal.standardError.isInteractive
  }

  /// `> GET /path HTTP/1.1` and the headers exactly as the client sent them, for --verbose
  /// (each request of a redirect chain).
  func showRequest(_ head: SentRequestHead) {
    var lines = ["> " + head.requestLine]
    for (name, value) in head.headers { lines.append("> \(name): \(value)") }
    lines.append(">")
    Terminal.standardError.write(lines.map { TerminalSafe.escape($0) }.joined(separator: "\n") + "\n")
  }

  /// A redirect answer the client followed: its head on stderr as `< ` lines with --verbose,
  /// and with --all its head and body on stdout before the next answer's, as HTTPie's --all.
  func showRedirect(_ hop: HTTPResponse, withBody: Bool) {
    let lines =
      ["HTTP/1.1 \(hop.code) \(hop.reason)"] + hop.headers.map { "\($0.name): \($0.value)" }
    let safe = lines.map { TerminalSafe.escape($0) }
    if verbose { Terminal.standardError.write(safe.map { "< " + $0 }.joined(separator: "\n") + "\n<\n") }
    guard withBody else { return }
    out.write(safe.joined(separator: "\n") + "\n\n")
    if !hop.body.isEmpty {
      out.write(
        out.isInteractive ? Array((TerminalSafe.escape(hop.text) + "\n\n").utf8) : hop.body + Array("\n\n".utf8))
    }
  }

  /// Called with the status line, each header line, then an empty line.
  func headerLine(_ line: String) {
    let text = line.trimmingCharacters(in: CharacterSet(charactersIn: "\r\n"))
    let finished: [String]? = state.withLockedValue { state in
      if state.headDone {  // A redirect followed: a new head starts.
        state = State()
      }
      if text.isEmpty {
        state.headDone = true
        return state.headLines
      }
      state.headLines.append(text)
      let lower = text.lowercased()
      if lower.hasPrefix("content-length:") {
        state.contentLength = Int(text.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
      } else if lower.hasPrefix("content-type:") {
        state.contentType = String(lower.dropFirst("content-type:".count))
      }
      return nil
    }
    guard let head = finished, let status = head.first else { return }
    let safe = head.map { TerminalSafe.escape($0) }
    if verbose {
      Terminal.standardError.write(safe.map { "< " + $0 }.joined(separator: "\n") + "\n<\n")
    } else if !quiet && !include {
      Terminal.standardError.write(TerminalSafe.escape(status) + "\n")
    }
    if include { out.write(safe.joined(separator: "\n") + "\n\n") }
  }

  /// A piece of body: written at once unless it is held for a terminal.
  func bodyChunk(_ chunk: [UInt8]) {
    let (progress, write) = state.withLockedValue { state -> (String?, Bool) in
      state.received += chunk.count
      if holdBody { state.held.append(contentsOf: chunk) }
      return (progressLine(&state), !holdBody)
    }
    if write {
      if let file { file.write(Data(chunk)) } else { out.write(chunk) }
    }
    if let progress { Terminal.standardError.write(progress) }
  }

  private func progressLine(_ state: inout State) -> String? {
    guard showProgress, max(state.contentLength ?? 0, state.received) >= Self.progressThreshold else { return nil }
    let now = ContinuousClock.now
    guard !state.progressShown || now - state.lastProgress >= .milliseconds(100) else { return nil }
    state.lastProgress = now
    state.progressShown = true
    let done = Self.megabytes(state.received)
    if let total = state.contentLength, total > 0 {
      return "\r\u{1B}[2KDownloading \(done) / \(Self.megabytes(total)) (\(state.received * 100 / total)%)"
    }
    return "\r\u{1B}[2KDownloading \(done)"
  }

  /// Writes what was held back, clears the progress line.
  func finish(_ response: HTTPResponse) {
    let snapshot = state.withLockedValue { $0 }
    if snapshot.progressShown { Terminal.standardError.write("\r\u{1B}[2K") }
    try? file?.close()
    guard holdBody, response.code != 599 else { return }
    out.write(BodyFormatter.forTerminal(snapshot.held, contentType: snapshot.contentType, raw: raw))
  }

  static func megabytes(_ bytes: Int) -> String {
    String(format: "%.1f MiB", Double(bytes) / 1_048_576)
  }
}
