import ArgumentParser
import Dispatch
import Foundation
import NIOConcurrencyHelpers
import Squall
import SquallExamples
import SquallValues

struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Run an example application headless, logging each exchange to stdout.",
    discussion: "Examples: \(ExampleApp.allCases.map(\.rawValue).joined(separator: ", ")). Ctrl-C stops the server."
  )

  @Option(help: "Port to listen on (0 picks a free one).") var port = 8888
  @Option(help: "Address to listen on; 0.0.0.0 exposes the server to your network.")
  var host = "127.0.0.1"
  @Option(help: ArgumentHelp("Which example application to serve: \(ExampleApp.helpText).")) var example = ExampleApp
    .hello
  @Option(help: "Bytes of a request body buffered at most (Tornado's max_buffer_size).")
  var maxBufferSize: Int?
  @Option(help: "Largest request body accepted, in bytes (defaults to --max-buffer-size).")
  var maxBodySize: Int?
  @Option(help: "Largest request head accepted, in bytes.") var maxHeaderSize: Int?
  @Option(help: "Seconds a connection may wait for its next request.")
  var idleConnectionTimeout: Double?
  @Option(help: "Seconds allowed to receive a request body.") var bodyTimeout: Double?
  @Flag(help: "Close each connection after one response.") var noKeepAlive = false
  @Flag(help: "Trust X-Real-Ip / X-Forwarded-For from a proxy.") var xheaders = false
  @Flag(help: "Gzip responses for clients that accept it.") var compressResponse = false
  @Flag(help: "Decode gzip request bodies.") var decompressRequest = false
  @Flag(name: .shortAndLong, help: "Also print headers and bodies of each exchange.")
  var verbose = false
  @Flag(name: .shortAndLong, help: "Print no access log (as Tornado does until logging is configured).")
  var quiet = false
  @Option(
    help: ArgumentHelp(
      "Record every request as a Chrome trace (JSON for ui.perfetto.dev or chrome://tracing), written to this file when the server stops.",
      valueName: "file"))
  var trace: String?

  func validate() throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port must be 0...65535 (0 picks a free port)") }
    let numbers: [(String, NumberOption, Double?)] = [
      ("--max-buffer-size", .maxBufferSize, maxBufferSize.map(Double.init)),
      ("--max-body-size", .maxBodySize, maxBodySize.map(Double.init)),
      ("--max-header-size", .maxHeaderSize, maxHeaderSize.map(Double.init)),
      ("--idle-connection-timeout", .idleConnectionTimeout, idleConnectionTimeout),
      ("--body-timeout", .bodyTimeout, bodyTimeout),
    ]
    for (flag, option, value) in numbers {
      if let value, let problem = option.problem(value) { throw ValidationError("\(flag): \(problem.message)") }
    }
  }

  func run() async throws {
    let output = LineWriter()
    let settings = Settings(
      compressResponse: compressResponse,
      logFunction: { @Sendable entry in if !quiet { output.line(AccessLog.format(entry)) } })
    let app = Examples.entry(example).makeApp(settings)
    let server = HTTPServer(
      app, noKeepAlive: noKeepAlive, xheaders: xheaders, decompressRequest: decompressRequest,
      maxBufferSize: maxBufferSize, maxHeaderSize: maxHeaderSize,
      idleConnectionTimeout: idleConnectionTimeout, bodyTimeout: bodyTimeout,
      maxBodySize: maxBodySize)
    if verbose {
      server.events.observe([.exchangeCompleted, .requestRefused]) { event in
        if let text = AccessLog.describe(event) { output.line(text) }
      }
    } else if !quiet {
      // Tornado logs the requests it refuses by itself ("Malformed HTTP message from ...").
      // Only refusals: the server builds no exchange events for this observer.
      server.events.observe([.requestRefused]) { event in
        if case .requestRefused(let refusal) = event { output.line(AccessLog.refusal(refusal)) }
      }
    }
    let recorder = trace.map { _ in ServerTraceRecorder(server, name: "squall serve --example \(example.rawValue)") }
    if let trace, let recorder {
      // Written once now, so a path that cannot be written is said before any request is lost.
      do {
        try recorder.json().write(to: URL(fileURLWithPath: trace), options: .atomic)
      } catch {
        FileHandle.standardError.write(
          Data(
            "squall: cannot write the trace to \(trace): \(error.localizedDescription); choose a writable path with --trace\n"
              .utf8))
        throw ExitCode(1)
      }
    }
    do {
      try await server.listen(port, address: host)
    } catch let error as HTTPServerError {
      FileHandle.standardError.write(Data("squall: \(error.message)\n".utf8))
      throw ExitCode(1)
    }
    let bound = server.ports.first ?? port
    output.line("Serving '\(example.rawValue)' on http://\(host):\(bound)/  (Ctrl-C to stop)")
    if let trace { output.line("Recording a trace; it is written to \(trace) when the server stops.") }
    if !["127.0.0.1", "localhost", "::1"].contains(host) {
      FileHandle.standardError.write(
        Data(
          "squall: warning: listening on \(host), not only on this machine: anyone who can reach it can send requests (the echo app shows them their request)\n"
            .utf8))
    }
    // Graceful, as IOLoop.start() in an app: stop accepting, finish what is in flight (10 s at
    // most), close idle connections; a second signal closes every connection at once.
    let (signals, delivered) = AsyncStream.makeStream(of: Int32.self)
    let received = NIOLockedValueBox(0)
    let watch = SignalWatch([SIGINT, SIGTERM]) { number in
      let count = received.withLockedValue { count in
        count += 1
        return count
      }
      if count == 1 {
        delivered.yield(number)
      } else {
        Task { await server.closeAllConnections() }
      }
    }
    defer { watch.cancel() }
    var iterator = signals.makeAsyncIterator()
    let signal = await iterator.next()
    output.line(
      "\(signal == SIGTERM ? "SIGTERM" : "Ctrl-C"): stopping; requests in flight may finish (Ctrl-C again stops now).")
    let forced = await server.shutdown(gracePeriod: 10)
    let atOnce = received.withLockedValue { $0 } > 1
    output.line(
      "Stopped after \(server.stats.requests) request\(server.stats.requests == 1 ? "" : "s")"
        + (atOnce
          ? " (stopped at once)." : forced > 0 ? " (\(forced) connections still busy after 10 s were closed)." : "."))
    if let trace, let recorder {
      let (recorded, dropped) = recorder.counts
      do {
        try recorder.json().write(to: URL(fileURLWithPath: trace), options: .atomic)
        output.line(
          "Trace of \(recorded) requests written to \(trace)"
            + (dropped > 0 ? " (the \(dropped) oldest were dropped to stay bounded)" : "")
            + ": open it in ui.perfetto.dev or chrome://tracing.")
      } catch {
        FileHandle.standardError.write(
          Data("squall: could not write the trace to \(trace): \(error.localizedDescription)\n".utf8))
        throw ExitCode(1)
      }
    }
  }
}

/// Writes whole lines to stdout from any thread.
final class LineWriter: Sendable {
  private let lock = NSLock()
  func line(_ text: String) {
    lock.withLock {
      FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
  }
}
