import Foundation
import SquallRequests
import SquallValues

// Sending the request, and the variables it is sent with.

extension BuilderState {
  /// Sends the request, or says why not: one at a time (a second send while one is in flight
  /// is refused with a message), the URL and body checked first.
  mutating func send(_ context: BuilderContext, _ reply: inout PaneReply) -> [Effect] {
    if self.spec.isWebSocket { return sendWebSocket(context, &reply) }
    if let flight = self.inFlight {
      reply.say(
        "\(flight.method) \(flight.url) is still running: wait for it, or press Esc to cancel it.", .error)
      return []
    }
    let variables = variables(context)
    if let problem = self.spec.urlProblem(variables) {
      reply.say("URL: \(problem)", .error)
      return []
    }
    if let problem = self.spec.bodyProblem(variables) ?? self.spec.headerProblem(variables) {
      // Refused before anything goes out: the last response, the log and history stay as they were.
      reply.say(problem + " (nothing was sent)", .error)
      return []
    }
    self.editor = nil
    self.sent += 1
    let url = self.spec.resolvedURL(variables).url
    self.inFlight = InFlight(
      id: self.sent, method: self.spec.method.uppercased(), url: url, startedAt: context.now,
      collectionName: self.collectionName)
    self.response = nil
    self.burst = nil
    self.responseScroll = 0
    self.section = .response
    self.showsWire = false  // the answer is what to see now
    if self.sendSlowly > 0 {
      let every = self.sendSlowly
      reply.say(
        "Sending \(self.spec.method.uppercased()) \(url) slowly, one byte every \(every) ms (Esc cancels)…")
      return [
        .sendSlowly(id: self.sent, spec: self.spec, variables: variables, everyMilliseconds: every)
      ]
    }
    reply.say("Sending \(self.spec.method.uppercased()) \(url)… (Esc cancels)")
    return [.send(id: self.sent, spec: self.spec, variables: variables)]
  }
}

extension BuilderState {
  /// `{{base}}`, `{{port}}`, `{{host}}` of the server in `context`, and the user's variables
  /// (their own first, then the last response's, then the saved requests'). Pure.
  func variables(_ context: BuilderContext) -> Variables {
    variables(host: context.serverHost, port: context.serverPort)
  }

  func variables(host: String, port: Int) -> Variables {
    let user = userVariables.merging(responseValues) { own, _ in own }
      .merging(savedResponseValues) { own, _ in own }
    return Variables.server(host: host, port: port, user: user)
  }
}
