import Foundation

/// A step's automatic check: a kind and conditions on fields, evaluated against what really
/// happened (an exchange served or sent, a refusal, a burst) or against the server pane's state
/// (an option, a route, the server's status). A closed set, so `squall lessons check` can reject
/// an unknown kind or field with its line. Pure.
public struct Check: Equatable, Sendable {
  public enum Kind: String, CaseIterable, Sendable {
    /// An exchange the hosted server answered (the log's ←).
    case served
    /// A request the builder sent and its outcome (the log's →): `code=599 error=timeout`.
    case sent
    /// A request the server refused by itself: `status=400` or `cause=bodyTooLong`.
    case refused
    /// A burst from the builder finished: `count>=20`.
    case burst
    /// A server option has a value: `option name=maxBufferSize value<=2000`.
    case option
    /// A route of the route editor exists: `route method=GET pattern=/greet/([^/]+)`.
    case route
    /// The hosted server's status or app: `server status=stopped`.
    case server
    /// What the playground shows: `view timeline=shown` (the Log pane's timeline, `t`).
    case view
    /// The builder compared a request on Squall and on the Tornado reference (`=`):
    /// `compared method=POST status=405 verdict=documented`.
    case compared

    /// The fields each kind understands.
    public var fields: Set<String> {
      switch self {
      case .served, .sent:
        ["method", "path", "query", "status", "code", "body", "header", "reqheader", "error", "duration", "reason"]
      case .refused: ["cause", "status", "method", "path"]
      case .burst: ["count", "concurrency", "p50", "max", "failures"]
      case .option: ["name", "value"]
      case .route: ["method", "pattern", "status", "body", "delay"]
      case .server: ["status", "app", "connections", "tornado"]
      case .view: ["timeline"]
      case .compared: ["method", "path", "status", "verdict", "summary"]
      }
    }

    /// Kinds decided by the pane's state rather than by an event.
    public var isState: Bool { self == .option || self == .route || self == .server || self == .view }
  }

  public enum Operator: String, Equatable, Sendable {
    case equals = "="
    case contains = "~"
    case atLeast = ">="
    case atMost = "<="
  }

  public struct Condition: Equatable, Sendable {
    public var field: String
    /// For `header.NAME=value`, the header's name.
    public var argument: String?
    public var op: Operator
    public var value: String
  }

  public var kind: Kind
  public var conditions: [Condition]

  /// Reads `served method=GET path=/ body~"Hello, world"`; the problem in words when it does not parse.
  public static func parse(_ text: String) -> Parsed<Check> {
    var words: [String] = []
    var current = ""
    var quoted = false
    for character in text {
      if character == "\"" {
        quoted.toggle()
      } else if character == " " && !quoted {
        if !current.isEmpty { words.append(current) }
        current = ""
      } else {
        current.append(character)
      }
    }
    if quoted { return .failure("a \" quote is not closed") }
    if !current.isEmpty { words.append(current) }
    guard let first = words.first else { return .failure("the check is empty") }
    guard let kind = Kind(rawValue: first) else {
      return .failure(
        "unknown check kind \"\(first)\"; use one of \(Kind.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    var conditions: [Condition] = []
    for word in words.dropFirst() {
      guard
        let found = [Operator.atLeast, .atMost, .contains, .equals].compactMap({ op in
          word.range(of: op.rawValue).map { (op, $0) }
        }).min(by: { $0.1.lowerBound < $1.1.lowerBound })
      else {
        return .failure("\"\(word)\" is not field=value, field~text, field>=n or field<=n")
      }
      let (op, range) = found
      var field = String(word[..<range.lowerBound])
      var argument: String?
      if let dot = field.firstIndex(of: ".") {
        argument = String(field[field.index(after: dot)...])
        field = String(field[..<dot])
      }
      guard kind.fields.contains(field) else {
        return .failure(
          "\(kind.rawValue) checks have no field \"\(field)\"; they have \(kind.fields.sorted().joined(separator: ", "))"
        )
      }
      if (field == "header" || field == "reqheader") && argument == nil {
        return .failure("write \(field).NAME=value")
      }
      let value = String(word[range.upperBound...])
      if op == .atLeast || op == .atMost, Double(value) == nil {
        return .failure("\(field)\(op.rawValue) wants a number, got \"\(value)\"")
      }
      conditions.append(Condition(field: field, argument: argument, op: op, value: value))
    }
    return .success(Check(kind: kind, conditions: conditions))
  }

  /// Whether every condition holds for `values` (a field's value, looked up by name and argument).
  func holds(_ lookup: (String, String?) -> String?) -> Bool {
    conditions.allSatisfy { condition in
      guard let actual = lookup(condition.field, condition.argument) else { return false }
      switch condition.op {
      case .equals:
        // Numbers as numbers: `value=5` holds for 5.0 and 5.
        if let left = Double(actual), let right = Double(condition.value) { return left == right }
        return actual.lowercased() == condition.value.lowercased()
      case .contains: return actual.lowercased().contains(condition.value.lowercased())
      case .atLeast: return (Double(actual) ?? -.infinity) >= Double(condition.value)!
      case .atMost: return (Double(actual) ?? .infinity) <= Double(condition.value)!
      }
    }
  }

  /// Whether `observation` satisfies this check.
  public func matches(_ observation: Observation) -> Bool {
    switch (kind, observation) {
    case (.served, .served(let exchange)), (.sent, .sent(let exchange)): return holds(exchange.value)
    case (.refused, .refused(let cause, let status, let method, let path)):
      return holds { field, _ in
        switch field {
        case "cause": cause
        case "status": status.map(String.init) ?? "none"
        case "method": method
        case "path": path
        default: nil
        }
      }
    case (.compared, .compared(let method, let path, let status, let verdict, let summary)):
      return holds { field, _ in Observation.comparedField(field, method, path, status, verdict, summary) }
    case (.burst, .burst(let count, let concurrency, let p50, let max, let failures)):
      return holds { field, _ in
        switch field {
        case "count": String(count)
        case "concurrency": String(concurrency)
        case "p50": String(p50)
        case "max": String(max)
        case "failures": String(failures)
        default: nil
        }
      }
    default: return false
    }
  }

  /// Whether the pane's state satisfies this check (option, route and server kinds).
  public func matches(_ snapshot: ServerSnapshot) -> Bool {
    switch kind {
    case .option:
      let name = conditions.first { $0.field == "name" }?.value ?? ""
      return holds { field, _ in field == "name" ? name : (field == "value" ? snapshot.options[name] : nil) }
    case .route:
      return snapshot.routes.contains { route in
        holds { field, _ in
          switch field {
          case "method": route.method
          case "pattern": route.pattern
          case "status": String(route.status)
          case "body": route.body
          case "delay": String(route.delay)
          default: nil
          }
        }
      }
    case .server:
      return holds { field, _ in
        switch field {
        case "status": snapshot.status
        case "app": snapshot.app
        case "connections": String(snapshot.connections)
        case "tornado": snapshot.tornado
        default: nil
        }
      }
    case .view:
      return holds { field, _ in field == "timeline" ? (snapshot.timelineShown ? "shown" : "hidden") : nil }
    default: return false
    }
  }
}

/// Something that happened, as the checks see it.
public enum Observation: Equatable, Sendable {
  case served(ObservedExchange)
  case sent(ObservedExchange)
  case refused(cause: String, status: Int?, method: String, path: String)
  case burst(count: Int, concurrency: Int, p50: Double, max: Double, failures: Int)
  /// A request compared on Squall and on Tornado: Squall's status and the verdict.
  case compared(method: String, path: String, status: Int, verdict: String, summary: String)

  /// A field as a learner reads it: times in ms or s (`507 ms`, `2.0 s`), counts and codes as
  /// numbers. nil for a field this observation has not.
  public func shown(_ field: String, _ argument: String? = nil) -> String? {
    switch self {
    case .served(let exchange), .sent(let exchange):
      return field == "duration" ? Self.seconds(exchange.duration) : exchange.value(field, argument)
    case .refused(let cause, let status, let method, let path):
      switch field {
      case "cause": return cause
      case "status": return status.map(String.init) ?? "no answer"
      case "method": return method
      case "path": return path
      default: return nil
      }
    case .compared(let method, let path, let status, let verdict, let summary):
      return Self.comparedField(field, method, path, status, verdict, summary)
    case .burst(let count, let concurrency, let p50, let max, let failures):
      switch field {
      case "count": return String(count)
      case "concurrency": return String(concurrency)
      case "p50": return Self.seconds(p50)
      case "max": return Self.seconds(max)
      case "failures": return String(failures)
      default: return nil
      }
    }
  }

  static func comparedField(
    _ field: String, _ method: String, _ path: String, _ status: Int, _ verdict: String, _ summary: String
  ) -> String? {
    switch field {
    case "method": method
    case "path": path
    case "status": String(status)
    case "verdict": verdict
    case "summary": summary
    default: nil
    }
  }

  /// `text` with each `{field}` (or `{header.NAME}`) replaced by what was observed, in one
  /// pass (an observed value holding `{status}` stays as it is).
  public func fill(_ text: String) -> String {
    var out = ""
    var rest = Substring(text)
    for placeholder in Self.placeholders(in: text) {
      guard let range = rest.range(of: placeholder.token) else { continue }
      out += rest[..<range.lowerBound]
      out += shown(placeholder.name, placeholder.argument) ?? "?"
      rest = rest[range.upperBound...]
    }
    return out + rest
  }

  /// The `{field}` and `{field.ARGUMENT}` tokens of a `> saw:` line. Pure.
  public static func placeholders(in text: String) -> [(token: String, name: String, argument: String?)] {
    var found: [(token: String, name: String, argument: String?)] = []
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
      let inside = rest[rest.index(after: open)..<close]
      // A name starts with a letter (`{.}`, `{1}` and `{}` are text, not fields).
      if let first = inside.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first),
        inside.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" })
      {
        let parts = inside.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        found.append(("{\(inside)}", String(parts[0]), parts.count > 1 ? String(parts[1]) : nil))
      }
      rest = rest[rest.index(after: close)...]
    }
    return found
  }

  /// `0.507` → `507 ms`, `2.03` → `2.0 s`.
  static func seconds(_ value: Double) -> String {
    value < 1 ? "\(Int((value * 1000).rounded())) ms" : "\(Double(Int((value * 10).rounded())) / 10) s"
  }
}

public struct ObservedExchange: Equatable, Sendable {
  public var method: String
  public var path: String
  public var query: String
  public var status: Int
  public var reason: String
  public var body: String
  /// Response headers (`header.NAME`).
  public var headers: [String: String]
  /// Request headers (`reqheader.NAME`).
  public var requestHeaders: [String: String]
  /// The client's error kind in words (`timeout`, `refused`…), empty when none.
  public var error: String
  public var duration: Double

  public init(
    method: String, path: String, query: String = "", status: Int, reason: String = "", body: String = "",
    headers: [String: String] = [:], requestHeaders: [String: String] = [:], error: String = "", duration: Double = 0
  ) {
    self.method = method
    self.path = path
    self.query = query
    self.status = status
    self.reason = reason
    self.body = body
    self.headers = headers
    self.requestHeaders = requestHeaders
    self.error = error
    self.duration = duration
  }

  func value(_ field: String, _ argument: String?) -> String? {
    switch field {
    case "method": method
    case "path": path
    case "query": query
    case "status", "code": String(status)
    case "reason": reason
    case "body": body
    case "error": error.isEmpty ? "none" : error
    case "duration": String(duration)
    // A header that was not there reads `none` (`header.Content-Encoding=none`).
    case "header": headers.first { $0.key.lowercased() == argument?.lowercased() }?.value ?? "none"
    case "reqheader": requestHeaders.first { $0.key.lowercased() == argument?.lowercased() }?.value ?? "none"
    default: nil
    }
  }
}

/// The server pane's state, as the checks see it.
public struct ServerSnapshot: Equatable, Sendable {
  public struct Route: Equatable, Sendable {
    public var method: String
    public var pattern: String
    public var status: Int
    public var body: String
    public var delay: Double
    public init(method: String, pattern: String, status: Int, body: String, delay: Double) {
      self.method = method
      self.pattern = pattern
      self.status = status
      self.body = body
      self.delay = delay
    }
  }

  public var app: String
  /// `running`, `stopped`, `starting` or `failed`.
  public var status: String
  public var options: [String: String]
  public var routes: [Route]
  /// Connections open now (kept alive after `stop()`, until `closeAllConnections()`).
  public var connections: Int
  /// The Log pane shows its timeline (`view` checks).
  public var timelineShown: Bool
  /// The Tornado reference: `off`, `starting`, `running` or `unavailable`.
  public var tornado: String

  public init(
    app: String, status: String, options: [String: String], routes: [Route], connections: Int = 0,
    timelineShown: Bool = false, tornado: String = "off"
  ) {
    self.app = app
    self.status = status
    self.options = options
    self.routes = routes
    self.connections = connections
    self.timelineShown = timelineShown
    self.tornado = tornado
  }
}
