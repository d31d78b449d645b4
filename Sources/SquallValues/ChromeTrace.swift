import Foundation

/// Chrome's trace-event format (JSON), which Perfetto (ui.perfetto.dev) and chrome://tracing
/// open: each request a complete event (`"ph": "X"`) on a thread of a process, with metadata
/// events naming the processes and threads. Pure: builds bytes, writes nothing.
package enum ChromeTrace {
  /// One complete event: a request from its start for `duration` seconds.
  package struct Span: Sendable, Equatable {
    package var name: String
    /// `server` or `client`: a filter in the viewers.
    package var category: String
    package var start: Date
    package var duration: Double
    package var process: Int
    package var thread: Int
    package var args: [String: Value]

    package init(
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
  package enum Value: Sendable, Equatable, Encodable {
    case int(Int)
    case double(Double)
    case string(String)

    package func encode(to encoder: any Encoder) throws {
      var container = encoder.singleValueContainer()
      switch self {
      case .int(let value): try container.encode(value)
      case .double(let value): try container.encode(value)
      case .string(let value): try container.encode(value)
      }
    }
  }

  /// A process and its threads, named in the viewer ("squall server", "event loop 0").
  package struct Process: Sendable, Equatable {
    package var id: Int
    package var name: String
    package var threads: [Int: String]
    package init(id: Int, name: String, threads: [Int: String]) {
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
  package static func json(_ spans: [Span], processes: [Process]) -> Data {
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
