import Foundation

/// A step's automatic check: a kind and conditions on fields, evaluated against what really
/// happened (an exchange served or sent, a refusal, a burst) or against the server pane's state
/// (an option, a route, the server's status). A closed set, so `squall lessons check` can reject
/// an unknown kind or field with its line. Pure.
package struct Check: Equatable, Sendable {
  package enum Kind: String, CaseIterable, Sendable {
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
    package var fields: Set<String> {
      switch self {
      case .served, .sent:
        [
          "method", "path", "query", "status", "code", "body", "header", "reqheader", "error", "duration", "reason",
          "raw", "rawrequest",
        ]
      case .refused: ["cause", "status", "method", "path", "bytes"]
      case .burst: ["count", "concurrency", "p50", "max", "failures"]
      case .option: ["name", "value"]
      case .route: ["method", "pattern", "status", "body", "delay", "fault"]
      case .server: ["status", "app", "connections", "tornado"]
      case .view: ["timeline", "wire", "tab"]
      case .compared: ["method", "path", "status", "verdict", "summary"]
      }
    }

    /// Kinds decided by the pane's state rather than by an event.
    package var isState: Bool { self == .option || self == .route || self == .server || self == .view }
  }

  package enum Operator: String, Equatable, Sendable {
    case equals = "="
    case contains = "~"
    case atLeast = ">="
    case atMost = "<="
  }

  package struct Condition: Equatable, Sendable {
    package var field: String
    /// For `header.NAME=value`, the header's name.
    package var argument: String?
    package var op: Operator
    package var value: String
  }

  package var kind: Kind
  package var conditions: [Condition]

  /// Reads `served method=GET path=/ body~"Hello, world"`; the problem in words when it does not parse.
  package static func parse(_ text: String) -> Parsed<Check> {
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
  package func matches(_ observation: Observation) -> Bool {
    switch (kind, observation) {
    case (.served, .served(let exchange)), (.sent, .sent(let exchange)): return holds(exchange.value)
    case (.refused, .refused(let cause, let status, let method, let path, let bytes)):
      return holds { field, _ in
        switch field {
        case "cause": cause
        case "status": status.map(String.init) ?? "none"
        case "method": method
        case "bytes": String(bytes)
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
  package func matches(_ snapshot: ServerSnapshot) -> Bool {
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
          case "fault": route.fault.isEmpty ? "none" : route.fault
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
      return holds { field, _ in
        switch field {
        case "timeline": snapshot.timelineShown ? "shown" : "hidden"
        case "wire": snapshot.wireShown ? "shown" : "hidden"
        case "tab": snapshot.responseTab
        default: nil
        }
      }
    default: return false
    }
  }
}
