import Foundation
import NIOConcurrencyHelpers
import Squall
import SquallPlaygroundCore
import SquallRequests
import SquallStorage
import SquallTransport

#if canImport(Glibc)
  import Glibc
#endif

/// Carries out the builder's effects off the UI thread: sends (cancellable), bursts, the
/// collection and history files. Results come back as events.
final class BuilderRunner: Sendable {
  /// The clients by `maxClients`, and the limit in use: raising it in Options makes a client
  /// with a larger pool (the old one keeps its connections for when the limit comes back).
  private let clients: NIOLockedValueBox<(limit: Int, byLimit: [Int: AsyncHTTPClient])>
  private let makeClient: @Sendable (Int) -> AsyncHTTPClient
  private let push: @Sendable (PlaygroundEvent) -> Void
  private let tasks = NIOLockedValueBox<[Int: Task<Void, Never>]>([:])
  let store: StateStore
  let collection: RequestCollection

  /// `makeClient` makes the client for a `maxClients` (made when first used).
  init(
    makeClient: @escaping @Sendable (Int) -> AsyncHTTPClient, store: StateStore, collection: RequestCollection,
    push: @escaping @Sendable (PlaygroundEvent) -> Void
  ) {
    self.makeClient = makeClient
    clients = NIOLockedValueBox((BuilderState.defaultMaxClients, [:]))
    self.store = store
    self.collection = collection
    self.push = push
  }

  /// The client of the limit in use.
  private var client: AsyncHTTPClient {
    clients.withLockedValue { clients in
      if let client = clients.byLimit[clients.limit] { return client }
      let client = makeClient(clients.limit)
      clients.byLimit[clients.limit] = client
      return client
    }
  }

  /// Tornado's `max_clients` for the requests sent from now on.
  func setMaxClients(_ limit: Int) {
    clients.withLockedValue { $0.limit = max(1, limit) }
  }

  /// Forgets every kept connection (the server closed them all).
  func resetConnections() async {
    for client in clients.withLockedValue({ Array($0.byLimit.values) }) { await client.resetConnections() }
  }

  /// Closes every client (the playground quits).
  func close() async {
    for client in clients.withLockedValue({ Array($0.byLimit.values) }) { await client.close() }
  }

  func send(id: Int, spec: RequestSpec, variables: Variables) {
    let (client, push) = (self.client, self.push)
    let task = Task {
      let started = Date()
      let response: BuilderResponse
      do {
        var request = try spec.build(variables)
        request.recordSentHead = true  // the response view and the log show the head as sent
        let hops = NIOLockedValueBox<[RedirectHop]>([])
        request.redirectCallback = { hop in
          let hopAt = Date().timeIntervalSince(started)
          let location = hop.headers.first(name: "Location") ?? ""
          hops.withLockedValue {
            $0.append(
              RedirectHop(url: hop.effectiveURL, status: hop.code, reason: hop.reason, location: location, at: hopAt))
          }
        }
        let answer = await client.perform(request)
        let cancelled = Task.isCancelled || answer.error?.kind == .cancelled
        response = BuilderResponse(
          entry: LogEntry(answer, finishedAt: Date()), firstByte: answer.timeInfo.firstByte,
          effectiveURL: answer.effectiveURL, requestSent: answer.timeInfo.requestSent, cancelled: cancelled,
          body: answer.body, hops: hops.withLockedValue { $0 })
      } catch let problem as RequestProblem {
        // Nothing went out (a file of a multipart body could not be read, say): no exchange.
        _ = started
        push(.sendRefused(id: id, message: problem.message))
        return
      } catch {
        return
      }
      push(.fetched(id: id, response: response))
    }
    tasks.withLockedValue { $0[id] = task }
  }

  /// Sends `spec` as a slow client: the bytes a send would put on the wire, one every
  /// `everyMilliseconds`, on a connection of its own; the answer read from the bytes that came
  /// back, or what the server did to the slow client. Bounded by the request's timeout.
  func sendSlowly(id: Int, spec: RequestSpec, variables: Variables, everyMilliseconds: Int) {
    let (client, push) = (self.client, self.push)
    let task = Task {
      let started = Date()
      do {
        let request = try spec.build(variables)
        guard let bytes = client.wireBytes(of: request) else {
          let why =
            spec.urlProblem(variables) ?? "\(request.method) with a body is refused by the client: remove the body"
          push(.sendRefused(id: id, message: "Nothing sent: " + why))
          return
        }
        let url = URLComponents(string: request.url)
        guard url?.scheme?.lowercased() == "http" else {
          // A slow send writes plain bytes: https would need TLS first.
          push(
            .sendRefused(
              id: id,
              message: "sendSlowly sends plain http:// only; set it back to 0 (Options, 5, d) to send this https URL"))
          return
        }
        let timeout = request.requestTimeout ?? HTTPClientDefaults().requestTimeout
        let outcome = try await SlowSender.send(
          bytes, host: url?.host ?? "", port: url?.port ?? 80, everyMilliseconds: everyMilliseconds, timeout: timeout,
          headRequest: request.method == "HEAD")
        push(
          .fetched(
            id: id,
            response: BuilderResponse(
              slow: outcome, request: request, every: everyMilliseconds,
              timeout: timeout, started: started, cancelled: Task.isCancelled)))
      } catch let problem as RequestProblem {
        push(.sendRefused(id: id, message: problem.message))
      } catch let refused as SlowSender.Refused {
        push(.sendRefused(id: id, message: refused.message))
      } catch {
        // Only a cancellation (Esc) reaches here: the slow sender throws nothing else.
        var entry = LogEntry(
          time: started, direction: .fetched, method: spec.method, target: spec.url, status: 599, reason: "Unknown",
          duration: Date().timeIntervalSince(started))
        entry.error = error is CancellationError ? "the request was cancelled" : "the slow send failed: \(error)"
        entry.failure = error is CancellationError ? .cancelled : .other
        push(
          .fetched(
            id: id, response: BuilderResponse(entry: entry, firstByte: nil, effectiveURL: spec.url, cancelled: true)))
      }
    }
    tasks.withLockedValue { $0[id] = task }
  }

  /// The exact bytes `spec` would put on the wire, built as a send builds it and sent nowhere.
  func previewWire(spec: RequestSpec, variables: Variables) {
    let (client, push) = (self.client, self.push)
    Task {
      let wire: WireBytes
      do {
        let request = try spec.build(variables)
        if let bytes = client.wireBytes(of: request) {
          wire = WireBytes(bytes: bytes)
        } else {
          let why = spec.urlProblem(variables) ?? "the client refuses this method without a body"
          wire = WireBytes(bytes: [], problem: "nothing would go out: " + why)
        }
      } catch let problem as RequestProblem {
        wire = WireBytes(bytes: [], problem: problem.message)
      } catch {
        wire = WireBytes(bytes: [], problem: "\(error)")
      }
      push(.wirePreview(wire, of: spec, variables))
    }
  }

  func cancel(id: Int) {
    tasks.withLockedValue { $0.removeValue(forKey: id) }?.cancel()
  }

  /// `count` requests, `concurrency` at once; results handed over in batches of up to 50.
  func burst(id: Int, spec: RequestSpec, variables: Variables, count: Int, concurrency: Int) {
    let (client, push) = (self.client, self.push)
    let task = Task {
      var built: HTTPRequest
      do { built = try spec.build(variables) } catch let problem as RequestProblem {
        push(.reported("Burst: \(problem.message)", isError: true))
        push(.burstFinished(id: id, wallTime: 0))
        return
      } catch {
        push(.burstFinished(id: id, wallTime: 0))
        return
      }
      // When each request went out, after the client's queue: the timeline shows the wait.
      built.recordSentHead = true
      let request = built
      let started = ContinuousClock.now
      await withTaskGroup(of: BurstSample.self) { group in
        var launched = 0
        var batch: [BurstSample] = []
        var lastPush = ContinuousClock.now
        func launch() {
          launched += 1
          group.addTask {
            let response = await client.perform(request)
            return BurstSample(
              seconds: response.requestTime, status: response.code,
              startedAt: Date().addingTimeInterval(-response.requestTime), requestSent: response.timeInfo.requestSent,
              firstByte: response.timeInfo.firstByte)
          }
        }
        while launched < min(concurrency, count) { launch() }
        for await sample in group {
          batch.append(sample)
          // In batches of up to 50, and at least every 100 ms, so that a slow burst (a blocking
          // handler, 0.5 s a request) shows its progress as it goes, not at the end.
          if batch.count >= 50 || ContinuousClock.now - lastPush >= .milliseconds(100) {
            push(.burstResults(id: id, batch))
            batch.removeAll()
            lastPush = .now
          }
          if launched < count && !Task.isCancelled { launch() }
        }
        if !batch.isEmpty { push(.burstResults(id: id, batch)) }
      }
      let wall = ContinuousClock.now - started
      push(
        .burstFinished(id: id, wallTime: Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18))
    }
    tasks.withLockedValue { $0[id] = task }
  }

  // MARK: Files

  func loadHistory() -> (items: [HistoryItem], problem: String?) {
    let (items, problem) = AtomicFile.readJSON(
      [HistoryItem].self, from: store.directory.appendingPathComponent("history.json"))
    return (items ?? [], problem)
  }

  func loadVariables() -> (values: [String: String], problem: String?) {
    let (values, problem) = AtomicFile.readJSON(
      [String: String].self, from: store.directory.appendingPathComponent("variables.json"))
    return (values ?? [:], problem)
  }

  func saveHistory(_ items: [HistoryItem]) -> PlaygroundEvent? {
    do {
      try AtomicFile.writeJSON(items, to: store.directory.appendingPathComponent("history.json"))
      return nil
    } catch {
      return .reported(store.saveProblem("the history", error), isError: true)
    }
  }

  func saveVariables(_ values: [String: String]) -> PlaygroundEvent? {
    do {
      try AtomicFile.writeJSON(values, to: store.directory.appendingPathComponent("variables.json"))
      return nil
    } catch {
      return .reported(store.saveProblem("the variables", error), isError: true)
    }
  }

  func save(_ spec: RequestSpec, as name: String) -> PlaygroundEvent {
    do {
      try collection.save(spec, as: name)
      return .requestSaved(name: name, folder: collection.folder.path)
    } catch {
      return .reported(error.message, isError: true)
    }
  }

  func list() -> PlaygroundEvent { .collectionListed(collection.names(), problem: nil) }

  func load(_ name: String) -> PlaygroundEvent {
    do { return .requestLoaded(name: name, try collection.load(name)) } catch {
      return .reported(error.message, isError: true)
    }
  }

  func write(_ contents: [UInt8], to path: String, what: String) -> PlaygroundEvent {
    do {
      try AtomicFile.write(Data(contents), to: URL(fileURLWithPath: path), makingFolders: false)
      return .reported("Saved \(what) to \(path) (\(contents.count) bytes).", isError: false)
    } catch {
      return .reported(
        "Could not write \(path): \(AtomicFile.reason(error)). Save again (s in the Response section, x s for an export) "
          + "with another path.", isError: true)
    }
  }

  /// Runs `$EDITOR` (then `$VISUAL`, then `vi`) on the body in a temporary file; blocks the UI
  /// thread while the user edits, as `git commit` does.
  static func edit(_ text: String, in terminal: CursesTerminal) -> PlaygroundEvent {
    let environment = ProcessInfo.processInfo.environment
    let editor = environment["EDITOR"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["VISUAL"] ?? "vi"
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("squall-body-\(UUID()).txt")
    do { try Data(text.utf8).write(to: file) } catch {
      return .editorClosed(nil, message: "Could not write a temporary file for the editor: \(error)")
    }
    defer { try? FileManager.default.removeItem(at: file) }
    var status: Int32 = -1
    terminal.suspend {
      let command = "\(editor) \(ShellWords.quote(file.path))"
      var pid: pid_t = 0
      let arguments = ["/bin/sh", "-c", command]
      var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
      defer { for pointer in argv { free(pointer) } }
      // The editor gets no blocked signals and default dispositions, not the playground's.
      var attributes = posix_spawnattr_t()
      posix_spawnattr_init(&attributes)
      defer { posix_spawnattr_destroy(&attributes) }
      SpawnAttributes.reset(&attributes)
      if posix_spawn(&pid, "/bin/sh", nil, &attributes, &argv, environ) == 0 {
        waitpid(pid, &status, 0)
      }
    }
    guard status == 0, let data = FileManager.default.contents(atPath: file.path) else {
      return .editorClosed(
        nil, message: "\(editor) did not exit cleanly; the body is unchanged. Set $EDITOR to your editor.")
    }
    var edited = String(decoding: data, as: UTF8.self)
    if edited.hasSuffix("\n") && !text.hasSuffix("\n") { edited.removeLast() }
    return .editorClosed(edited, message: "Body updated from \(editor).")
  }
}
