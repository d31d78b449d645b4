import Foundation
import SquallChecks

/// A step's automatic check: a kind (what it watches) and a condition in the check grammar
/// (`SquallChecks`), evaluated against what really happened (an exchange served or sent, a
/// refusal, a burst, a comparison) or against the server pane's state (an option, a route,
/// the server's status, what is shown):
///
///     > check: served method == GET and path == / and body contains "Hello, world"
///
/// The old form (`served method=GET path=/ body~"Hello"`) still reads, as the same condition,
/// and `squall lessons check` names each one with its line and the new form. Pure.
package struct Check: Equatable, Sendable {
  package enum Kind: String, CaseIterable, Sendable {
    /// An exchange the hosted server answered (the log's ←).
    case served
    /// A request the builder sent and its outcome (the log's →): `status == 599 and error == timeout`.
    case sent
    /// A request the server refused by itself: `status == 400` or `cause == bodyTooLong`.
    case refused
    /// A burst from the builder finished: `count >= 20`.
    case burst
    /// A server option has a value: `option maxBufferSize <= 2000`.
    case option
    /// A route of the route editor exists: `route method == GET and pattern == "/greet/([^/]+)"`.
    case route
    /// The hosted server's status or app: `server status == stopped`.
    case server
    /// What the playground shows: `view timeline == shown` (the Log pane's timeline, `t`).
    case view
    /// The builder compared a request on Squall and on the Tornado reference (`=`):
    /// `compared method == POST and status == 405 and verdict == documented`.
    case compared
    /// The builder's WebSocket (a `ws://` URL): `websocket received >= 1 and last == "hello"`.
    case websocket

    /// What its condition reads: the one table its fields, their kinds and the parser's
    /// messages come from.
    package var subject: Subject {
      switch self {
      case .served, .sent:
        Subject(
          rawValue,
          fields: Subject.exchangeFields + [
            .init("code", .number, "the status code (the same as `status`)"),
            .init("raw", .text, "the answer's bytes as the server wrote them, escaped"),
            .init("rawrequest", .text, "the request's bytes as the server read them, escaped"),
          ], readsJSON: true)
      case .refused:
        Subject(
          rawValue,
          fields: [
            .init("cause", .text, "why (`bodyTooLong`, `idleTimeout`…)"),
            .init("status", .number, "the status answered (none when it closed without one)"),
            .init("method", .text, "the request's method, when its head arrived"),
            .init("path", .text, "the request's path, when its head arrived"),
            .init("bytes", .number, "the request bytes that had arrived"),
          ])
      case .burst:
        Subject(
          rawValue,
          fields: [
            .init("count", .number, "requests sent"), .init("concurrency", .number, "requests at once"),
            .init("p50", .duration, "the median time"), .init("max", .duration, "the slowest time"),
            .init("failures", .number, "requests without an answer"),
          ])
      case .option:
        Subject(
          rawValue,
          fields: ServerOptionName.allCases.map {
            .init($0.name, $0.isFlag ? .flag : .number, "the Server pane's \($0.name)")
          })
      case .route:
        Subject(
          rawValue,
          fields: [
            .init("method", .text, "its method"), .init("pattern", .text, "its path pattern"),
            .init("status", .number, "the status it answers"), .init("body", .text, "the body it answers"),
            .init("delay", .number, "seconds it waits"), .init("fault", .text, "the fault it sends, `none` if none"),
          ])
      case .server:
        Subject(
          rawValue,
          fields: [
            .init("status", .text, "`running`, `stopped`, `starting` or `failed`"),
            .init("app", .text, "the example app"), .init("connections", .number, "connections open now"),
            .init("websockets", .number, "WebSockets open now (each one of the connections)"),
            .init("memory", .number, "the playground's resident memory in MB (the hosted server's among it)"),
            .init("tornado", .text, "the Tornado reference: `off`, `starting`, `running`, `unavailable`"),
          ])
      case .view:
        Subject(
          rawValue,
          fields: [
            .init("timeline", .text, "`shown` or `hidden`"), .init("wire", .text, "`shown` or `hidden`"),
            .init("tab", .text, "the builder's response tab"),
          ])
      case .compared:
        Subject(
          rawValue,
          fields: [
            .init("method", .text, "the request's method"), .init("path", .text, "the request's path"),
            .init("status", .number, "Squall's status"),
            .init("verdict", .text, "`same`, `documented` or `different`"),
            .init("summary", .text, "the verdict in words"),
          ])
      case .websocket:
        Subject(
          rawValue,
          fields: [
            .init("state", .text, "`connecting`, `open`, `closing` or `closed`"),
            .init("sent", .number, "messages the builder sent"),
            .init("received", .number, "messages it received"),
            .init("last", .text, "the last message received (a binary one as hex)"),
            .init("close", .number, "the server's close code, once its close came"),
            .init("frames", .number, "frames both ways, pings and closes included"),
            .init("pongs", .number, "pongs received, answers to the builder's pings (P)"),
          ])
      }
    }

    /// The names its fields are read by (`{field}` in a `> saw:` line).
    package var fields: Set<String> { Set(subject.fields.map(\.name)) }

    /// Kinds decided by the pane's state rather than by an event.
    package var isState: Bool { self == .option || self == .route || self == .server || self == .view }
  }

  package var kind: Kind
  package var condition: CheckExpression
  /// Written in the old `field=value` form.
  package var legacy = false

  package init(kind: Kind, condition: CheckExpression, legacy: Bool = false) {
    self.kind = kind
    self.condition = condition
    self.legacy = legacy
  }

  /// The check as written in the grammar: `served status == 200 and path == /`.
  package var text: String {
    condition == .all([]) ? kind.rawValue : "\(kind.rawValue) \(condition.text)"
  }

  /// Reads `served status == 200 and body contains "Hello"` (or the old form); the problem
  /// in words, with its column in `text`, when it does not parse.
  package static func parse(_ text: String) -> Result<Check, CheckSyntaxError> {
    let trimmed = text.drop { $0 == " " }
    let lead = text.count - trimmed.count
    let kindWord = trimmed.prefix { $0 != " " }
    guard !kindWord.isEmpty else {
      return .failure(CheckSyntaxError(column: 1, "the check is empty; write a kind and a condition"))
    }
    guard let kind = Kind(rawValue: String(kindWord)) else {
      return .failure(
        CheckSyntaxError(
          column: lead + 1,
          "unknown check kind \"\(kindWord)\"; use one of \(Kind.allCases.map(\.rawValue).joined(separator: ", "))"))
    }
    let rest = String(trimmed.dropFirst(kindWord.count))
    let offset = lead + kindWord.count
    if rest.allSatisfy(\.isWhitespace) { return .success(Check(kind: kind, condition: .all([]))) }
    switch CheckParser.parse(rest, subject: kind.subject) {
    case .success(let condition):
      return .success(Check(kind: kind, condition: condition))
    case .failure(let error):
      let found = LegacyCheck.read(rest, kind: kind) ?? .failure(error)
      return found.mapError { CheckSyntaxError(column: $0.column + offset, $0.message) }
    }
  }

  /// Whether `observation` satisfies this check.
  package func matches(_ observation: Observation) -> Bool {
    guard let lookup = observation.lookup(for: kind) else { return false }
    return CheckEvaluator.holds(condition, lookup)
  }

  /// Whether the pane's state satisfies this check (option, route, server and view kinds).
  package func matches(_ snapshot: ServerSnapshot) -> Bool {
    switch kind {
    case .route:
      return snapshot.routes.contains { CheckEvaluator.holds(condition, $0.lookup) }
    case .option, .server, .view:
      return CheckEvaluator.holds(condition) { snapshot.value(of: $0, for: kind) }
    case .served, .sent, .refused, .burst, .compared, .websocket:
      return false
    }
  }
}
