import Foundation
import SquallRequests
import SquallValues

// Sending the request, and the variables it is sent with.

/// Sends the request, or says why not: one at a time (a second send while one is in flight
/// is refused with a message), the URL and body checked first.
func sendRequest(_ state: inout PlaygroundState) -> [Effect] {
  if let flight = state.builder.inFlight {
    state.setMessage(
      "\(flight.method) \(flight.url) is still running: wait for it, or press Esc to cancel it.", error: true)
    return []
  }
  let variables = state.variables
  if let problem = state.builder.spec.urlProblem(variables) {
    state.setMessage("URL: \(problem)", error: true)
    return []
  }
  if let problem = state.builder.spec.bodyProblem(variables) ?? state.builder.spec.headerProblem(variables) {
    // Refused before anything goes out: the last response, the log and history stay as they were.
    state.setMessage(problem + " (nothing was sent)", error: true)
    return []
  }
  state.builder.editor = nil
  state.builder.sent += 1
  let url = state.builder.spec.resolvedURL(variables).url
  state.builder.inFlight = InFlight(
    id: state.builder.sent, method: state.builder.spec.method.uppercased(), url: url, startedAt: state.now,
    collectionName: state.builder.collectionName)
  state.builder.response = nil
  state.builder.burst = nil
  state.builder.responseScroll = 0
  state.builder.section = .response
  state.builder.showsWire = false  // the answer is what to see now
  if state.builder.sendSlowly > 0 {
    let every = state.builder.sendSlowly
    state.setMessage(
      "Sending \(state.builder.spec.method.uppercased()) \(url) slowly, one byte every \(every) ms (Esc cancels)…")
    return [
      .sendSlowly(id: state.builder.sent, spec: state.builder.spec, variables: variables, everyMilliseconds: every)
    ]
  }
  state.setMessage("Sending \(state.builder.spec.method.uppercased()) \(url)… (Esc cancels)")
  return [.send(id: state.builder.sent, spec: state.builder.spec, variables: variables)]
}

extension PlaygroundState {
  /// `{{base}}`, `{{port}}`, `{{host}}` of the running server, and the user's variables.
  var variables: Variables {
    let user = builder.userVariables.merging(builder.responseValues) { own, _ in own }
      .merging(builder.savedResponseValues) { own, _ in own }
    return Variables.server(host: server.host, port: server.port, user: user)
  }
}
