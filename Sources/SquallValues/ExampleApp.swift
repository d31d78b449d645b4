/// The example apps by name: the one list `squall serve --example`, the lessons' `setup app`,
/// the Server pane's `A`, `squall compare` and the Tornado twins share. Their routes are built
/// in `SquallExamples` (`Examples.routes(of:)`) and their twins named by
/// `TwinScript.name(of:)`: switches over these cases, so a new case without either does not
/// compile. Package-only: not part of the library's API. Pure: names and words only.
package enum ExampleApp: String, CaseIterable, Sendable, Codable {
  case hello
  case echo
  case faults

  /// A few words for the Server pane: "answers with the request as JSON".
  package var title: String {
    switch self {
    case .hello: "the seed's hello world"
    case .echo: "answers with the request as JSON"
    case .faults: "breaks HTTP on purpose, one fault per route"
    }
  }

  /// The app after this one, for `A` in the Server pane: hello, echo, faults, hello…
  package var next: ExampleApp {
    let all = Self.allCases
    return all[(all.firstIndex(of: self)! + 1) % all.count]
  }

  /// The names, for messages: "hello, echo or faults".
  package static var namesInWords: String {
    let names = allCases.map(\.rawValue)
    return names.dropLast().joined(separator: ", ") + " or " + names.last!
  }
}

/// A route of an example app as the Server pane describes it. Pure.
package struct RouteDescription: Sendable, Equatable {
  /// The rule: `/greet/([^/]+)`.
  package var pattern: String
  /// What it answers: "GET POST PUT: the request as JSON".
  package var summary: String
  /// The handler's type name: `EchoHandler`.
  package var handlerName: String

  package init(pattern: String, summary: String, handlerName: String) {
    self.pattern = pattern
    self.summary = summary
    self.handlerName = handlerName
  }
}
