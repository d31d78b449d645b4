import Foundation
import SquallCompare
import SquallRequests

/// The request builder: a `RequestSpec` being composed, the section in view, the field being
/// typed, the request in flight, the last response, history, and the overlays (method list,
/// history, collection, export, curl import, save, burst).
public struct BuilderState: Sendable {
  /// The parts of the pane, reached with 1…6 (and by mouse on the tab line).
  public enum Section: Int, CaseIterable, Sendable {
    case params = 1
    case headers, body, auth, options, response

    public var title: String {
      switch self {
      case .params: "Params"
      case .headers: "Headers"
      case .body: "Body"
      case .auth: "Auth"
      case .options: "Options"
      case .response: "Response"
      }
    }

    public var shortTitle: String {
      switch self {
      case .params: "Par"
      case .headers: "Hdr"
      case .body: "Bdy"
      case .auth: "Aut"
      case .options: "Opt"
      case .response: "Res"
      }
    }
  }

  /// What has the keyboard.
  public enum Editor: Equatable, Sendable {
    case url(TextField)
    /// A table row of the current section: its name, then its value (Tab moves between them).
    case row(index: Int, name: TextField, value: TextField, onValue: Bool)
    case body(TextArea)
    /// Auth: user name, then password.
    case auth(user: TextField, password: TextField, onPassword: Bool)
    case option(index: Int, field: TextField)
    /// Search in the response body.
    case search(TextField)
  }

  /// Lists and prompts drawn over the pane.
  public enum Overlay: Equatable, Sendable {
    case methods(selection: Int, custom: TextField)
    case history(selection: Int)
    case collection(names: [String], selection: Int)
    case saveAs(TextField)
    case importCurl(TextField)
    case export(RequestExport, text: String)
    case burst(count: TextField, concurrency: TextField, onConcurrency: Bool)
    case savePath(TextField, what: ResponsePart)
  }

  public enum ResponseTab: Int, CaseIterable, Sendable {
    case body, headers, timing, compare
    public var title: String {
      switch self {
      case .body: "Body"
      case .headers: "Headers"
      case .timing: "Timing"
      case .compare: "Compare"
      }
    }
  }

  public enum ResponsePart: String, Sendable { case body, headers }

  public static let methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]

  public var spec = RequestSpec()
  public var section: Section = .params
  public var editor: Editor?
  public var overlay: Overlay?
  /// The selected row in each table section.
  public var rowSelection: [Section: Int] = [:]
  /// The request on the wire, if any.
  public var inFlight: InFlight?
  public var response: BuilderResponse?
  /// The last response as `{{response.…}}` variables, read once when it arrives.
  public var responseValues: [String: String] = [:]
  public var responseTab: ResponseTab = .body
  /// The last comparison with Tornado (`=`), for the Compare tab.
  public var comparison: Comparison?
  /// What was compared: `POST /echo · Tornado 6.6.1 on :8889`.
  public var comparisonTitle = ""
  public var responseScroll = 0
  /// JSON bodies show nesting down to this depth; deeper containers fold to `{…}`/`[…]`.
  public var foldDepth = Int.max
  public var search = ""
  /// Sent requests, newest last, bounded.
  public var history: [HistoryItem] = []
  public static let historyLimit = 100
  public var burst: BurstRun?
  /// User-defined `{{variables}}` (the server's base and port are added when sending).
  public var userVariables: [String: String] = [:]
  /// Requests sent so far, for ids.
  public var sent = 0
  /// Query parameters switched off: out of the URL, kept in the table to switch on again.
  public var parkedParams: [RequestSpec.Row] = []
  /// An export waiting for the path it is saved to.
  public var pendingExport: String?

  public init() {}

  /// The builder's client's connections at once (Tornado's `max_clients`): a burst of 50 at
  /// once has this many in flight and the rest queued. Options (5) raises it.
  public var maxClients = BuilderState.defaultMaxClients
  /// The saved request in the builder (opened with o or saved with w), until another request
  /// replaces it: its answers are kept as its last response (`{{NAME.response.…}}`).
  public var collectionName: String?
  /// Every saved request's last response, as variables `NAME.response.…`.
  public var savedResponseValues: [String: String] = [:]
  public static let defaultMaxClients = 10

  /// Whether keys go to a field or an overlay rather than to commands (Tab, q, z included).
  public var isTyping: Bool { editor != nil || overlay != nil }
}

/// A request on the wire.
public struct InFlight: Equatable, Sendable {
  public var id: Int
  public var method: String
  public var url: String
  public var startedAt: Date
  /// The saved request it was sent as, whose last response it becomes.
  public var collectionName: String? = nil
}

/// The last answer, as the response view shows it.
public struct BuilderResponse: Sendable {
  /// What the log shows (bodies cut to `LogStore.previewLimit`).
  public var entry: LogEntry
  public var firstByte: Double?
  public var effectiveURL: String
  /// Seconds from the start to the request going out (after the client's queue and connecting).
  public var requestSent: Double? = nil
  public var cancelled = false
  /// The whole body as it arrived (up to the client's `maxBodySize`), for `s`: only the
  /// builder's latest response holds it, never the log.
  public var body: [UInt8] = []

  public init(
    entry: LogEntry, firstByte: Double?, effectiveURL: String, requestSent: Double? = nil, cancelled: Bool = false,
    body: [UInt8] = []
  ) {
    self.entry = entry
    self.firstByte = firstByte
    self.effectiveURL = effectiveURL
    self.requestSent = requestSent
    self.cancelled = cancelled
    self.body = body
  }
}

/// One sent request, kept with its outcome (bounded; saved under `$XDG_STATE_HOME/squall`).
public struct HistoryItem: Codable, Equatable, Sendable {
  public var spec: RequestSpec
  public var sentAt: Date
  public var status: Int
  public var summary: String
  public var duration: Double
  public var size: Int

  public init(spec: RequestSpec, sentAt: Date, status: Int, summary: String, duration: Double, size: Int) {
    self.spec = spec
    self.sentAt = sentAt
    self.status = status
    self.summary = summary
    self.duration = duration
    self.size = size
  }
}

/// "Send N times with concurrency C": progress while it runs, then the summary.
public struct BurstRun: Equatable, Sendable {
  public var id: Int
  public var total: Int
  public var concurrency: Int
  /// What each request asks (the URL with its variables filled in), for the timeline.
  public var method = "GET"
  public var target = ""
  public var latencies: [Double] = []
  public var statuses: [Int: Int] = [:]
  public var finished = false
  public var wallTime: Double = 0

  public var done: Int { latencies.count }

  /// The latency at quantile `q` (0…1), nearest rank.
  public func percentile(_ q: Double) -> Double? {
    guard !latencies.isEmpty else { return nil }
    let sorted = latencies.sorted()
    let rank = Int((q * Double(sorted.count)).rounded(.up)) - 1
    return sorted[min(max(0, rank), sorted.count - 1)]
  }

  /// Counts per latency bucket between the fastest and the slowest, `buckets` wide.
  public func histogram(buckets: Int) -> [Int] {
    guard let low = latencies.min(), let high = latencies.max(), buckets > 0 else { return [] }
    var counts = [Int](repeating: 0, count: buckets)
    let span = max(high - low, 1e-9)
    for value in latencies { counts[min(buckets - 1, Int((value - low) / span * Double(buckets)))] += 1 }
    return counts
  }
}

extension BuilderState {
  /// Bodies read into `{{response.body}}` and `{{response.json.…}}` at most: a larger one gives
  /// its status and headers only.
  static let responseValueLimit = 1_048_576

  /// `{{response.status}}`, `{{response.header.NAME}}`, `{{response.json.PATH}}`,
  /// `{{response.body}}` of an answer; none for a failure (599: no response).
  static func responseValues(_ response: BuilderResponse) -> [String: String] {
    let entry = response.entry
    guard entry.error == nil else { return [:] }
    let body = response.body.isEmpty ? entry.responseBody : response.body
    return Variables.response(
      status: entry.status, reason: entry.reason, headers: entry.responseHeaders,
      body: body.count <= responseValueLimit ? body : [])
  }
}
