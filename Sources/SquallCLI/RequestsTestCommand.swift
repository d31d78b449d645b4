import ArgumentParser
import Foundation
import Squall
import SquallRequests
import SquallStorage
import SquallTransport
import SquallValues

extension RequestsCommand {
  /// `squall requests test`: the saved requests run in order, captures fed forward, asserts
  /// decided, as Hurl's `--test` and Newman do.
  struct Test: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "test",
      abstract: "Send saved requests in order and check their asserts; captures feed the requests after them.",
      discussion: """
        A request file's "asserts" are conditions in the check grammar ("status == 200", \
        "$.items[0].id exists", "header.Content-Type contains json"); its "captures" set variables \
        for the requests after it ({"name": "token", "query": "$.token"} makes {{token}}). \
        Prints one line per request and one per failed assert. Exit status: 0 when every assert \
        held, 1 when one failed, 2 when a request got no answer (or could not be sent), 64 for usage.
        """)
    @Argument(help: "The requests to run, in this order (default: the whole collection, by name).")
    var names: [String] = []
    @OptionGroup var location: Location
    @OptionGroup var values: Values
    @Option(help: "junit=FILE writes a JUnit XML report; tap (or tap=FILE) prints TAP instead of the lines.")
    var report: [String] = []

    enum Report: Equatable {
      case junit(String)
      case tap(String?)
    }

    func reports() throws -> [Report] {
      try report.map { text in
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        switch (parts.first, parts.count) {
        case ("junit", 2) where !parts[1].isEmpty: return .junit(parts[1])
        case ("tap", 1): return .tap(nil)
        case ("tap", 2) where !parts[1].isEmpty: return .tap(parts[1])
        default:
          throw ValidationError("--report takes junit=FILE, tap or tap=FILE, got '\(TerminalSafe.escape(text))'")
        }
      }
    }

    func run() async throws {
      let reports = try reports()
      let store = location.store
      let known = store.names()
      for name in names where !known.contains(name) {
        throw ValidationError(
          "no saved request named '\(TerminalSafe.escape(name))' in \(store.folder.path); `squall requests list` shows them"
        )
      }
      let order = names.isEmpty ? known : names
      guard !order.isEmpty else {
        print("No saved requests in \(store.folder.path). Save one from the builder (w) or with import-curl.")
        return
      }
      var variables = try values.resolve()
      let (saved, problem) = store.savedResponseVariables()
      if let problem { Terminal.standardError.write("squall: \(TerminalSafe.escape(problem))\n") }
      variables.values.merge(saved) { own, _ in own }
      let tapToStdout = reports.contains(.tap(nil))

      let client = AsyncHTTPClient()
      var runs: [RequestRun] = []
      for name in order {
        let run = await Self.run(name, store: store, variables: variables, client: client)
        if case .answered(_, let verdicts) = run.result {
          for (key, value) in verdicts.captured { variables.values[key] = value }
        }
        runs.append(run)
        if !tapToStdout { for line in TestReports.lines(run) { print(line) } }
      }
      await client.close()

      if tapToStdout { print(TestReports.tap(runs), terminator: "") }
      for case .tap(let path?) in reports { try Self.write(TestReports.tap(runs), to: path) }
      for case .junit(let path) in reports {
        try Self.write(TestReports.junit(runs, suite: store.folder.lastPathComponent), to: path)
      }
      if !tapToStdout { print(TestReports.summary(runs)) }
      let status = RequestRun.exitStatus(runs)
      if status != 0 { throw ExitCode(status) }
    }

    /// Loads, builds and sends one request; its response decided by its asserts.
    static func run(
      _ name: String, store: RequestCollection, variables: Variables, client: AsyncHTTPClient
    ) async -> RequestRun {
      let spec: RequestSpec
      let request: HTTPRequest
      do throws(RequestProblem) {
        spec = try store.load(name)
        request = try spec.build(variables)
      } catch {
        return RequestRun(name: name, result: .notSent(error.message))
      }
      let response = await withCheckedContinuation { continuation in
        client.fetch(request) { continuation.resume(returning: $0) }
      }
      let failure = response.error.flatMap { $0.kind == .http ? nil : $0 }
      let facts = ResponseFacts(
        method: request.method, url: request.url, status: response.code, reason: response.reason,
        headers: response.headers.map { ($0.name, $0.value) },
        requestHeaders: request.headers.map { ($0.name, $0.value) }, body: response.body,
        duration: response.requestTime,
        error: failure?.kind.word ?? "")
      return RequestRun.decide(name: name, spec: spec, response: facts, transportError: failure?.description)
    }

    static func write(_ text: String, to path: String) throws {
      do {
        try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: path))
      } catch {
        throw RequestsCommand.fail(
          "could not write \(path): \(error.localizedDescription); choose a folder you can write to")
      }
    }
  }
}
