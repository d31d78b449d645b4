import Foundation
import Squall
import SquallExamples
import SquallLessons
import SquallRequests
import SquallStorage
import SquallTestSupport
import Testing

@testable import SquallPlayground
@testable import SquallPlaygroundCore

/// An automated learner does every step of every lesson: the same events as the playground,
/// through `update`, against the real hosted server and the real client. Each check must pass
/// after its action and not before.
@Suite(.serialized) struct LessonLearnerTests {
  /// A runtime for tests: performs the effects that reach the network (server, fetches, bursts)
  /// and feeds their events back through `update`.
  final class Harness: @unchecked Sendable {
    var state: PlaygroundState
    let queue = EventQueue()
    let server: PlaygroundServer
    let runner: BuilderRunner
    let compare: CompareRunner
    let network: NetworkEffects

    init(lessons: [Lesson]) {
      let queue = self.queue
      let folder = FileManager.default.temporaryDirectory.appendingPathComponent("squall-learner-\(UUID())")
      // The playground's clients: one per maxClients, as the app makes them.
      let runner = BuilderRunner(
        makeClient: { AsyncHTTPClient(defaults: HTTPClientDefaults(requestTimeout: 20), maxClients: $0) },
        store: StateStore(directory: folder),
        collection: RequestCollection(folder: folder.appendingPathComponent("requests")), push: { queue.push($0) })
      self.runner = runner
      compare = CompareRunner(push: { queue.push($0) })
      server = PlaygroundServer(
        deliver: { queue.push($0) }, deliverBatch: { queue.push(contentsOf: $0) }, group: Fixtures.serverLoops,
        connectionsClosed: { await runner.resetConnections() })
      network = NetworkEffects(server: server, builder: runner, compare: compare)
      var pane = ServerPaneState(port: 0, appRoutes: Examples.routeDescriptions)
      pane.status = .stopped
      state = PlaygroundState(size: Size(width: 120, height: 40), server: pane, lessons: LessonsState(lessons: lessons))
    }

    /// Exchanges and refusals of the running server that reached the state (counted from its
    /// start), to tell when the network has gone quiet.
    var served = 0

    func send(_ event: PlaygroundEvent) {
      switch event {
      case .key: state.now = Date()
      case .servedExchange, .refusedRequest: served += 1
      case .serverStarted: served = 0
      default: break
      }
      for effect in update(&state, event) { perform(effect) }
    }

    func key(_ key: Key, in pane: Pane) {
      state.focus = pane
      send(.key(key))
    }

    func type(_ text: String, in pane: Pane) {
      for character in text { key(.character(character), in: pane) }
    }

    /// The app's own runner of network effects; files need no keeping here.
    func perform(_ effect: Effect) {
      if case .network(let work) = effect { network.perform(work) }
    }

    /// Feeds events until `done` holds, or fails after `seconds`.
    func pump(_ what: String, seconds: Double = 15, until done: (PlaygroundState) -> Bool) async throws {
      let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
      while !done(state) {
        let events = queue.drain()
        for event in events { send(event.playgroundEvent) }
        if done(state) { return }
        guard ContinuousClock.now < deadline else {
          Issue.record("timed out after \(seconds) s waiting for \(what); message: \(state.message)")
          throw CancellationError()
        }
        if events.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
      }
    }

    /// Waits until whatever is in flight has arrived: a restart asked for by the last step is
    /// over, the builder has its answer (and a burst all of them), and every exchange and
    /// refusal the server counted has reached the state, so none can land after the next
    /// step's "not done before" check. (At least as many: a stopped server's last batch may
    /// come after the new one started.)
    func settle() async throws {
      await server.settled()
      try await pump("the network to go quiet") { state in
        let counters = self.server.counters
        return state.builder.inFlight == nil && (state.builder.burst?.finished ?? true)
          && self.served >= counters.requests + counters.refused && state.server.status != .starting
      }
      // A restart that failed would make the next request's refusal look like the lesson's fault.
      if case .failed(let message) = state.server.status { Issue.record("the server did not start: \(message)") }
    }

    var lesson: Lesson { state.lessons.open! }
    var progress: LessonProgress { state.lessons.progress(of: lesson) }

    func stepDone(_ index: Int) -> Bool { state.lessons.progress(of: lesson).done.contains(index) }

    /// Opens lesson `number` (applying its setup) and waits for the server to run.
    func open(_ number: Int) async throws {
      state.lessons.reading = false
      state.lessons.selection = number - 1
      key(.enter, in: .lessons)
      try await pump("the lesson's server") { $0.server.status == .running }
    }

    /// One step: not done before `act`, done after it (within the bound), then `n`.
    func step(_ index: Int, _ act: () async throws -> Void) async throws {
      try await settle()
      #expect(progress.current == index, "\(lesson.file): on step \(index + 1)")
      #expect(!stepDone(index), "\(lesson.file) step \(index + 1) passed before its action")
      try await act()
      try await pump("\(lesson.file) step \(index + 1): \(lesson.steps[index].title)") { _ in self.stepDone(index) }
      key(.character("n"), in: .lessons)
    }

    /// Composes in the builder and sends with Ctrl-R, as a learner does.
    func request(
      _ method: String, _ url: String, kind: RequestSpec.BodyKind = .none, body: String = "",
      fields: [RequestSpec.Row] = [], headers: [RequestSpec.Row] = []
    ) {
      state.builder.spec = RequestSpec(
        method: method, url: url, headers: headers, bodyKind: kind, body: body, fields: fields)
      key(.control("r"), in: .builder)
    }

    func serverOption(_ name: String, _ value: String) {
      state.focus = .server
      state.server.selection = 1 + ServerOptions.names.firstIndex(of: name)!
      key(.enter, in: .server)
      key(.control("u"), in: .server)
      type(value, in: .server)
      key(.enter, in: .server)
    }

    func burst(count: Int, concurrency: Int) {
      key(.character("B"), in: .builder)
      key(.control("u"), in: .builder)
      type(String(count), in: .builder)
      key(.tab, in: .builder)
      key(.control("u"), in: .builder)
      type(String(concurrency), in: .builder)
      key(.enter, in: .builder)
    }

    func close() async {
      compare.stopAndWait()
      await server.stop(report: false)
      await runner.close()
    }
  }

  static let tutorials = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Tutorials").path

  @Test func aLearnerCompletesEveryLesson() async throws {
    let library = LessonLibrary.load(directory: Self.tutorials)
    try #require(library.problems.isEmpty && library.lessons.count == 20)
    let harness = Harness(lessons: library.lessons)
    defer { Task { await harness.close() } }
    let h = harness

    // 1. Hello, server.
    try await h.open(1)
    try await h.step(0) { h.request("GET", "{{base}}/") }
    try await h.step(1) { h.request("GET", "{{base}}/nope") }
    try await h.step(2) { h.request("POST", "{{base}}/") }
    try await h.step(3) { h.request("GET", "{{base}}/") }  // the Etag
    try await h.step(4) {
      // As the step says: the header from the response variable.
      h.request("GET", "{{base}}/", headers: [.init("If-None-Match", "{{response.header.Etag}}")])
    }
    #expect(h.progress.isComplete(h.lesson))

    // 2. Handlers: the route editor, then the echo app's /hi.
    try await h.open(2)
    try await h.step(0) {
      h.key(.character("a"), in: .server)
      h.state.server.editor = .route(
        RouteForm(MockRoute(method: "GET", pattern: "/welcome/([^/]+)", body: "Welcome, {1}!")))
      h.key(.enter, in: .server)
    }
    try await h.pump("the restart with the route") { $0.server.status == .running }
    try await h.step(1) { h.request("GET", "{{base}}/welcome/Ada") }
    try await h.step(2) { h.request("GET", "{{base}}/hi/Ada?excited=yes") }

    // 3. POST bodies.
    try await h.open(3)
    try await h.step(0) { h.request("POST", "{{base}}/form", kind: .form, fields: [.init("name", "Ada")]) }
    try await h.step(1) { h.request("POST", "{{base}}/form", kind: .json, body: #"{"name": "Ada"}"#) }
    try await h.step(2) { h.request("POST", "{{base}}/form", kind: .multipart, fields: [.init("name", "Grace")]) }

    // 4. The client: 200, a closed port, a 404.
    try await h.open(4)
    try await h.step(0) { h.request("GET", "{{base}}/greet/seed") }
    try await h.step(1) { h.request("GET", "http://127.0.0.1:9/") }
    try await h.step(2) { h.request("GET", "{{base}}/missing") }

    // 5. maxBufferSize: lower it, send a bigger body, raise it again.
    try await h.open(5)
    try await h.step(0) { h.serverOption("maxBufferSize", "1000") }
    try await h.pump("the restart with the new limit") { $0.server.status == .running }
    try await h.step(1) { h.request("POST", "{{base}}/echo", kind: .raw, body: String(repeating: "x", count: 5000)) }
    try await h.step(2) { h.serverOption("maxBufferSize", "104857600") }
    try await h.pump("the restart") { $0.server.status == .running }

    // 6. Client options: a slow answer, a timeout, an override.
    try await h.open(6)
    try await h.step(0) { h.request("GET", "{{base}}/slow?delay=2") }
    try await h.step(1) {
      h.state.builder.spec = RequestSpec(url: "{{base}}/slow?delay=2")
      h.state.builder.spec.options.requestTimeout = 1
      h.key(.control("r"), in: .builder)
    }
    try await h.step(2) {
      // No requestTimeout of its own: the client's default (20 s) applies.
      h.state.builder.spec = RequestSpec(url: "{{base}}/slow?delay=2")
      h.key(.control("r"), in: .builder)
    }

    // 7. Non-blocking: bursts to the awaiting and to the blocking handler.
    try await h.open(7)
    try await h.step(0) {
      h.state.builder.spec = RequestSpec(url: "{{base}}/slow?delay=0.5")
      h.burst(count: 20, concurrency: 10)
    }
    // What the learner saw, with their own numbers.
    let saw = try #require(h.progress.saw[0])
    #expect(saw.hasPrefix("20 requests, 10 at once: p50 "), "\(saw)")
    #expect(saw.contains(" ms, max ") && saw.hasSuffix("so the requests overlapped."), "\(saw)")
    try await h.step(1) {
      // Short blocks: a blocking handler starves every task of this process, other tests' too.
      h.state.builder.spec = RequestSpec(url: "{{base}}/blocking?delay=0.02")
      h.burst(count: 20, concurrency: 10)
    }
    try await h.step(2) { h.key(.character("t"), in: .log) }

    // 8. Stopping.
    try await h.open(8)
    try await h.step(0) { h.request("GET", "{{base}}/") }
    try await h.step(1) { h.key(.character("s"), in: .server) }
    try await h.step(2) { h.request("GET", "{{base}}/") }  // over the connection stop() left open
    try await h.step(3) { h.key(.character("K"), in: .server) }
    try await h.step(4) { h.request("GET", "{{base}}/") }
    try await h.step(5) {
      h.key(.character("s"), in: .server)
      try await h.pump("the server back") { $0.server.status == .running }
      h.request("GET", "{{base}}/")
    }
    // 9. Redirects: followed, not followed, a limit, and an exercise.
    try await h.open(9)
    try await h.step(0) { h.key(.control("r"), in: .builder) }  // the lesson set the URL up
    try await h.step(1) { h.request("GET", "{{base}}/redirect") }
    try await h.step(2) {
      h.state.builder.spec = RequestSpec(url: "{{base}}/redirect")
      h.key(.character("5"), in: .builder)
      h.key(.home, in: .builder)
      for _ in 0..<OptionRow.followRedirects.rawValue { h.key(.down, in: .builder) }
      h.key(.enter, in: .builder)  // true → false
      h.key(.control("r"), in: .builder)
    }
    try await h.step(3) {
      h.key(.character("5"), in: .builder)  // still on followRedirects
      h.key(.character("d"), in: .builder)  // back to the default
      h.key(.down, in: .builder)
      h.key(.enter, in: .builder)
      h.type("0", in: .builder)
      h.key(.enter, in: .builder)
      h.key(.control("r"), in: .builder)
    }
    try await h.step(4) {
      h.key(.character("a"), in: .server)
      h.state.server.editor = .route(
        RouteForm(MockRoute(method: "GET", pattern: "/old", status: 301, headers: ["Location: /greet/Ada"])))
      h.key(.enter, in: .server)
      try await h.settle()
      h.request("GET", "{{base}}/old")  // a new spec: the client's default maxRedirects
    }

    // 10. The client's queue: ten at a time, then fifty, then ten again.
    try await h.open(10)
    try await h.step(0) { h.burst(count: 50, concurrency: 50) }
    try await h.step(1) {
      h.key(.character("5"), in: .builder)
      h.key(.home, in: .builder)
      for _ in 0..<OptionRow.maxClients.rawValue { h.key(.down, in: .builder) }
      h.key(.enter, in: .builder)
      h.type("50", in: .builder)
      h.key(.enter, in: .builder)
      h.burst(count: 50, concurrency: 50)
    }
    try await h.step(2) {
      h.key(.character("5"), in: .builder)
      h.key(.character("d"), in: .builder)
      h.burst(count: 20, concurrency: 20)
    }
    // 11. Keep-alive: kept, closed by the request, by the server, and when idle.
    let noKeepAlive = 1 + ServerOptions.names.firstIndex(of: "noKeepAlive")!
    try await h.open(11)
    try await h.step(0) { h.key(.control("r"), in: .builder) }
    try await h.step(1) { h.request("GET", "{{base}}/", headers: [.init("Connection", "close")]) }
    try await h.step(2) { h.key(.character("t"), in: .log) }
    try await h.step(3) {
      h.state.server.selection = noKeepAlive
      h.key(.character(" "), in: .server)
    }
    try await h.step(4) { h.request("GET", "{{base}}/") }
    try await h.step(5) {
      h.state.server.selection = noKeepAlive
      h.key(.character(" "), in: .server)
      try await h.settle()
      h.serverOption("idleConnectionTimeout", "2")
      try await h.settle()
      h.request("GET", "{{base}}/")  // then two idle seconds
    }

    // 12. Errors: HTTPError, an uncaught error, write_error, the client's side, an exercise.
    try await h.open(12)
    try await h.step(0) { h.key(.control("r"), in: .builder) }
    try await h.step(1) { h.request("GET", "{{base}}/boom") }
    try await h.step(2) { h.request("GET", "{{base}}/oops?status=404") }
    try await h.step(3) { h.request("GET", "{{base}}/oops?status=503") }
    try await h.step(4) { h.request("GET", "{{base}}/oops?status=429") }
    // 13. Streaming: chunked with flush(), a Content-Length without, the client's one body.
    try await h.open(13)
    try await h.step(0) { h.key(.control("r"), in: .builder) }
    try await h.step(1) { h.request("GET", "{{base}}/greet/Ada") }
    try await h.step(2) { h.request("GET", "{{base}}/stream?count=8") }
    try await h.step(3) { h.request("GET", "{{base}}/stream?count=1") }
    try await h.step(4) { h.request("GET", "{{base}}/stream?count=12") }
    // 14. Cookies: set, not kept by the client, sent back, and an exercise.
    try await h.open(14)
    try await h.step(0) { h.key(.control("r"), in: .builder) }
    try await h.step(1) { h.key(.control("r"), in: .builder) }
    try await h.step(2) {
      h.request("GET", "{{base}}/visits", headers: [.init("Cookie", "{{response.header.Set-Cookie}}")])
    }
    try await h.step(3) { h.request("GET", "{{base}}/visits", headers: [.init("Cookie", "visits=4")]) }
    // 15. Static files: a file, HEAD, If-Modified-Since, a range, the last bytes.
    let file = "{{base}}/static/hello.txt"
    try await h.open(15)
    try await h.step(0) { h.key(.control("r"), in: .builder) }
    try await h.step(1) { h.request("HEAD", file) }
    try await h.step(2) {
      h.request("GET", file, headers: [.init("If-Modified-Since", "{{response.header.Last-Modified}}")])
    }
    try await h.step(3) { h.request("GET", file, headers: [.init("Range", "bytes=13-18")]) }
    try await h.step(4) { h.request("GET", file, headers: [.init("Range", "bytes=-6")]) }
    // 16. Compression: plain, compressResponse on, gzipped, too short, a client that does not ask.
    try await h.open(16)
    try await h.step(0) { h.key(.control("r"), in: .builder) }
    try await h.step(1) {
      h.state.server.selection = 1 + ServerOptions.names.firstIndex(of: "compressResponse")!
      h.key(.character(" "), in: .server)
    }
    try await h.step(2) { h.key(.control("r"), in: .builder) }
    try await h.step(3) { h.request("GET", "{{base}}/numbers?count=10") }
    try await h.step(4) {
      h.state.builder.spec = RequestSpec(method: "GET", url: "{{base}}/numbers", headers: [], bodyKind: .none)
      h.state.builder.spec.options.decompressResponse = false
      h.key(.control("r"), in: .builder)
    }
    // 17. Behind a proxy: the peer, a header ignored, xheaders on, believed, an exercise.
    try await h.open(17)
    try await h.step(0) { h.key(.control("r"), in: .builder) }
    try await h.step(1) {
      h.request("GET", "{{base}}/whoami", headers: [.init("X-Real-Ip", "203.0.113.7")])
    }
    try await h.step(2) {
      h.state.server.selection = 1 + ServerOptions.names.firstIndex(of: "xheaders")!
      h.key(.character(" "), in: .server)
    }
    try await h.step(3) { h.key(.control("r"), in: .builder) }
    try await h.step(4) {
      h.request("GET", "{{base}}/whoami", headers: [.init("X-Forwarded-Proto", "https")])
    }
    // 18 needs python3 with Tornado (CI installs it and sets SQUALL_REQUIRE_TORNADO=1).
    if TornadoAvailable.now {
      // 18. Compare with Tornado: the reference, the same answer, a documented difference, JSON.
      try await h.open(18)
      try await h.step(0) { h.key(.character("T"), in: .server) }
      try await h.step(1) { h.key(.character("="), in: .builder) }
      try await h.step(2) {
        h.state.builder.spec.method = "POST"
        h.key(.character("="), in: .builder)
      }
      try await h.step(3) {
        h.key(.character("A"), in: .server)
        try await h.pump("the echo app on both servers") { state in
          state.server.status == .running && state.server.tornado.port != nil
        }
        h.state.builder.spec = RequestSpec(
          method: "POST", url: "{{base}}/echo", bodyKind: .json, body: #"{"name": "Ada"}"#)
        h.key(.character("="), in: .builder)
      }
    }
    // 19. Bytes on the wire: the request's bytes, Content-Length, the Raw tab, chunks, gzip.
    try await h.open(19)
    try await h.step(0) { h.key(.character("W"), in: .builder) }
    try await h.step(1) { h.key(.control("r"), in: .builder) }
    try await h.step(2) {
      h.key(.character("6"), in: .builder)
      h.key(.character("]"), in: .builder)
      h.key(.character("]"), in: .builder)
    }
    try await h.step(3) { h.request("GET", "{{base}}/stream?count=3") }
    try await h.step(4) {
      h.state.server.selection = 1 + ServerOptions.names.firstIndex(of: "compressResponse")!
      h.key(.character(" "), in: .server)
      try await h.pump("the restart with gzip") { $0.server.status == .running }
      h.request("GET", "{{base}}/numbers")
    }
    try await h.step(5) { h.request("GET", "{{base}}/echo", headers: [.init("X-Lesson", "19")]) }
    // 20. When the wire breaks: faults, a slow answer, a stall, a fault route, a slow client.
    try await h.open(20)
    try await h.step(0) { h.key(.control("r"), in: .builder) }
    try await h.step(1) { h.request("GET", "{{base}}/fault/bad-chunk") }
    try await h.step(2) { h.request("GET", "{{base}}/fault/reset") }
    try await h.step(3) { h.request("GET", "{{base}}/fault/trickle") }
    try await h.step(4) {
      h.state.builder.spec = RequestSpec(method: "GET", url: "{{base}}/fault/stall-after-head?seconds=3")
      h.state.builder.spec.options.requestTimeout = 1
      h.key(.control("r"), in: .builder)
    }
    try await h.step(5) {
      h.key(.character("a"), in: .server)
      h.state.server.editor = .route(RouteForm(MockRoute(method: "GET", pattern: "/broken", fault: .reset)))
      h.key(.enter, in: .server)
      try await h.pump("the restart with the route") { $0.server.status == .running }
      h.request("GET", "{{base}}/broken")
    }
    try await h.step(6) {
      h.state.builder.sendSlowly = 100
      h.request("GET", "{{base}}/broken")
    }
    h.state.builder.sendSlowly = 0
    for lesson in library.lessons where TornadoAvailable.now || !lesson.file.hasPrefix("18-") {
      #expect(h.state.lessons.progress(of: lesson).isComplete(lesson), "\(lesson.file) complete")
    }
    await h.close()
  }
}
