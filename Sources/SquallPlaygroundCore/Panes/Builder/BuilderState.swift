import Foundation
import SquallCompare
import SquallRequests
import SquallValues

/// The request builder: a `RequestSpec` being composed, the section in view, the field being
/// typed, the request in flight, the last response, history, and the overlays (method list,
/// history, collection, export, curl import, save, burst).
package struct BuilderState: Sendable {
  /// The parts of the pane, reached with 1…6 (and by mouse on the tab line).
  package enum Section: Int, CaseIterable, Sendable {
    case params = 1
    case headers, body, auth, options, response

    package var title: String {
      switch self {
      case .params: "Params"
      case .headers: "Headers"
      case .body: "Body"
      case .auth: "Auth"
      case .options: "Options"
      case .response: "Response"
      }
    }

    package var shortTitle: String {
      switch self {
      case .params: "Par"
      case .headers: "Hdr"
      case .body: "Bdy"
      case .auth: "Aut"
      case .options: "Opt"
      case .response: "Res"
      }
    }

    /// What its number key does, in help, the palette and the key table.
    package var summary: String {
      switch self {
      case .params: "Params: the query as a table"
      case .headers: "Headers"
      case .body: "Body: raw, JSON, form or multipart"
      case .auth: "Auth: basic user and password"
      case .options: "Options: timeouts, redirects, your variables"
      case .response: "Response: body, headers, timing"
      }
    }

    /// Whether it is a table of rows (a adds one, Space switches one, d deletes one).
    package var hasRows: Bool {
      switch self {
      case .params, .headers, .body, .options: true
      case .auth, .response: false
      }
    }

    /// Whether Enter and e edit what it shows (a row, the body, the user and password).
    package var isEditable: Bool { hasRows || self == .auth }

    /// Its number key: 1 for Params, and so on.
    package var key: Key { .character(Character(String(rawValue))) }
  }

  /// Which row a row editor writes.
  package enum RowTarget: Equatable, Sendable {
    /// Row `index` of the section's table; `rows.count` adds a row.
    case table(Int)
    /// The user variable at `offset` in the Options section's sorted list.
    case variable(Int)
    /// A new user variable.
    case newVariable
  }

  /// What has the keyboard.
  package enum Editor: Equatable, Sendable {
    case url(TextField)
    /// A table row of the current section: its name, then its value (Tab moves between them).
    case row(RowTarget, name: TextField, value: TextField, onValue: Bool)
    case body(TextArea)
    /// Auth: user name, then password.
    case auth(user: TextField, password: TextField, onPassword: Bool)
    case option(index: Int, field: TextField)
    /// Search in the response body.
    case search(TextField)
  }

  /// Lists and prompts drawn over the pane.
  package enum Overlay: Equatable, Sendable {
    case methods(selection: Int, custom: TextField)
    case history(selection: Int)
    case collection(names: [String], selection: Int)
    case saveAs(TextField)
    case importCurl(TextField)
    case export(RequestExport, text: String)
    case burst(count: TextField, concurrency: TextField, onConcurrency: Bool)
    case savePath(TextField, what: ResponsePart)
  }

  package enum ResponseTab: Int, CaseIterable, Sendable {
    case body, headers, raw, timing, compare, asserts
    package var title: String {
      switch self {
      case .body: "Body"
      case .headers: "Headers"
      case .raw: "Raw"
      case .timing: "Timing"
      case .compare: "Compare"
      case .asserts: "Asserts"
      }
    }
  }

  package enum ResponsePart: String, Sendable { case body, headers }

  package static let methods = StandardMethod.byUse.map(\.rawValue)

  package var spec = RequestSpec()
  package var section: Section = .params
  package var editor: Editor?
  package var overlay: Overlay?
  /// The selected row in each table section.
  package var rowSelection: [Section: Int] = [:]
  /// The request on the wire, if any.
  package var inFlight: InFlight?
  /// The WebSocket of a `ws://` URL: connecting, open or over, and its transcript.
  package var webSocket: BuilderWebSocket?
  /// WebSockets opened at once by the burst form on a `ws://` URL.
  package var webSocketBurst: WebSocketBurst?
  package var response: BuilderResponse?
  /// The last response as `{{response.…}}` variables, read once when it arrives.
  package var responseValues: [String: String] = [:]
  package var responseTab: ResponseTab = .body
  /// The last comparison with Tornado (`=`), for the Compare tab.
  package var comparison: Comparison?
  /// What was compared: `POST /echo · Tornado 6.6.1 on :8889`.
  package var comparisonTitle = ""
  package var responseScroll = 0
  /// JSON bodies show nesting down to this depth; deeper containers fold to `{…}`/`[…]`.
  package var foldDepth = Int.max
  package var search = ""
  /// Sent requests, newest last, bounded.
  package var history: [HistoryItem] = []
  package static let historyLimit = 100
  package var burst: BurstRun?
  /// User-defined `{{variables}}` (the server's base and port are added when sending).
  package var userVariables: [String: String] = [:]
  /// Requests sent so far, for ids.
  package var sent = 0
  /// Query parameters switched off: out of the URL, kept in the table to switch on again.
  package var parkedParams: [RequestSpec.Row] = []
  /// The first line of the export overlay in view (↑↓ PgUp PgDn scroll it).
  package var exportScroll = 0
  /// An export waiting for the path it is saved to.
  package var pendingExport: String?

  /// A slow client (Options `sendSlowly`): milliseconds between two bytes of the request, 0 to
  /// send at once. Not saved with a request: a way of sending, not part of it.
  package var sendSlowly = 0
  /// Whether the exact bytes of the request are shown (`W`), and the last ones built.
  package var showsWire = false
  /// A row's Esc was refused (an invalid name): the next Esc leaves the row as it was.
  package var escapeDiscards = false
  /// The row being typed was refused (its name): its save then says so, replacing the error.
  package var rowRefused = false
  package var wire: WireBytes?
  /// The first line of the wire bytes in view (↑↓ PgUp PgDn scroll them; clamped where drawn).
  package var wireScroll = 0

  package init() {}

  /// The builder's client's connections at once (Tornado's `max_clients`): a burst of 50 at
  /// once has this many in flight and the rest queued. Options (5) raises it.
  package var maxClients = BuilderState.defaultMaxClients
  /// The saved request in the builder (opened with o or saved with w), until another request
  /// replaces it: its answers are kept as its last response (`{{NAME.response.…}}`).
  package var collectionName: String?
  /// Every saved request's last response, as variables `NAME.response.…`.
  package var savedResponseValues: [String: String] = [:]
  package static let defaultMaxClients = 10

  /// Whether keys go to a field or an overlay rather than to commands (Tab, q, z included).
  package var isTyping: Bool { editor != nil || overlay != nil }
}

/// A request on the wire.
package struct InFlight: Equatable, Sendable {
  package var id: Int
  package var method: String
  package var url: String
  package var startedAt: Date
  /// The saved request it was sent as, whose last response it becomes.
  package var collectionName: String? = nil
}

/// The last answer, as the response view shows it.
/// A redirect the client followed on the way to the answer: its status, where it pointed and
/// when it came (seconds from the start).
package struct RedirectHop: Equatable, Sendable {
  package var url: String
  package var status: Int
  package var reason: String
  package var location: String
  package var at: Double

  package init(url: String, status: Int, reason: String, location: String, at: Double) {
    self.url = url
    self.status = status
    self.reason = reason
    self.location = location
    self.at = at
  }
}

package struct BuilderResponse: Sendable {
  /// What the log shows (bodies cut to `LogStore.previewLimit`).
  package var entry: LogEntry
  package var firstByte: Double?
  package var effectiveURL: String
  /// Seconds from the start to the request going out (after the client's queue and connecting).
  package var requestSent: Double? = nil
  package var cancelled = false
  /// The whole body as it arrived (up to the client's `maxBodySize`), for `s`: only the
  /// builder's latest response holds it, never the log.
  package var body: [UInt8] = []
  /// The redirects followed before this answer, in order.
  package var hops: [RedirectHop] = []
  /// The hosted server's side of this answer (its raw bytes), when it went there.
  package var served: LogEntry?

  package init(
    entry: LogEntry, firstByte: Double?, effectiveURL: String, requestSent: Double? = nil, cancelled: Bool = false,
    body: [UInt8] = [], hops: [RedirectHop] = []
  ) {
    self.hops = hops
    self.entry = entry
    self.firstByte = firstByte
    self.effectiveURL = effectiveURL
    self.requestSent = requestSent
    self.cancelled = cancelled
    self.body = body
  }
}

/// One sent request, kept with its outcome (bounded; saved under `$XDG_STATE_HOME/squall`).
package struct HistoryItem: Codable, Equatable, Sendable {
  package var spec: RequestSpec
  package var sentAt: Date
  package var status: Int
  package var summary: String
  package var duration: Double
  package var size: Int

  package init(spec: RequestSpec, sentAt: Date, status: Int, summary: String, duration: Double, size: Int) {
    self.spec = spec
    self.sentAt = sentAt
    self.status = status
    self.summary = summary
    self.duration = duration
    self.size = size
  }
}

/// "Send N times with concurrency C": progress while it runs, then the summary.
package struct BurstRun: Equatable, Sendable {
  package var id: Int
  package var total: Int
  package var concurrency: Int
  /// What each request asks (the URL with its variables filled in), for the timeline.
  package var method = "GET"
  package var target = ""
  package var latencies: [Double] = []
  package var statuses: [Int: Int] = [:]
  package var finished = false
  package var wallTime: Double = 0

  package var done: Int { latencies.count }

  /// The latency at quantile `q` (0…1), nearest rank.
  package func percentile(_ q: Double) -> Double? {
    guard !latencies.isEmpty else { return nil }
    let sorted = latencies.sorted()
    let rank = Int((q * Double(sorted.count)).rounded(.up)) - 1
    return sorted[min(max(0, rank), sorted.count - 1)]
  }

  /// Counts per latency bucket between the fastest and the slowest, `buckets` wide.
  package func histogram(buckets: Int) -> [Int] {
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
