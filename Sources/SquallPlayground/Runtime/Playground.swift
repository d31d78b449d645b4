import DequeModule
import Foundation
import Squall
import SquallExamples
import SquallLessons
import SquallPlaygroundCore
import SquallRequests
import SquallStorage
import SquallValues

#if canImport(Glibc)
  import Glibc
#endif

/// `squall`: the terminal playground. Owns the terminal, the live server and the client; runs
/// the event loop (`update`, then `render`) on the calling thread.
package final class Playground {
  package struct Options: Sendable {
    package var port = 8888
    package var startServer = true
    /// The app the server starts with.
    package var example = ExampleApp.hello
    package var colour = ProcessInfo.processInfo.environment["NO_COLOR"].map { $0.isEmpty } ?? true
    package var store = StateStore()
    /// Where saved requests live (`$XDG_DATA_HOME/squall/requests` unless told otherwise).
    package var collection = RequestCollection()
    package init() {}
  }

  private let options: Options
  private let queue = EventQueue()
  private let terminal = CursesTerminal()
  private let server: PlaygroundServer
  private let builderRunner: BuilderRunner
  private let compareRunner: CompareRunner
  /// The server, the builder's client and the Tornado reference, as effects reach them.
  private let network: NetworkEffects
  private var state: PlaygroundState
  /// The modification time of the saved responses' folder when last read.
  private var savedResponsesStamp: Date?

  package init(options: Options) {
    self.options = options
    let queue = self.queue
    // The builder's clients. A kept connection stays an hour, as the server's own idle timeout:
    // lesson 8 shows one outliving `stop()`, however long the learner reads.
    let runner = BuilderRunner(
      makeClient: {
        AsyncHTTPClient(defaults: HTTPClientDefaults(requestTimeout: 20), maxClients: $0, keepAliveIdle: 3600)
      }, store: options.store, collection: options.collection, push: { queue.push($0) })
    builderRunner = runner
    compareRunner = CompareRunner(push: { queue.push($0) })
    server = PlaygroundServer(
      deliver: { queue.push($0) }, deliverBatch: { queue.push(contentsOf: $0) },
      connectionsClosed: { await runner.resetConnections() })
    network = NetworkEffects(
      server: server, builder: runner, compare: compareRunner, webSockets: WebSocketRunner(push: { queue.push($0) }))
    var serverState = ServerPaneState(port: options.port, appRoutes: Examples.routeDescriptions)
    serverState.app = options.example
    state = PlaygroundState(
      size: Size(width: 80, height: 24), server: serverState, lessons: LessonsState(LessonLibrary.load()))
  }

  /// The terminal and the state files as they are now, for the first event.
  private func launch() -> Launch {
    var launch = Launch(size: terminal.size, colour: terminal.colour, startServer: options.startServer)
    let (routes, problem) = options.store.loadRoutes()
    let (progress, progressProblem) = AtomicFile.readJSON(
      [String: LessonProgress].self, from: options.store.directory.appendingPathComponent("lessons.json"))
    let (history, historyProblem) = builderRunner.loadHistory()
    let (variables, variablesProblem) = builderRunner.loadVariables()
    let (saved, savedProblem) = options.collection.savedResponseVariables()
    launch.routes = routes
    launch.progress = progress ?? [:]
    launch.history = history
    launch.variables = variables
    launch.savedResponses = saved
    launch.home = ProcessInfo.processInfo.environment["HOME"]
    launch.currentDirectory = FileManager.default.currentDirectoryPath
    launch.problem = problem ?? historyProblem ?? variablesProblem ?? progressProblem ?? savedProblem
    return launch
  }

  /// Runs until the user quits or SIGTERM/SIGHUP arrives; the terminal is restored in every case.
  package func run() throws {
    try terminal.start(colour: options.colour)
    TerminalGuard.install(queue: queue)
    defer {
      terminal.stop()
      TerminalGuard.uninstall()
    }
    apply(.launched(launch()))
    draw()
    firstFrameAt = ContinuousClock.now
    loop()
    // Said on the screen while it happens (a second Ctrl-C would otherwise land in the shell).
    let twin = state.server.tornado.port != nil
    state.setMessage("Quitting: stopping the server" + (twin ? " and the Tornado reference" : "") + "…")
    draw()
    perform(.stopServer)
    compareRunner.stopAndWait(grace: 0.3)
    let done = DispatchSemaphore(value: 0)
    let (server, runner) = (self.server, self.builderRunner)
    Task {
      await server.stop(report: false)
      await runner.close()
      done.signal()
    }
    _ = done.wait(timeout: .now() + 3)
  }

  /// The saved requests' last responses when their folder changed since the last look (one
  /// `stat` a second): `squall requests send` in another terminal is seen within a second.
  private func savedResponsesIfChanged() -> PlaygroundEvent? {
    let folder = options.collection.responsesFolder.path
    let stamp = (try? FileManager.default.attributesOfItem(atPath: folder))?[.modificationDate] as? Date
    guard stamp != savedResponsesStamp else { return nil }
    savedResponsesStamp = stamp
    let (values, problem) = options.collection.savedResponseVariables()
    return .savedResponsesLoaded(values, problem: problem)
  }

  /// When the first frame was on the screen, for the startup figure.
  package private(set) var firstFrameAt: ContinuousClock.Instant?

  /// How long the frames took (`FrameTimes`), for `--stats`.
  package var frameSummary: String { frameTimes.summary }
  private var frameTimes = FrameTimes()

  /// What the log pane took in: exchanges added, kept in the ring, and skipped under load.
  package var logFigures: (added: Int, kept: Int, skipped: Int) {
    (state.log.store.total, state.log.store.entries.count, queue.dropped)
  }

  /// Frames at most this often when only network events arrive (keys redraw at once), so a
  /// flood of exchanges costs the server little CPU.
  static let frameInterval: Duration = .milliseconds(33)

  /// How long one turn of the loop spends on network events before it may draw. Under a flood
  /// the rest waits for the next turn, in order (the queue meanwhile keeps what arrives, and
  /// past its capacity drops the oldest exchanges, counted), so no frame waits for thousands of
  /// log entries.
  static let eventBudget: Duration = .milliseconds(4)

  private func loop() {
    var lastTick = ContinuousClock.now
    var lastDraw = ContinuousClock.now
    var needsDraw = false
    // Network events drained but not yet applied: the budget ran out.
    var backlog: Deque<RuntimeEvent> = []
    var intake = ServedIntake(now: lastTick)
    while !state.quitting {
      // While a lesson is open every exchange is kept for its checks; otherwise as many wait
      // as the log keeps (the rest it would drop unread).
      let keepEveryExchange = state.lessons.open != nil
      let servedLimit = keepEveryExchange ? queue.capacity : state.log.store.capacity
      if queue.servedLimit != servedLimit { queue.servedLimit = servedLimit }
      // While a frame is pending, only keys wake the loop early: network events wait for the
      // frame, so a flood costs a few dozen wake-ups a second, not one per exchange. Under a
      // flood they wait for the next take (`ServedIntake`), all of them, so they stay in order.
      let now = ContinuousClock.now
      let networkDue = intake.isDue(at: now)
      var fds = [
        pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
        pollfd(fd: needsDraw || !networkDue ? -1 : queue.wakeFD, events: Int16(POLLIN), revents: 0),
      ]
      var wait = lastTick + .seconds(1) - now
      if needsDraw { wait = min(wait, lastDraw + Self.frameInterval - now) }
      if let next = intake.nextTake { wait = min(wait, next - now) }
      if !backlog.isEmpty { wait = .zero }
      let timeout = max(0, Int32(wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000))
      _ = poll(&fds, 2, timeout)
      let woke = ContinuousClock.now
      if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
        apply(.hangUp)  // the terminal went away (its window closed): nobody is watching
      }
      // Keys, and KEY_RESIZE after a SIGWINCH (which also wrote to the wake pipe). They go
      // first, the clock before them (they may start a timer, a send).
      let keys = terminal.readEvents()
      var events = keys.isEmpty ? keys : [.clock(Date())] + keys
      if TerminalGuard.terminationRequested { apply(.hangUp) }
      for event in events { apply(event) }
      // Then what the network brought, within the budget. Popped, not iterated: each event
      // moves out of the queue.
      let frameDue = ContinuousClock.now - lastDraw >= Self.frameInterval
      let drainedAt = ContinuousClock.now
      if backlog.isEmpty && (!needsDraw || frameDue || !keys.isEmpty) && intake.isDue(at: drainedAt) {
        let drained = queue.drain()
        backlog = drained.events
        intake.took(drained.served, droppedSoFar: queue.dropped, at: drainedAt, keepEveryExchange: keepEveryExchange)
      }
      var applied = 0
      while let event = backlog.popFirst() {
        apply(event.playgroundEvent)
        applied += 1
        if applied % 64 == 0 && ContinuousClock.now - woke >= Self.eventBudget { break }
      }
      // Then the second's tick.
      if ContinuousClock.now - lastTick >= .seconds(1) {
        lastTick = ContinuousClock.now
        events = [.tick(server.counters), .clock(Date())]
        if let saved = savedResponsesIfChanged() { events.append(saved) }
        for event in events { apply(event) }
        apply(.queueDropped(queue.dropped))
      }
      needsDraw = needsDraw || !events.isEmpty || applied > 0
      if needsDraw && (!keys.isEmpty || ContinuousClock.now - lastDraw >= Self.frameInterval) {
        draw()
        lastDraw = ContinuousClock.now
        frameTimes.record(lastDraw - woke)
        needsDraw = false
      }
    }
  }

  /// The one way the state changes: `update`, then its effects. A resize carries the
  /// terminal's size as it is now (several may wait in one read).
  private func apply(_ event: PlaygroundEvent) {
    let event = if case .resize = event { PlaygroundEvent.resize(terminal.size) } else { event }
    for effect in update(&state, event) { perform(effect) }
  }

  private func draw() {
    var grid = GridCanvas(width: state.size.width, height: state.size.height)
    render(state, into: &grid)
    terminal.show(grid)
    if let frameDump = Self.frameDump {
      // The frame as the playground believes it is on the screen, for the end-to-end test that
      // compares it with what the terminal (tmux) shows.
      try? Data(grid.text.utf8).write(to: frameDump, options: .atomic)
    }
  }

  /// Where each frame is written as text when `SQUALL_FRAME_DUMP` names a file (tests and bug
  /// reports: what the playground drew, to compare with what the terminal shows).
  static let frameDump = ProcessInfo.processInfo.environment["SQUALL_FRAME_DUMP"].flatMap {
    $0.isEmpty ? nil : URL(fileURLWithPath: $0)
  }

  /// Each group of effects to its runner; every switch is exhaustive.
  private func perform(_ effect: Effect) {
    switch effect {
    case .network(let work): network.perform(work)
    case .file(let work): perform(work)
    case .terminal(.copyToClipboard(let text)): terminal.copyToClipboard(text)
    case .terminal(.editInEditor(let text)): queue.push(BuilderRunner.edit(text, in: terminal))
    case .quit: break  // `update` set `quitting`: the loop ends, then the server stops
    }
  }

  /// The effects on files: state, saved requests, exports; their outcomes come back as events.
  private func perform(_ effect: FileEffect) {
    let queue = self.queue
    switch effect {
    case .saveHistory(let items):
      if let event = builderRunner.saveHistory(items) { queue.push(event) }
    case .saveVariables(let values):
      if let event = builderRunner.saveVariables(values) { queue.push(event) }
    case .saveLessonProgress(let progress):
      do {
        try AtomicFile.writeJSON(progress, to: options.store.directory.appendingPathComponent("lessons.json"))
      } catch {
        queue.push(
          .reported(options.store.saveProblem("lesson progress", error), isError: true))
      }
    case .saveRequest(let name, let spec):
      queue.push(builderRunner.save(spec, as: name))
    case .saveNamedResponse(let name, let response):
      do { try options.collection.saveResponse(response, for: name) } catch {
        queue.push(.reported("The last response of \"\(name)\" was not kept: \(error.message)", isError: true))
      }
    case .listCollection:
      queue.push(builderRunner.list())
    case .loadRequest(let name):
      queue.push(builderRunner.load(name))
    case .writeFile(let path, let contents, let what):
      queue.push(builderRunner.write(contents, to: path, what: what))
    case .exportHAR(let entries):
      queue.push(exportHAR(entries))
    case .writeTrace(let json):
      let name = "squall-trace-\(Int(Date().timeIntervalSince1970)).json"
      do {
        try options.store.write(Data(json), to: name)
        queue.push(
          .reported(
            "Timeline written to \(options.store.directory.path)/\(name): open it in ui.perfetto.dev or chrome://tracing.",
            isError: false))
      } catch {
        queue.push(.reported(options.store.saveProblem("the trace", error), isError: true))
      }
    case .saveRoutes(let routes):
      do {
        try options.store.saveRoutes(routes)
      } catch {
        queue.push(
          .reported(options.store.saveProblem("the routes", error), isError: true))
      }
    }
  }

  /// Writes `entries` as a HAR file in the state folder; the outcome comes back as an event.
  private func exportHAR(_ entries: [LogEntry]) -> PlaygroundEvent {
    let name = "squall-\(Int(Date().timeIntervalSince1970)).har"
    do {
      let data = try HAR.data(entries, creatorVersion: SquallVersion.number)
      try options.store.write(data, to: name)
      return .reported("Exported \(entries.count) exchanges to \(options.store.directory.path)/\(name)", isError: false)
    } catch {
      return .reported(options.store.saveProblem("the HAR export", error), isError: true)
    }
  }
}
