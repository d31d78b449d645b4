import ArgumentParser
import Foundation
import NIOConcurrencyHelpers
import Squall
import SquallValues

/// Sends one request and prints the answer as `squall fetch` does (status line to stderr, body
/// to stdout, `-i`, `-v`, `-o`), then exits with the status class; `squall requests send` too.
struct FetchRunner {
  var include = false
  var verbose = false
  var raw = false
  var quiet = false
  var output: String?
  /// Every answer of a redirect chain, head and body, not only the last (HTTPie's `--all`).
  var all = false

  /// Sends `request` and prints the answer; `answered` receives the response and its body (up
  /// to `keepBody` bytes; nil when it was longer) before the exit status is decided.
  func run(
    _ request: HTTPRequest, keepBody: Int = 0, answered: (@Sendable (HTTPResponse, [UInt8]?) -> Void)? = nil
  ) async throws {
    let sink = try ResponseSink(include: include, verbose: verbose, raw: raw, quiet: quiet, outputPath: output)
    var streamed = request
    if verbose { streamed.sentHeadCallback = { head in sink.showRequest(head) } }
    streamed.headerCallback = { line in sink.headerLine(line) }
    if verbose || all { streamed.redirectCallback = { hop in sink.showRedirect(hop, withBody: all) } }
    let kept = NIOLockedValueBox<[UInt8]?>(keepBody > 0 ? [] : nil)
    streamed.streamingCallback = { chunk in
      sink.bodyChunk(chunk)
      kept.withLockedValue { body in
        guard var bytes = body else { return }
        body = nil  // no copy while appending
        bytes.append(contentsOf: chunk)
        body = bytes.count <= keepBody ? bytes : nil
      }
    }

    let client = AsyncHTTPClient()
    let response = await withCheckedContinuation { continuation in
      client.fetch(streamed) { continuation.resume(returning: $0) }
    }
    await client.close()
    sink.finish(response)
    answered?(response, kept.withLockedValue { $0 })
    if let error = response.error {
      Terminal.standardError.write("squall: \(TerminalSafe.escape(error.description))\n")
    }
    let status = Self.exitStatus(for: response)
    if status != 0 { throw ExitCode(status) }
  }

  /// 0 for 2xx, 3/4/5 for the HTTP status classes, 2 for timeouts, 1 for other failures.
  static func exitStatus(for response: HTTPResponse) -> Int32 {
    guard let error = response.error else { return 0 }
    switch error.kind {
    case .http: return Int32(clamping: min(max(response.code / 100, 1), 5))
    case .connectTimeout, .requestTimeout: return 2
    default: return 1
    }
  }
}
