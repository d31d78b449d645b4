import ArgumentParser
import Foundation
import Squall

/// Sends one request and prints the answer as `squall fetch` does (status line to stderr, body
/// to stdout, `-i`, `-v`, `-o`), then exits with the status class; `squall requests send` too.
struct FetchRunner {
  var include = false
  var verbose = false
  var raw = false
  var quiet = false
  var output: String?

  func run(_ request: HTTPRequest) async throws {
    let sink = try ResponseSink(include: include, verbose: verbose, raw: raw, quiet: quiet, outputPath: output)
    var streamed = request
    if verbose { streamed.sentHeadCallback = { head in sink.showRequest(head) } }
    streamed.headerCallback = { line in sink.headerLine(line) }
    streamed.streamingCallback = { chunk in sink.bodyChunk(chunk) }

    let client = AsyncHTTPClient()
    let response = await withCheckedContinuation { continuation in
      client.fetch(streamed) { continuation.resume(returning: $0) }
    }
    await client.close()
    sink.finish(response)
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
