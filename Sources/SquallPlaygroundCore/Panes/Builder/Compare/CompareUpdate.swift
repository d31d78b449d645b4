import Foundation
import SquallCompare
import SquallValues

/// `=`: the builder's request to the hosted server and to the Tornado reference; the answers
/// come back as one `compared` event for the Compare tab.
func compareWithTornado(_ state: inout PlaygroundState) -> [Effect] {
  guard let tornadoPort = state.server.tornado.port else {
    switch state.server.tornado {
    case .starting: state.setMessage("Tornado is still starting: press = again in a moment.")
    case .unavailable(let why): state.setMessage("No Tornado reference: \(TerminalSafe.escape(why))", error: true)
    default:
      state.setMessage("Compare needs the Tornado reference: T in the Server pane (F1) starts it.", error: true)
    }
    return []
  }
  guard state.server.status == .running else {
    state.setMessage("The Squall server is not running: s in the Server pane (F1) starts it.", error: true)
    return []
  }
  if let problem = state.builder.spec.urlProblem(state.variables) ?? state.builder.spec.bodyProblem(state.variables) {
    state.setMessage(problem, error: true)
    return []
  }
  state.builder.sent += 1
  state.builder.burst = nil
  state.builder.section = .response
  state.setMessage("Comparing \(state.builder.spec.method) on both servers…")
  return [
    .compare(
      id: state.builder.sent, spec: state.builder.spec, variables: state.variables, squallPort: state.server.port,
      tornadoPort: tornadoPort)
  ]
}

/// Both answers arrived: the Squall one is the builder's response, the two side by side the
/// Compare tab.
func builderCompared(_ state: inout PlaygroundState, id: Int, outcome: CompareOutcome) -> [Effect] {
  switch outcome.result {
  case .failed(let message):
    state.setMessage("Compare: \(message)", error: true)
  case .comparedRaw(let tornado, let squall, let version):
    // Not HTTP a parser reads: the bytes are the answer; the Compare tab shows them side by side.
    let comparison = Comparison.compareRaw(tornado: tornado, squall: squall)
    var entry = LogEntry(
      time: state.now.addingTimeInterval(-squall.duration), direction: .fetched, method: outcome.request.method,
      target: outcome.url, status: 599, reason: "Unknown",
      requestHeaders: outcome.request.headers.map { ($0.name, $0.value) }, requestBody: outcome.request.body,
      requestBodySize: outcome.request.body.count, duration: squall.duration)
    entry.requestTarget = outcome.request.target
    entry.error =
      "Not an answer HTTP's parser reads (\(TerminalSafe.escape(squall.parserSaid))): compared as bytes in the Compare tab"
    entry.failure = .other
    state.log.store.append(entry)
    state.builder.response = BuilderResponse(entry: entry, firstByte: nil, effectiveURL: outcome.url)
    state.builder.comparison = comparison
    state.builder.comparisonTitle =
      "\(TerminalSafe.escape(outcome.request.method)) \(TerminalSafe.escape(outcome.request.target)) · Tornado \(version) and Squall, as bytes"
    state.builder.responseTab = .compare
    state.builder.responseScroll = 0
    state.setMessage("Compared as bytes: " + comparison.summary)
  case .compared(let tornado, let squall, let version):
    let comparison = Comparison.compare(outcome.request, tornado: tornado, squall: squall)
    var entry = LogEntry(
      time: state.now.addingTimeInterval(-squall.duration), direction: .fetched, method: outcome.request.method,
      target: outcome.url, status: squall.status, reason: squall.reason,
      requestHeaders: outcome.request.headers.map { ($0.name, $0.value) }, requestBody: outcome.request.body,
      requestBodySize: outcome.request.body.count, responseHeaders: squall.headers.map { ($0.name, $0.value) },
      responseBody: Array(squall.body.prefix(LogStore.previewLimit)), responseBodySize: squall.body.count,
      duration: squall.duration)
    entry.requestTarget = outcome.request.target
    state.log.store.append(entry)
    state.builder.response = BuilderResponse(entry: entry, firstByte: nil, effectiveURL: outcome.url, body: squall.body)
    state.builder.responseValues = BuilderState.responseValues(state.builder.response!)
    state.builder.comparison = comparison
    state.builder.comparisonTitle =
      "\(TerminalSafe.escape(outcome.request.method)) \(TerminalSafe.escape(outcome.request.target)) · Tornado \(version) and Squall"
    state.builder.responseTab = .compare
    state.builder.responseScroll = 0
    state.setMessage("Compared: " + comparison.summary)
  }
  return []
}
