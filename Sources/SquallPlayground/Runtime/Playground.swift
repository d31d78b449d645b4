import Foundation
import Squall

#if canImport(Glibc)
  import Glibc
#endif

/// `squall`: the terminal playground. Owns the terminal, the live server and the client; runs
/// the event loop (`update`, then `render`) on the calling thread.
public final class Playground {
  public struct Options: Sendable {
    public var port = 8888
    public var startServer = true
    public var colour = ProcessInfo.processInfo.environment["NO_COLOR"].map { $0.isEmpty } ?? true
    public var store = StateStore()
    public init() {}
  }

  private let options: Options
  private let queue = EventQueue()
  private let terminal = CursesTerminal()
  private let server: PlaygroundServer
  private let client = AsyncHTTPClient(defaults: HTTPClientDefaults(requestTimeout: 20))
  private var state: PlaygroundState

  public init(options: Options) {
    self.options = options
    let queue = self.queue
    server = PlaygroundServer { queue.push($0) }
    var serverState = ServerPaneState(port: options.port)
    let (routes, problem) = options.store.loadRoutes()
    serverState.routes = routes
    state = PlaygroundState(size: Size(width: 80, height: 24), server: serverState, lessons: LessonLoader.load())
    if let problem { state.setMessage(problem, error: true) }
  }

  /// Runs until the user quits or SIGTERM/SIGHUP arrives; the terminal is restored in every case.
  public func run() throws {
    try terminal.start(colour: options.colour)
    TerminalGuard.install(queue: queue)
    defer {
      terminal.stop()
      TerminalGuard.uninstall()
    }
    state.colour = terminal.colour
    state.size = terminal.size
    let started = ContinuousClock.now
    if options.startServer {
      state.server.status = .starting
      perform(.startServer(port: options.port))
    } else {
      state.setMessage("Server stopped (--no-server). Focus the Server pane and press s to start it.")
    }
    draw()
    firstFrame = ContinuousClock.now - started
    loop()
    perform(.stopServer)
    let done = DispatchSemaphore(value: 0)
    let (server, client) = (self.server, self.client)
    Task {
      await server.stop(report: false)
      await client.close()
      done.signal()
    }
    _ = done.wait(timeout: .now() + 3)
  }

  /// How long the first frame took (startup to screen), for the README's figure.
  public private(set) var firstFrame: Duration = .zero

  private func loop() {
    var lastTick = ContinuousClock.now
    while !state.quitting {
      var fds = [
        pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
        pollfd(fd: queue.wakeFD, events: Int16(POLLIN), revents: 0),
      ]
      let untilTick = lastTick + .seconds(1) - ContinuousClock.now
      let timeout = max(0, Int32(untilTick.components.seconds * 1000 + untilTick.components.attoseconds / 1_000_000_000_000_000))
      _ = poll(&fds, 2, timeout)
      var events = terminal.readEvents()
      events += queue.drain()
      if TerminalGuard.terminationRequested { state.quitting = true }
      if ContinuousClock.now - lastTick >= .seconds(1) {
        lastTick = ContinuousClock.now
        events.append(.tick(server.counters))
      }
      if events.isEmpty { continue }
      for event in events {
        if case .resize = event { state.size = terminal.size }
        for effect in update(&state, event) { perform(effect) }
      }
      draw()
    }
  }

  private func draw() {
    var grid = GridCanvas(width: state.size.width, height: state.size.height)
    render(state, into: &grid)
    terminal.show(grid)
  }

  private func perform(_ effect: Effect) {
    let (queue, server, client) = (self.queue, self.server, self.client)
    switch effect {
    case .startServer(let port):
      let routes = state.server.routes
      let serverOptions = state.server.options
      let host = state.server.host
      Task { await server.start(host: host, port: port, routes: routes, options: serverOptions) }
    case .stopServer:
      Task { await server.stop() }
    case .fetch(let method, let url):
      Task {
        let request = HTTPRequest(
          url, method: method, body: ["POST", "PUT", "PATCH"].contains(method) ? [] : nil, allowNonstandardMethods: true)
        let response = await withCheckedContinuation { continuation in
          client.fetch(request) { continuation.resume(returning: $0) }
        }
        queue.push(ClientLog.event(for: response, method: method))
      }
    case .exportHAR:
      exportHAR()
    case .saveRoutes:
      do {
        try options.store.saveRoutes(state.server.routes)
      } catch {
        state.setMessage("Could not save the routes in \(options.store.directory.path): \(error)", error: true)
      }
    case .quit:
      state.quitting = true
    }
  }

  private func exportHAR() {
    let name = "squall-\(Int(Date().timeIntervalSince1970)).har"
    do {
      let data = try HAR.data(Array(state.log.store.entries), creatorVersion: Squall.version)
      try options.store.write(data, to: name)
      state.setMessage("Exported \(state.log.store.entries.count) exchanges to \(options.store.directory.path)/\(name)")
    } catch {
      state.setMessage("Export failed: \(error)", error: true)
    }
  }
}
