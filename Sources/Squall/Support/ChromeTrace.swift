import Foundation

/// Chrome's trace-event format (JSON), which Perfetto (ui.perfetto.dev) and chrome://tracing
/// open: each request a complete event (`"ph": "X"`) on a thread of a process, with metadata
/// events naming the processes and threads. Pure: builds bytes, writes nothing.
public enum ChromeTrace {
  /// One complete event: a request from its start for `duration` seconds.
  public struct Span: Sendable, Equatable {
    public var name: String
    /// `server` or `client`: a filter in the viewers.
    public var category: String
    public var start: Date
    public var duration: Double
    public var process: Int
    public var thread: Int
    public var args: [String: Value]

    public init(
      name: String, category: String, start: Date, duration: Double, process: Int, thread: Int,
      args: [String: Value] = [:]
    ) {
      self.name = name
      self.category = category
      self.start = start
      self.duration = duration
      self.process = process
      self.thread = thread
      self.args = args
    }
  }

  /// An argument's value, as JSON writes it.
  public enum Value: Sendable, Equatable, Encodable {
    case int(Int)
    case double(Double)
    case string(String)

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.singleValueContainer()
      switch self {
      case .int(let value): try container.encode(value)
      case .double(let value): try container.encode(value)
      case .string(let value): try container.encode(value)
      }
    }
  }

  /// A process and its threads, named in the viewer ("squall server", "event loop 0").
  public struct Process: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var threads: [Int: String]
    public init(id: Int, name: String, threads: [Int: String]) {
      self.id = id
      self.name = name
      self.threads = threads
    }
  }

  private struct Event: Encodable {
    var name: String
    var cat: String?
    var ph: String
    var ts: Int64
    var dur: Int64?
    var pid: Int
    var tid: Int
    var args: [String: Value]?
  }

  private struct Document: Encodable {
    var traceEvents: [Event]
    var displayTimeUnit = "ms"
  }

  /// The trace as JSON: times in whole microseconds from the earliest span (ts 0), the
  /// metadata first, then the spans by start time.
  public static func json(_ spans: [Span], processes: [Process]) -> Data {
    let origin = spans.map(\.start).min() ?? Date()
    var events: [Event] = []
    for process in processes {
      events.append(
        Event(name: "process_name", ph: "M", ts: 0, pid: process.id, tid: 0, args: ["name": .string(process.name)]))
      for (thread, name) in process.threads.sorted(by: { $0.key < $1.key }) {
        events.append(
          Event(name: "thread_name", ph: "M", ts: 0, pid: process.id, tid: thread, args: ["name": .string(name)]))
      }
    }
    for span in spans.sorted(by: { $0.start < $1.start }) {
      events.append(
        Event(
          name: span.name, cat: span.category, ph: "X", ts: microseconds(span.start.timeIntervalSince(origin)),
          dur: max(1, microseconds(span.duration)), pid: span.process, tid: span.thread,
          args: span.args.isEmpty ? nil : span.args))
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return (try? encoder.encode(Document(traceEvents: events))) ?? Data("{\"traceEvents\": []}".utf8)
  }

  static func microseconds(_ seconds: Double) -> Int64 { Int64((seconds * 1_000_000).rounded()) }
}

/// Records a server's exchanges as trace spans, for `squall serve --trace FILE`: one complete
/// event per request, named `METHOD PATH`, on the thread of its event loop, with the connection
/// in `args`. Keeps the newest `capacity` spans. Observing exchanges is what costs: a server
/// with no recorder builds no exchange at all.
public final class ServerTraceRecorder: @unchecked Sendable {
  private let lock = NSLock()
  private var spans: [ChromeTrace.Span] = []
  private var dropped = 0
  private let capacity: Int
  private let eventLoops: Int
  private let name: String

  public init(_ server: HTTPServer, name: String = "squall server", capacity: Int = 100_000) {
    self.capacity = capacity
    self.eventLoops = server.eventLoopCount
    self.name = name
    server.events.observe([.exchangeCompleted]) { [self] event in
      guard case .exchangeCompleted(let exchange) = event else { return }
      record(Self.span(exchange))
    }
  }

  /// The span of one exchange. Pure.
  public static func span(_ exchange: HTTPExchange) -> ChromeTrace.Span {
    let path = String(exchange.request.uri.prefix { $0 != "?" })
    var args: [String: ChromeTrace.Value] = [
      "connection": .int(Int(exchange.connectionID)), "status": .int(Int(exchange.response.status.code)),
      "uri": .string(exchange.request.uri),
      "handler_started_ms": .double(milliseconds(exchange.timing.handlerStarted)),
    ]
    if let firstByte = exchange.timing.firstByte { args["first_byte_ms"] = .double(milliseconds(firstByte)) }
    return ChromeTrace.Span(
      name: "\(exchange.request.method.rawValue) \(path)", category: "server", start: exchange.startedAt,
      duration: exchange.duration, process: 1, thread: exchange.timing.eventLoop + 1, args: args)
  }

  static func milliseconds(_ seconds: Double) -> Double { (seconds * 1_000_000).rounded() / 1000 }

  private func record(_ span: ChromeTrace.Span) {
    lock.withLock {
      if spans.count >= capacity {
        let batch = min(spans.count, max(1, capacity / 10))
        spans.removeFirst(batch)
        dropped += batch
      }
      spans.append(span)
    }
  }

  /// How many requests the trace holds, and how many older ones were dropped to stay bounded.
  public var counts: (recorded: Int, dropped: Int) { lock.withLock { (spans.count, dropped) } }

  /// The trace so far, as Chrome trace-event JSON; every event loop is named, also idle ones.
  public func json() -> Data {
    let spans = lock.withLock { self.spans }
    var threads: [Int: String] = [:]
    for loop in 0..<max(eventLoops, 1) { threads[loop + 1] = "event loop \(loop)" }
    return ChromeTrace.json(spans, processes: [ChromeTrace.Process(id: 1, name: name, threads: threads)])
  }
}
