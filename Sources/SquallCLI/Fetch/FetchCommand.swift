import ArgumentParser
import Foundation
import NIOHTTP1
import Squall
import SquallTransport
import SquallValues

/// `squall fetch`: Squall's `AsyncHTTPClient` from the shell, with curl's and HTTPie's habits.
struct FetchCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fetch",
    abstract: "Fetch a URL with Squall's AsyncHTTPClient (Tornado's client) and print the response.",
    discussion: """
      The status line goes to stderr and the body to stdout, so `squall fetch URL > file` saves \
      just the body. JSON is pretty-printed and control characters are escaped on a terminal; \
      piped output is the body exactly as received.
      Exit status: 0 for 2xx, 3/4/5 for 3xx/4xx/5xx, 2 for a timeout, 1 for any other failure \
      (connection refused, DNS, invalid URL, a body over the 100 MB limit). A server that refuses \
      the request body (over its max_buffer_size) and closes gives its answer: 400, exit 4.
      Examples (/echo and /slow are the echo app's: squall serve --example echo):
        squall fetch :8888/                      (http://127.0.0.1:8888/)
        squall fetch :8888/echo --json '{"a": 1}'
        squall fetch :8888/echo --form name=Ada --form lang=swift -i
        squall fetch :8888/slow?delay=3 --timeout 1
      """
  )

  @Argument(help: "The URL; `:8888/path` means http://127.0.0.1:8888/path and a missing scheme means http://.")
  var url: String
  @Option(name: [.customShort("X"), .long], help: "The method (default GET, or POST when a body is given).")
  var method: String?
  @Option(name: [.customShort("H"), .customLong("header")], help: "A request header, 'Name: value' (repeatable).")
  var headers: [String] = []
  @Option(name: [.customShort("d"), .customLong("data")], help: "The request body; @FILE reads it from a file.")
  var data: String?
  @Option(help: "A JSON body (sets Content-Type: application/json).") var json: String?
  @Option(help: "A form field name=value, sent urlencoded (repeatable).") var form: [String] = []
  @Option(help: "Seconds for the whole request (Tornado's request_timeout).") var timeout: Double = 20
  @Option(help: "Seconds to wait for the connection (Tornado's connect_timeout).") var connectTimeout: Double = 20
  @Flag(name: [.customShort("L"), .long], help: "Follow redirects.") var follow = false
  @Option(help: "Redirects followed at most with --follow.") var maxRedirects = 5
  @Flag(name: [.short, .long], help: "Print the status line and response headers before the body.")
  var include = false
  @Flag(name: [.short, .long], help: "Print the request and response heads to stderr (curl's > and <).")
  var verbose = false
  @Flag(
    help: "Print the body as received: no JSON pretty-printing or binary note (controls stay escaped on a terminal).")
  var raw = false
  @Flag(name: [.short, .long], help: "Do not print the status line to stderr.") var quiet = false
  @Flag(help: "With -L, print every answer of the redirect chain, head and body, not only the last (HTTPie's --all).")
  var all = false
  @Flag(
    help: """
      Send nothing: print the exact bytes the request would put on the wire (request line, headers \
      in their order and case, framing, body), as HTTPie's --offline. Only the first hop.
      """)
  var offline = false
  @Option(name: [.short, .long], help: "Write the body to FILE instead of stdout.") var output: String?

  func validate() throws {
    let bodies = [data != nil, json != nil, !form.isEmpty].filter { $0 }.count
    guard bodies <= 1 else { throw ValidationError("give only one of --data, --json and --form") }
    for header in headers {
      do { _ = try FetchRequestBuilder.parseHeader(header) } catch let failure as FetchRequestBuilder.Failure {
        throw ValidationError(failure.message)
      }
    }
    for field in form where !field.contains("=") {
      throw ValidationError("--form wants name=value, got '\(TerminalSafe.escape(field))'")
    }
    if let json, let problem = JSONCheck.problem(in: json) {
      throw ValidationError("--json is not valid JSON: \(problem) in \(TerminalSafe.escape(json))")
    }
    for (flag, option, value) in [
      ("--timeout", NumberOption.requestTimeout, timeout), ("--connect-timeout", .connectTimeout, connectTimeout),
      ("--max-redirects", .maxRedirects, Double(maxRedirects)),
    ] {
      if let problem = option.problem(value) { throw ValidationError("\(flag): \(problem.message)") }
    }
  }

  func run() async throws {
    let request: HTTPRequest
    do {
      request = try FetchRequestBuilder(
        url: url, method: method, headers: headers, data: data, json: json, form: form,
        timeout: timeout, connectTimeout: connectTimeout, follow: follow, maxRedirects: maxRedirects
      ).build()
    } catch let error as FetchRequestBuilder.Failure {
      Terminal.standardError.write("squall: \(error.message)\n")
      throw ExitCode(1)
    }
    if offline {
      try Self.printOffline(request)
      return
    }
    try await FetchRunner(include: include, verbose: verbose, raw: raw, quiet: quiet, output: output, all: all)
      .run(request)
  }

  /// The request's bytes, sent nowhere: exactly as they would go when piped; on a terminal
  /// each line shown with its control characters escaped (`\r` before each line break is the
  /// CRLF the wire has) and a body that is not text said by its size.
  static func printOffline(_ request: HTTPRequest) throws {
    guard let bytes = AsyncHTTPClient().wireBytes(of: request) else {
      Terminal.standardError.write("squall: the client would refuse this request: check its URL and method\n")
      throw ExitCode(1)
    }
    let out = Terminal.standardOutput
    guard out.isInteractive else {
      out.write(bytes)
      return
    }
    let headEnd = (0..<max(0, bytes.count - 3)).first { Array(bytes[$0..<$0 + 4]) == Array("\r\n\r\n".utf8) }
    let split = (headEnd ?? bytes.count - 4) + 4
    let head = String(decoding: bytes[..<split], as: UTF8.self)
    for line in head.split(separator: "\r\n", omittingEmptySubsequences: false).dropLast() {
      out.write(TerminalSafe.escape(String(line)) + "\n")
    }
    let body = Array(bytes[split...])
    if body.isEmpty { return }
    if let text = String(validating: body, as: UTF8.self), !body.contains(0) {
      out.write(TerminalSafe.escape(text) + "\n")
    } else {
      out.write("(a binary body of \(body.count) bytes: pipe the output to see it)\n")
    }
  }
}
