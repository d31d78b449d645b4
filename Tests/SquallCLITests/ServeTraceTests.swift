import Foundation
import Squall
import SquallTestSupport
import Testing

/// `squall serve --trace FILE`: the real binary records a burst as a Chrome trace. Awaiting
/// handlers overlap; blocking ones run single file on their event loop.
@Suite(.serialized)
struct ServeTraceTests {
  let squall = productsDirectory.appendingPathComponent("squall").path

  /// One request span of the trace, in microseconds.
  struct Span {
    var name: String
    var start: Int64
    var duration: Int64
    var thread: Int
    var handlerStarted: Double
  }

  struct Trace {
    var spans: [Span]
    /// The server's event loops, named by its metadata.
    var eventLoops: Int
  }

  /// SIGTERM: `squall serve` stops as an app's `IOLoop.start()` does (`HTTPServer.shutdown`,
  /// whose requests in flight finish: `GracefulShutdownTests`), closes its idle keep-alive
  /// connections, exits 0 and says how many requests it served.
  @Test func aSignalStopsItGracefullyAndExitsZero() async throws {
    let child = try ChildProcess(squall, ["serve", "--example", "echo", "--port", "0", "--quiet"])
    defer { child.stop() }
    let serving = try await blocking { try child.line(startingWith: "Serving 'echo' on http://127.0.0.1:") }
    let port = try #require(Int(serving.prefix { $0.isNumber }))
    let client = AsyncHTTPClient()
    let first = await client.perform(HTTPRequest("http://127.0.0.1:\(port)/"))
    #expect(first.code == 200)
    kill(child.process.processIdentifier, SIGTERM)
    #expect(try await blocking { child.exitStatus(within: 15) } == 0, "\(child.printedText)")
    await client.close()
    #expect(child.printedText.contains("SIGTERM: stopping; requests in flight may finish"), "\(child.printedText)")
    #expect(child.printedText.contains("Stopped after 1 request."), "\(child.printedText)")
  }

  /// Serves the echo app with `--trace`, sends `count` requests at once to `path`, stops the
  /// server with SIGINT and reads the file it wrote, checking it is trace-event JSON.
  func trace(_ path: String, count: Int) async throws -> Trace {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("squall-trace-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: file) }
    let child = try ChildProcess(
      squall, ["serve", "--example", "echo", "--port", "0", "--quiet", "--trace", file.path])
    defer { child.stop() }
    let serving = try await blocking { try child.line(startingWith: "Serving 'echo' on http://127.0.0.1:") }
    let port = try #require(Int(serving.prefix { $0.isNumber }))
    let client = AsyncHTTPClient(maxClients: count)
    let codes = await withTaskGroup(of: Int.self) { group in
      for _ in 0..<count {
        group.addTask { await client.perform(HTTPRequest("http://127.0.0.1:\(port)\(path)", requestTimeout: 20)).code }
      }
      return await group.reduce(into: [Int]()) { $0.append($1) }
    }
    await client.close()
    #expect(codes == Array(repeating: 200, count: count))
    kill(child.process.processIdentifier, SIGINT)
    let written = try await blocking { try child.line(startingWith: "Trace of ", timeout: 20) }
    #expect(written.hasPrefix("\(count) requests written to \(file.path)"))
    return try Self.validated(Data(contentsOf: file))
  }

  /// Checks the trace-event format (the JSON object form): every event has a name, a phase, a
  /// timestamp and its process and thread; a complete event has a duration; metadata names a
  /// process or thread. Returns the request spans.
  static func validated(_ data: Data) throws -> Trace {
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "a JSON object")
    let events = try #require(root["traceEvents"] as? [[String: Any]], "traceEvents is an array of objects")
    #expect(root["displayTimeUnit"] as? String == "ms")
    var spans: [Span] = []
    var loops = 0
    for event in events {
      let name = try #require(event["name"] as? String)
      let phase = try #require(event["ph"] as? String)
      let ts = try #require(event["ts"] as? NSNumber, "\(name): ts")
      let pid = try #require(event["pid"] as? Int, "\(name): pid")
      let tid = try #require(event["tid"] as? Int, "\(name): tid")
      #expect(pid == 1)
      switch phase {
      case "M":
        let args = try #require(event["args"] as? [String: Any])
        #expect(args["name"] is String, "metadata names something")
        #expect(["process_name", "thread_name"].contains(name))
        if name == "thread_name" { loops += 1 }
      case "X":
        let duration = try #require(event["dur"] as? NSNumber, "\(name): dur")
        let args = try #require(event["args"] as? [String: Any])
        #expect(args["connection"] is Int, "the connection is in args")
        #expect(ts.int64Value >= 0 && duration.int64Value > 0)
        let started = try #require(args["handler_started_ms"] as? NSNumber)
        spans.append(
          Span(
            name: name, start: ts.int64Value, duration: duration.int64Value, thread: tid,
            handlerStarted: started.doubleValue))
      default:
        Issue.record("unexpected phase \(phase)")
      }
    }
    return Trace(spans: spans, eventLoops: loops)
  }

  /// The most intervals open at one moment (an end and a start at the same instant do not
  /// overlap). Each is narrowed by 100 µs at both ends first: the trace's times are whole
  /// microseconds, each rounded on its own, and back-to-back handlers sit microseconds apart.
  static func mostAtOnce(_ intervals: [(Double, Double)]) -> Int {
    let narrowed = intervals.map { ($0.0 + 100, max($0.0 + 100, $0.1 - 100)) }
    let points = narrowed.flatMap { [($0.0, 1), ($0.1, -1)] }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
    var open = 0
    var most = 0
    for (_, change) in points {
      open += change
      most = max(most, open)
    }
    return most
  }

  @Test func awaitingHandlersOverlapInTheTrace() async throws {
    // 2 s each: far longer than ten requests take to start, even on a loaded machine (at 0.3 s
    // a busy CI machine once started only six of them before the first ended).
    let trace = try await trace("/slow?delay=2", count: 10)
    #expect(trace.spans.count == 10 && trace.spans.allSatisfy { $0.name == "GET /slow" })
    #expect(trace.eventLoops >= 1)
    let intervals = trace.spans.map { (Double($0.start), Double($0.start + $0.duration)) }
    #expect(Self.mostAtOnce(intervals) >= 8, "ten awaiting handlers wait side by side")
  }

  @Test func blockingHandlersRunSingleFileOnTheirLoop() async throws {
    let trace = try await trace("/blocking?delay=0.3", count: 10)
    #expect(trace.spans.count == 10 && trace.spans.allSatisfy { $0.name == "GET /blocking" })
    // A span starts at its head; a handler waits for its loop (handler_started_ms), then blocks it.
    let handlers = trace.spans.map { span in
      (Double(span.start) + span.handlerStarted * 1000, Double(span.start + span.duration))
    }
    #expect(Self.mostAtOnce(handlers) <= trace.eventLoops, "no more handlers at once than event loops")
    for thread in Set(trace.spans.map(\.thread)) {
      let own = trace.spans.filter { $0.thread == thread }.map { span in
        (Double(span.start) + span.handlerStarted * 1000, Double(span.start + span.duration))
      }
      #expect(Self.mostAtOnce(own) == 1, "one handler at a time on event loop \(thread - 1)")
    }
  }

  @Test func aTraceFileThatCannotBeWrittenIsSaidAtOnce() async throws {
    let child = try ChildProcess(squall, ["serve", "--port", "0", "--trace", "/nonexistent/dir/trace.json"])
    defer { child.stop() }
    let said = try await blocking { try child.line(startingWith: "squall: cannot write the trace to ") }
    #expect(said.contains("choose a writable path with --trace"))
    child.process.waitUntilExit()
    #expect(child.process.terminationStatus == 1)
  }
}
