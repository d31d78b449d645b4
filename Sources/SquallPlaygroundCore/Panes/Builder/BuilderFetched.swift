import Foundation
import SquallRequests
import SquallValues

/// A fetch of the builder came back: the response view, the log, the history.
func builderFetched(_ state: inout PlaygroundState, id: Int, response: BuilderResponse) -> [Effect] {
  let entry = response.entry
  state.log.store.append(entry)
  state.log.timeline.add(TimelineSpan(response, entryID: state.log.store.total))
  guard let flight = state.builder.inFlight, flight.id == id else { return [] }  // replaced since
  state.builder.inFlight = nil
  var effects: [Effect] = []
  if let name = flight.collectionName, entry.error == nil {
    // A saved request's answer is its last response: `{{NAME.response.…}}` reads it.
    let body = response.body.isEmpty ? entry.responseBody : response.body
    let saved = SavedResponse(
      status: entry.status, reason: entry.reason, headers: entry.responseHeaders, body: body, receivedAt: entry.time)
    state.builder.savedResponseValues = state.builder.savedResponseValues.filter {
      !$0.key.hasPrefix(name + ".response.")
    }
    .merging(saved.variables(of: name)) { _, new in new }
    effects.append(.saveNamedResponse(name: name, saved))
  }
  state.builder.response = response
  linkServedBytes(&state)
  // The Compare tab holds the last comparison, not this answer: the body shows it.
  if state.builder.responseTab == .compare { state.builder.responseTab = .body }
  state.builder.responseValues = BuilderState.responseValues(response)
  state.builder.responseScroll = 0
  state.builder.foldDepth = Int.max
  let summary: String
  if let error = entry.error {
    summary = response.cancelled ? "Cancelled \(entry.method) \(entry.target)." : "✗ \(entry.status) \(error)"
  } else {
    summary =
      "\(entry.method) \(entry.target) → \(entry.status) \(entry.reason) in \(LogView.milliseconds(entry.duration))"
  }
  // A lesson step the server's side of this exchange just passed keeps its "✓ Step … done" in
  // the status bar: the answer is in the Response section, and a red 404 summary there hid
  // from the learner that the step (a 404 on purpose) was done.
  if !(state.messageHold > 0 && state.messageKind == .stepDone) {
    state.setMessage(TerminalSafe.escape(summary), error: entry.error != nil || entry.status >= 400)
  }
  state.builder.history.append(
    HistoryItem(
      spec: state.builder.spec, sentAt: entry.time, status: entry.status, summary: TerminalSafe.escape(summary),
      duration: entry.duration, size: entry.responseBodySize))
  if state.builder.history.count > BuilderState.historyLimit {
    state.builder.history.removeFirst(state.builder.history.count - BuilderState.historyLimit)
  }
  return effects + [.saveHistory(state.builder.history)]
}
