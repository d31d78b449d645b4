import ArgumentParser
import Foundation
import Squall
import SquallRequests
import SquallStorage
import SquallTransport
import SquallValues

/// `squall requests`: the builder's saved requests from the shell, as Slumber and Newman do.
struct RequestsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "requests",
    abstract: "List, send, test, import and export the request builder's saved requests.",
    discussion: """
      Requests are files, one NAME.json each, in $XDG_DATA_HOME/squall/requests (default \
      ~/.local/share/squall/requests); --collection DIR or SQUALL_COLLECTION=DIR points elsewhere, \
      so a team can keep them in git next to their code. The playground reads and writes the same files.
      """,
    subcommands: [List.self, Send.self, Test.self, Import.self, ImportCurl.self, Export.self],
    defaultSubcommand: List.self
  )

  struct Location: ParsableArguments {
    @Option(help: "The collection folder (default: $SQUALL_COLLECTION, else $XDG_DATA_HOME/squall/requests).")
    var collection: String?

    var store: RequestCollection { RequestCollection(explicit: collection) }
  }

  struct Values: ParsableArguments {
    @Option(name: .customLong("var"), help: "A variable name=value for {{name}} (repeatable).")
    var variables: [String] = []
    @Option(help: "The server {{base}} and {{port}} point at.") var base = "http://127.0.0.1:8888"

    func resolve() throws -> Variables {
      guard let components = URLComponents(string: base), let host = components.host else {
        throw ValidationError("--base wants a URL such as http://127.0.0.1:8888")
      }
      var values = Variables.server(host: host, port: components.port ?? 80).values
      values["base"] = base.hasSuffix("/") ? String(base.dropLast()) : base
      for pair in variables {
        guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
          throw ValidationError("--var wants name=value, got '\(TerminalSafe.escape(pair))'")
        }
        values[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
      }
      return Variables(values)
    }
  }

  static func fail(_ message: String) -> ExitCode {
    Terminal.standardError.write("squall: \(TerminalSafe.escape(message))\n")
    return ExitCode(1)
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "List the saved requests: name, method, URL.")
    @OptionGroup var location: Location

    func run() async throws {
      let store = location.store
      let names = store.names()
      if names.isEmpty {
        print("No saved requests in \(store.folder.path). Save one from the builder (w) or with import-curl.")
        return
      }
      for name in names {
        switch Result(catching: { () throws(RequestProblem) in try store.load(name) }) {
        case .success(let spec): print("\(name)\t\(spec.method)\t\(spec.url)")
        case .failure(let problem): print("\(name)\t(unreadable: \(problem.message))")
        }
      }
    }
  }

  struct Send: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "send",
      abstract: "Send a saved request and print the response as `squall fetch` does, with its exit codes.",
      discussion: """
        {{NAME.response.status}}, {{NAME.response.header.Etag}}, {{NAME.response.json.PATH}} and \
        {{NAME.response.body}} read the last response of the saved request NAME (kept in the \
        collection's .responses folder by the playground and by this command); the answer becomes \
        this request's last response.
        """)
    @Argument(help: "The request's name.") var name: String
    @OptionGroup var location: Location
    @OptionGroup var values: Values
    @Flag(name: [.short, .long], help: "Print the status line and response headers before the body.")
    var include = false
    @Flag(name: [.short, .long], help: "Print the request and response heads to stderr.") var verbose = false
    @Flag(name: [.short, .long], help: "Do not print the status line to stderr.") var quiet = false

    func run() async throws {
      let store = location.store
      let request: HTTPRequest
      do {
        // `{{NAME.response.…}}`: the last responses of the collection's requests, under the
        // variables given here.
        var variables = try values.resolve()
        let (saved, problem) = store.savedResponseVariables()
        if let problem { Terminal.standardError.write("squall: \(TerminalSafe.escape(problem))\n") }
        variables.values.merge(saved) { own, _ in own }
        request = try store.load(name).build(variables)
      } catch let problem as RequestProblem {
        throw RequestsCommand.fail(problem.message)
      }
      let name = self.name
      try await FetchRunner(include: include, verbose: verbose, quiet: quiet).run(
        request, keepBody: SavedResponse.bodyLimit
      ) { response, body in
        // Its answer becomes its last response (a failure without one keeps the one before).
        guard response.error == nil || response.code < 599 else { return }
        let saved = SavedResponse(
          status: response.code, reason: response.reason, headers: response.headers.map { ($0.name, $0.value) },
          body: body, receivedAt: Date())
        do throws(RequestProblem) { try store.saveResponse(saved, for: name) } catch {
          Terminal.standardError.write("squall: the response was not kept: \(TerminalSafe.escape(error.message))\n")
        }
      }
    }
  }

  struct ImportCurl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import-curl", abstract: "Save a curl command line as a named request.")
    @Argument(help: "The curl command, quoted as one argument.") var command: String
    @Option(help: "The name to save it under.") var name: String
    @OptionGroup var location: Location

    func run() async throws {
      do {
        let spec = try CurlImport.parse(command)
        try location.store.save(spec, as: name)
        print("Saved \(spec.method) \(spec.url) as \"\(name)\" in \(location.store.folder.path)")
      } catch {
        throw RequestsCommand.fail(error.message)
      }
    }
  }

  struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export",
      abstract: "Print a saved request as a curl command, Swift (Squall), Python (Tornado) or a Hurl entry.")
    @Argument(help: "The request's name.") var name: String
    @Option(name: .customLong("as"), help: "curl, swift, python or hurl.") var format: String = "curl"
    @OptionGroup var location: Location
    @OptionGroup var values: Values

    func run() async throws {
      guard let export = RequestExport(rawValue: format.lowercased()) else {
        throw ValidationError("--as takes curl, swift, python or hurl")
      }
      do {
        print(export.render(try location.store.load(name), try values.resolve()))
      } catch let problem as RequestProblem {
        throw RequestsCommand.fail(problem.message)
      }
    }
  }
}
