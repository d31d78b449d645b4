import Foundation
import SquallValues

/// A quick handler made in the route editor, without compiling: method, path pattern, status,
/// headers, a body template, and an optional delay.
///
/// The template may use `{1}`, `{2}`… for the pattern's capture groups, `{name}` for named
/// groups, `{query:name}` for a query argument, and `{method}` / `{path}`. Any other brace is
/// kept as it is (so JSON templates work), and `{{` / `}}` write a literal `{` / `}` (so
/// `{{1}}` writes `{1}`).
package struct MockRoute: Codable, Equatable, Sendable {
  package var method: String
  package var pattern: String
  package var status: Int
  /// Header lines, "Name: value".
  package var headers: [String]
  package var body: String
  /// Seconds to wait before answering (without blocking other requests).
  package var delay: Double
  /// A fault sent instead of the answer (after the delay): the faults app's bytes, through
  /// `detach()`; status, headers and body are then not used. Absent from older state files.
  package var fault: WireFault?

  package init(
    method: String, pattern: String, status: Int = 200, headers: [String] = [], body: String = "", delay: Double = 0,
    fault: WireFault? = nil
  ) {
    self.method = method
    self.pattern = pattern
    self.status = status
    self.headers = headers
    self.body = body
    self.delay = delay
    self.fault = fault
  }

  /// One line for the server pane.
  package var summary: String {
    let wait = delay > 0 ? " after \(ServerOptions.seconds(delay))" : ""
    if let fault { return "\(method) \(pattern)  →  fault \(fault.rawValue)\(wait)" }
    return "\(method) \(pattern)  →  \(status)\(wait)"
  }

  /// Fills the body template. Pure.
  package static func render(
    _ template: String, args: [String], kwargs: [String: String], query: (String) -> String?, method: String,
    path: String
  ) -> String {
    var out = ""
    var rest = Substring(template)
    while let first = rest.first {
      if rest.hasPrefix("{{") || rest.hasPrefix("}}") {
        out.append(first)
        rest = rest.dropFirst(2)
        continue
      }
      if first == "{", let close = rest.firstIndex(of: "}"),
        let value = placeholder(
          String(rest[rest.index(after: rest.startIndex)..<close]), args: args, kwargs: kwargs, query: query,
          method: method, path: path)
      {
        out += value
        rest = rest[rest.index(after: close)...]
        continue
      }
      out.append(first)
      rest = rest.dropFirst()
    }
    return out
  }

  /// The value of one `{name}`, or nil when `name` is not a placeholder (then the braces stay).
  private static func placeholder(
    _ name: String, args: [String], kwargs: [String: String], query: (String) -> String?, method: String,
    path: String
  ) -> String? {
    if let index = Int(name), index >= 1 { return index <= args.count ? args[index - 1] : "" }
    if name.hasPrefix("query:"), name.count > 6 { return query(String(name.dropFirst(6))) ?? "" }
    if name == "method" { return method }
    if name == "path" { return path }
    return kwargs[name]
  }
}

/// The route editor's form.
package struct RouteForm: Equatable, Sendable {
  /// Each field's label and what to type in it (shown for the field in focus), in order.
  package static let rows: [(label: String, help: String)] = [
    ("Method", "A method: GET, POST, PURGE…"),
    ("Path regex", "A regular expression for the path; its groups are {1} {2}… in the body."),
    ("Status", "The status code, 100–599."),
    ("Headers", "Header lines: 'Name: value; Other: value'."),
    ("Body", "The body. It may use {1} {2} (captures), {name}, {query:x} (a query argument), {method}, {path}."),
    ("Delay (s)", "Seconds to wait before answering, without blocking other requests."),
    ("Fault", "Empty for a normal answer, or a fault of the faults app: short-body, bad-chunk, reset, trickle…"),
  ]
  package static var labels: [String] { rows.map(\.label) }
  package var fields: [TextField]
  package var focus = 0
  /// The route being changed, or nil for a new one.
  package var editing: Int?

  package init(_ route: MockRoute? = nil, editing: Int? = nil) {
    let route = route ?? MockRoute(method: "GET", pattern: "/hello/([^/]+)", body: "Hello, {1}!")
    fields = [
      TextField(route.method), TextField(route.pattern), TextField(String(route.status)),
      TextField(route.headers.joined(separator: "; ")), TextField(route.body),
      TextField(route.delay == 0 ? "0" : String(route.delay)), TextField(route.fault?.rawValue ?? ""),
    ]
    self.editing = editing
    fields[0].selectAll()
  }

  /// Moves to the next (or previous) field, its value selected: typing replaces it.
  package mutating func move(by step: Int) {
    focus = (focus + step + fields.count) % fields.count
    fields[focus].selectAll()
  }

  /// The route the form describes, or what is wrong with it.
  package func route() -> Result<MockRoute, RouteFormError> {
    let method = fields[0].text.trimmingCharacters(in: .whitespaces).uppercased()
    guard !method.isEmpty, method.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
      return .failure(.init("Method must be a word such as GET"))
    }
    let pattern = fields[1].text.trimmingCharacters(in: .whitespaces)
    guard pattern.hasPrefix("/") else { return .failure(.init("The path pattern must start with /")) }
    guard (try? NSRegularExpression(pattern: "^(?:\(pattern))$")) != nil else {
      return .failure(.init("The path pattern is not a valid regular expression"))
    }
    let status: Int
    switch NumberOption.routeStatus.parseInt(fields[2].text) {
    case .failure(let problem): return .failure(.init(problem.message))
    case .success(let value): status = value
    }
    var headers: [String] = []
    for part in fields[3].text.split(separator: ";") {
      let line = part.trimmingCharacters(in: .whitespaces)
      if line.isEmpty { continue }
      guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
        return .failure(.init("Headers look like 'Name: value; Other: value'"))
      }
      headers.append(line)
    }
    let delayText = fields[5].text.trimmingCharacters(in: .whitespaces)
    let delay: Double
    switch NumberOption.routeDelay.parse(delayText.isEmpty ? "0" : delayText) {
    case .failure(let problem): return .failure(.init(problem.message))
    case .success(let value): delay = value
    }
    let faultName = fields[6].text.trimmingCharacters(in: .whitespaces).lowercased()
    var fault: WireFault?
    if !faultName.isEmpty && faultName != "none" {
      guard let named = WireFault(name: faultName) else {
        return .failure(.init("Fault is empty (a normal answer) or one of \(WireFault.namesInWords)"))
      }
      fault = named
    }
    return .success(
      MockRoute(
        method: method, pattern: pattern, status: status, headers: headers, body: fields[4].text, delay: delay,
        fault: fault))
  }
}

package struct RouteFormError: Error, Equatable, Sendable {
  package var message: String
  init(_ message: String) { self.message = message }
}
