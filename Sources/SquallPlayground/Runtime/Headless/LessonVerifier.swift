import Foundation
import NIOCore
import Squall
import SquallExamples
import SquallLessons
import SquallPlaygroundCore
import SquallRequests
import SquallStorage
import SquallValues

/// `squall lessons verify`: every lesson of a folder, in order, in a playground without a
/// screen (the same `update`, the real hosted server and client), each step run by its
/// `> solution:` lines; a step must not be done before them and must be done after them
/// (within a bound). What fails is said with the lesson's file and the step's line.
package final class LessonVerifier: @unchecked Sendable {
  package struct Failure: Sendable, CustomStringConvertible {
    package var file: String
    package var line: Int
    package var message: String
    package var description: String { "\(file):\(line): \(message)" }
  }

  package struct Outcome: Sendable {
    package var steps = 0
    package var passed = 0
    package var failures: [Failure] = []
    /// Lessons left out, with why (the Tornado reference is not installed).
    package var skipped: [String] = []
  }

  package private(set) var state: PlaygroundState
  let queue = EventQueue()
  let server: PlaygroundServer
  let runner: BuilderRunner
  let compare: CompareRunner
  let network: NetworkEffects
  let folder: URL
  /// Exchanges and refusals that reached the state since the server started.
  var served = 0
  /// How long a step may take after its solution.
  package var bound: Double = 20

  package init(lessons: [Lesson], group: any EventLoopGroup) {
    let queue = self.queue
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("squall-verify-\(UUID())")
    let runner = BuilderRunner(
      makeClient: { AsyncHTTPClient(defaults: HTTPClientDefaults(requestTimeout: 20), maxClients: $0) },
      store: StateStore(directory: folder),
      collection: RequestCollection(folder: folder.appendingPathComponent("requests")), push: { queue.push($0) })
    self.runner = runner
    compare = CompareRunner(push: { queue.push($0) })
    server = PlaygroundServer(
      deliver: { queue.push($0) }, deliverBatch: { queue.push(contentsOf: $0) }, group: group,
      connectionsClosed: { await runner.resetConnections() })
    network = NetworkEffects(
      server: server, builder: runner, compare: compare, webSockets: WebSocketRunner(push: { queue.push($0) }))
    var pane = ServerPaneState(port: 0, appRoutes: Examples.routeDescriptions)
    pane.status = .stopped
    state = PlaygroundState(size: Size(width: 120, height: 40), server: pane, lessons: LessonsState(lessons: lessons))
  }

  // MARK: Driving the playground

  package func send(_ event: PlaygroundEvent) {
    switch event {
    case .key: state.now = Date()
    case .servedExchange, .refusedRequest: served += 1
    case .serverStarted: served = 0
    default: break
    }
    for effect in update(&state, event) {
      if case .network(let work) = effect { network.perform(work) }
    }
  }

  package func key(_ key: Key, in pane: Pane) {
    state.focus = pane
    send(.key(key))
  }

  package func type(_ text: String, in pane: Pane) {
    for character in text { key(.character(character), in: pane) }
  }

  struct TimedOut: Error { var what: String }

  /// Feeds events until `done` holds; throws after `seconds`.
  package func pump(_ what: String, seconds: Double = 15, until done: (PlaygroundState) -> Bool) async throws {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    var lastTick = ContinuousClock.now
    while !done(state) {
      var events = queue.drain().events
      // The server's counters, as the playground's second tick brings them (a few times a
      // second here: a check on the WebSockets open waits for them).
      if ContinuousClock.now - lastTick > .milliseconds(200) {
        lastTick = .now
        events.append(.event(.tick(server.counters)))
      }
      for event in events { send(event.playgroundEvent) }
      if done(state) { return }
      guard ContinuousClock.now < deadline else { throw TimedOut(what: what) }
      if events.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
    }
  }

  /// Waits until whatever is in flight has arrived: a restart is over, the builder has its
  /// answer (a burst all of them), the Tornado reference is up or down, and every exchange the
  /// server counted reached the state.
  package func settle() async throws {
    await server.settled()
    try await pump("the network to go quiet") { state in
      let counters = self.server.counters
      return state.builder.inFlight == nil && (state.builder.burst?.finished ?? true)
        && self.served >= counters.requests + counters.refused && state.server.status != .starting
        && !{ if case .starting = state.server.tornado { true } else { false } }()
    }
  }

  var lesson: Lesson { state.lessons.open! }

  func stepDone(_ index: Int) -> Bool { state.lessons.progress(of: lesson).done.contains(index) }

  /// Opens lesson `number` (from 1) and waits for its server.
  package func open(_ number: Int) async throws {
    state.lessons.reading = false
    state.lessons.selection = number - 1
    key(.enter, in: .lessons)
    // The playground's server runs from launch; a lesson without a setup keeps it as it is.
    if state.server.status == .stopped { key(.character("s"), in: .server) }
    try await pump("the lesson's server") { $0.server.status == .running }
  }

  /// Does what one solution line says; the problem in words when it cannot.
  package func perform(_ solution: Solution) async throws -> String? {
    switch solution {
    case .request(let spec):
      state.builder.spec = spec
      key(.control("r"), in: .builder)
    case .keys(let paneName, let names):
      let pane = Pane(paneName)
      for name in names {
        guard let key = Key(named: name) else { return "\"\(name)\" is no key (Ctrl-R, Enter, Esc, F2, t, Space…)" }
        self.key(key, in: pane)
      }
    case .serverOption(let name, let value):
      guard let index = ServerOptions.names.firstIndex(of: name) else { return "the Server pane has no option \(name)" }
      state.focus = .server
      state.server.selection = 1 + index
      if ServerOptionName(name: name)?.isFlag == true {
        let wanted = BooleanText.parse(value) ?? false
        if state.server.options.flag(at: index) != wanted { key(.character(" "), in: .server) }
      } else {
        key(.enter, in: .server)
        key(.control("u"), in: .server)
        type(value, in: .server)
        key(.enter, in: .server)
      }
    case .route(let method, let pattern, let status, let headers, let fault, let body):
      key(.character("a"), in: .server)
      let lines = headers.map { header -> String in
        guard let colon = header.firstIndex(of: ":") else { return header }
        return header[..<colon] + ": " + header[header.index(after: colon)...]
      }
      state.server.editor = .route(
        RouteForm(
          MockRoute(
            method: method, pattern: pattern, status: status, headers: lines, body: body,
            fault: fault.flatMap(WireFault.init(rawValue:)))))
      key(.enter, in: .server)
    case .burst(let count, let concurrency):
      key(.character("B"), in: .builder)
      key(.control("u"), in: .builder)
      type(String(count), in: .builder)
      key(.tab, in: .builder)
      key(.control("u"), in: .builder)
      type(String(concurrency), in: .builder)
      key(.enter, in: .builder)
    case .builderOption(.rawBody, let value):
      guard let count = Int(value), (0...1_000_000).contains(count) else { return "rawBody wants a byte count" }
      state.builder.spec.bodyKind = .raw
      state.builder.spec.body = String(repeating: "x", count: count)
    case .builderOption(let option, let value):
      switch state.builder.setOption(named: option.rawValue, to: value) {
      case .failure(let problem): return problem.message
      case .success(let effects):
        for effect in effects {
          if case .network(let work) = effect { network.perform(work) }
        }
      }
    }
    return nil
  }

  // MARK: Verifying

  /// Verifies `lessons` in order (their numbers are their places in the library, from 1);
  /// the lessons that need the Tornado reference are skipped when `tornado` is false.
  package func verify(tornado: Bool) async -> Outcome {
    var outcome = Outcome()
    for (offset, lesson) in state.lessons.lessons.enumerated() {
      let needsTornado = lesson.steps.contains { $0.check.kind == .compared || $0.check.text.contains("tornado") }
      if needsTornado && !tornado {
        outcome.skipped.append("\(lesson.file): needs python3 with Tornado (pip install tornado)")
        continue
      }
      do {
        try await open(offset + 1)
      } catch {
        outcome.failures.append(.init(file: lesson.file, line: 1, message: "its server did not start"))
        continue
      }
      for (index, step) in lesson.steps.enumerated() {
        outcome.steps += 1
        if let failure = await verify(step, index, of: lesson) {
          outcome.failures.append(failure)
          break  // the steps after it start from where this one should have left
        }
        outcome.passed += 1
        key(.character("n"), in: .lessons)
      }
    }
    return outcome
  }

  func verify(_ step: Step, _ index: Int, of lesson: Lesson) async -> Failure? {
    let at = { (message: String) in Failure(file: lesson.file, line: step.checkLine, message: message) }
    guard !step.solutions.isEmpty else { return at("step \"\(step.title)\" has no \"> solution:\" line") }
    do {
      try await settle()
      guard state.lessons.progress(of: lesson).current == index else {
        return at("step \"\(step.title)\" is not the current step")
      }
      if stepDone(index) { return at("step \"\(step.title)\" is done before its solution: its check holds already") }
      for (number, solution) in step.solutions.enumerated() {
        if number > 0 { try await settle() }
        if let problem = try await perform(solution) {
          return at("solution \"\(step.solutionTexts[number])\": \(problem)")
        }
      }
      try await pump("the check", seconds: bound) { _ in self.stepDone(index) }
      return nil
    } catch {
      return at(
        "step \"\(step.title)\" is not done after its solution (within \(Int(bound)) s): waiting for "
          + step.check.inWords + (state.message.isEmpty ? "" : "; the playground says: \(state.message)"))
    }
  }

  package func close() async {
    compare.stopAndWait()
    await server.stop(report: false)
    await runner.close()
    try? FileManager.default.removeItem(at: folder)
  }
}
