import Foundation
import SquallCompare
import SquallValues

extension BuilderState {
  /// `=`: the builder's request to the hosted server and to the Tornado reference; the answers
  /// come back as one `compared` event for the Compare tab.
  mutating func compareWithTornado(_ context: BuilderContext, _ reply: inout PaneReply) -> [Effect] {
    guard let tornadoPort = context.tornado.port else {
      switch context.tornado {
      case .starting: reply.say("Tornado is still starting: press = again in a moment.")
      case .unavailable(let why): reply.say("No Tornado reference: \(TerminalSafe.escape(why))", .error)
      default:
        reply.say("Compare needs the Tornado reference: T in the Server pane (F1) starts it.", .error)
      }
      return []
    }
    guard context.serverStatus == .running else {
      reply.say("The Squall server is not running: s in the Server pane (F1) starts it.", .error)
      return []
    }
    if let problem = self.spec.urlProblem(variables(context)) ?? self.spec.bodyProblem(variables(context)) {
      reply.say(problem, .error)
      return []
    }
    self.sent += 1
    self.burst = nil
    self.section = .response
    reply.say("Comparing \(self.spec.method) on both servers…")
    return [
      .compare(
        id: self.sent, spec: self.spec, variables: variables(context), squallPort: context.serverPort,
        tornadoPort: tornadoPort)
    ]
  }

  /// Both answers arrived: the Squall one is the builder's response, the two side by side the
  /// Compare tab.
  mutating func compared(id: Int, outcome: CompareOutcome, _ context: BuilderContext, _ reply: inout PaneReply)
    -> [Effect]
  {
    switch outcome.result {
    case .failed(let message):
      reply.say("Compare: \(message)", .error)
    case .comparedRaw(let tornado, let squall, let version):
      // Not HTTP a parser reads: the bytes are the answer; the Compare tab shows them side by side.
      let comparison = Comparison.compareRaw(tornado: tornado, squall: squall)
      var entry = LogEntry(
        time: context.now.addingTimeInterval(-squall.duration), direction: .fetched, method: outcome.request.method,
        target: outcome.url, status: 599, reason: "Unknown",
        requestHeaders: outcome.request.headers.map { ($0.name, $0.value) }, requestBody: outcome.request.body,
        requestBodySize: outcome.request.body.count, duration: squall.duration)
      entry.requestTarget = outcome.request.target
      entry.error =
        "Not an answer HTTP's parser reads (\(TerminalSafe.escape(squall.parserSaid))): compared as bytes in the Compare tab"
      entry.failure = .other
      show(
        comparison, of: outcome, tornado: version, asBytes: true,
        response: BuilderResponse(entry: entry, firstByte: nil, effectiveURL: outcome.url), &reply)
      reply.say("Compared as bytes: " + comparison.summary)
    case .compared(let tornado, let squall, let version):
      let comparison = Comparison.compare(outcome.request, tornado: tornado, squall: squall)
      var entry = LogEntry(
        time: context.now.addingTimeInterval(-squall.duration), direction: .fetched, method: outcome.request.method,
        target: outcome.url, status: squall.status, reason: squall.reason,
        requestHeaders: outcome.request.headers.map { ($0.name, $0.value) }, requestBody: outcome.request.body,
        requestBodySize: outcome.request.body.count, responseHeaders: squall.headers.map { ($0.name, $0.value) },
        responseBody: Array(squall.body.prefix(LogStore.previewLimit)), responseBodySize: squall.body.count,
        duration: squall.duration)
      entry.requestTarget = outcome.request.target
      let response = BuilderResponse(entry: entry, firstByte: nil, effectiveURL: outcome.url, body: squall.body)
      show(comparison, of: outcome, tornado: version, asBytes: false, response: response, &reply)
      self.responseValues = BuilderState.responseValues(response)
      reply.say("Compared: " + comparison.summary)
    }
    return []
  }

  /// A comparison in the Compare tab, Squall's side of it as the response and in the log.
  private mutating func show(
    _ comparison: Comparison, of outcome: CompareOutcome, tornado version: String, asBytes: Bool,
    response: BuilderResponse, _ reply: inout PaneReply
  ) {
    reply.outputs.append(.record(response.entry))
    self.response = response
    self.comparison = comparison
    let request = "\(TerminalSafe.escape(outcome.request.method)) \(TerminalSafe.escape(outcome.request.target))"
    comparisonTitle = "\(request) · Tornado \(version) and Squall" + (asBytes ? ", as bytes" : "")
    responseTab = .compare
    responseScroll = 0
  }
}
