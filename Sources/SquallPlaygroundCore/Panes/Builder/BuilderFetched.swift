import Foundation
import SquallRequests
import SquallValues

extension BuilderState {
  /// A fetch of the builder came back: the response view and the history (the root records it in
  /// the log first, whether or not it is still the one the builder waits for).
  mutating func fetched(id: Int, response: BuilderResponse, _ context: BuilderContext, _ reply: inout PaneReply)
    -> [Effect]
  {
    let entry = response.entry
    guard let flight = self.inFlight, flight.id == id else { return [] }  // replaced since
    self.inFlight = nil
    var effects: [Effect] = []
    if let name = flight.collectionName, entry.error == nil {
      // A saved request's answer is its last response: `{{NAME.response.…}}` reads it.
      let body = response.body.isEmpty ? entry.responseBody : response.body
      let saved = SavedResponse(
        status: entry.status, reason: entry.reason, headers: entry.responseHeaders, body: body, receivedAt: entry.time)
      self.savedResponseValues = self.savedResponseValues.filter {
        !$0.key.hasPrefix(name + ".response.")
      }
      .merging(saved.variables(of: name)) { _, new in new }
      effects.append(.saveNamedResponse(name: name, saved))
    }
    self.response = response

    // The Compare tab holds the last comparison, not this answer: the body shows it.
    if self.responseTab == .compare { self.responseTab = .body }
    self.responseValues = BuilderState.responseValues(response)
    self.responseScroll = 0
    self.foldDepth = Int.max
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
    if !context.stepDoneShowing {
      reply.say(TerminalSafe.escape(summary), entry.error != nil || entry.status >= 400 ? .error : .info)
    }
    self.history.append(
      HistoryItem(
        spec: self.spec, sentAt: entry.time, status: entry.status, summary: TerminalSafe.escape(summary),
        duration: entry.duration, size: entry.responseBodySize))
    if self.history.count > BuilderState.historyLimit {
      self.history.removeFirst(self.history.count - BuilderState.historyLimit)
    }
    return effects + [.saveHistory(self.history)]
  }
}
