/// The example apps by name: the one list `squall serve --example`, the lessons' `setup app`,
/// the Server pane's `A` and the Tornado twins share. Their routes are built in
/// `SquallExamples` (`Examples.routes(of:)`, a switch over these cases, so an app without
/// routes does not compile). Pure: names and words only.
public enum ExampleApp: String, CaseIterable, Sendable {
  case hello
  case echo

  /// A few words for the Server pane: "answers with the request as JSON".
  public var title: String {
    switch self {
    case .hello: "the seed's hello world"
    case .echo: "answers with the request as JSON"
    }
  }

  /// One line on what it demonstrates.
  public var summary: String {
    switch self {
    case .hello: "the seed's hello world: GET / answers \"Hello, world\""
    case .echo:
      "GET/POST /echo returns the request as JSON; /greet/NAME, /hi/NAME, /form, /slow?delay=S, /blocking?delay=S, /stream, /redirect, /teapot, /boom, /oops?status=N, /visits, /static/hello.txt, /numbers, /whoami"
    }
  }

  /// The names, for messages: "hello or echo".
  public static var namesInWords: String {
    let names = allCases.map(\.rawValue)
    return names.dropLast().joined(separator: ", ") + " or " + names.last!
  }
}

/// A route of an example app as the Server pane describes it. Pure.
public struct RouteDescription: Sendable, Equatable {
  /// The rule: `/greet/([^/]+)`.
  public var pattern: String
  /// What it answers: "GET POST PUT: the request as JSON".
  public var summary: String
  /// The handler's type name: `EchoHandler`.
  public var handlerName: String

  public init(pattern: String, summary: String, handlerName: String) {
    self.pattern = pattern
    self.summary = summary
    self.handlerName = handlerName
  }
}
