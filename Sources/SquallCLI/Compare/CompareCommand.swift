import ArgumentParser
import Foundation
import Squall
import SquallCompare
import SquallExamples
import SquallTransport
import SquallValues

/// `squall compare`: the Swift twin and the original side by side. Starts an example on Squall
/// and its Python twin on Tornado, sends both one request, prints what differs.
struct CompareCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Send one request to an example on Squall and to its twin on real Tornado; print the differences.",
    discussion: """
      Exit status: 0 when the answers are the same apart from Date, Server and documented \
      differences (README), 1 when they differ otherwise, 2 when Tornado cannot be started.
      """
  )

  @Option(help: ArgumentHelp("Which example: \(ExampleApp.helpText).")) var example = ExampleApp.hello
  @Option(
    help: ArgumentHelp(
      "The Tornado twin to compare with (default: the same example); another one shows a comparison that fails.",
      valueName: "example"))
  var against: ExampleApp?
  @Option(name: [.customShort("X"), .long], help: "The method (default GET, or POST when a body is given).")
  var method: String?
  @Option(name: [.customShort("H"), .customLong("header")], help: "A request header, 'Name: value' (repeatable).")
  var headers: [String] = []
  @Option(name: [.customShort("d"), .customLong("data")], help: "The request body.") var data: String?
  @Option(help: "Seconds each server has to answer.") var timeout: Double = 10
  @Flag(
    help: "Open a WebSocket at PATH on both (the echo app's /ws or /chat), send each --message, close with 1000.")
  var websocket = false
  @Option(help: "With --websocket: a text message to send (repeatable; default: hello).") var message: [String] = []
  @Argument(help: "The path (and query) to request, e.g. / or /echo?a=1.") var path: String = "/"

  func validate() throws {
    guard path.hasPrefix("/"), !path.contains(" "), !path.unicodeScalars.contains(where: { $0.value < 0x21 }) else {
      throw ValidationError("the path must start with / and hold no spaces or control characters (e.g. /echo?a=1)")
    }
    if let method, !HeaderField.isValidMethod(method) {
      throw ValidationError("-X \(TerminalSafe.escape(method)) is not a method (a token such as GET or PURGE)")
    }
    for header in headers { _ = try Self.header(header) }
    guard timeout > 0, timeout <= 300 else { throw ValidationError("--timeout must be more than 0 and at most 300") }
    if !message.isEmpty && !websocket { throw ValidationError("--message goes with --websocket") }
    if websocket && (data != nil || method != nil) {
      throw ValidationError("--websocket sends messages (--message), not a method or a body")
    }
  }

  static func header(_ text: String) throws -> HeaderLine {
    guard let colon = text.firstIndex(of: ":") else {
      throw ValidationError("-H \(TerminalSafe.escape(text)): write it as 'Name: value'")
    }
    let name = String(text[..<colon]).trimmingCharacters(in: .whitespaces)
    let value = String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
    guard HeaderField.isValidName(name), HeaderField.isValidValue(value) else {
      throw ValidationError("-H \(TerminalSafe.escape(text)): not a header name and value that can be sent")
    }
    return HeaderLine(name, value)
  }

  func run() async throws {
    let request = WireRequest(
      method: method ?? (data == nil ? "GET" : "POST"), target: path, headers: try headers.map(Self.header),
      body: Array((data ?? "").utf8))
    let twin: TornadoTwin
    do {
      // Python's start blocks (it waits for the port): on a thread of its own, not Swift's pool.
      let name = against ?? example
      twin = try await withCheckedThrowingContinuation { continuation in
        Thread {
          do { continuation.resume(returning: try TornadoTwin.start(example: name)) } catch {
            continuation.resume(throwing: error)
          }
        }.start()
      }
    } catch let unavailable as TornadoTwin.Unavailable {
      FileHandle.standardError.write(Data("squall: \(unavailable.message)\n".utf8))
      throw ExitCode(2)
    }
    defer { twin.stop() }
    let server = HTTPServer(Examples.entry(example).makeApp(Settings(logFunction: { _ in })))
    try await server.listen(0, address: "127.0.0.1")
    let squallPort = server.ports.first ?? 0
    if websocket {
      let messages = message.isEmpty ? ["hello"] : message
      let comparison = await WebSocketCompare.run(
        path: path, headers: request.headers, messages: messages, tornadoPort: twin.port, squallPort: squallPort,
        timeout: timeout)
      await server.stop()
      await server.closeAllConnections()
      let title =
        "WebSocket \(TerminalSafe.escape(path)) · Squall's \(example.rawValue) on :\(squallPort) · "
        + "Tornado \(twin.version)'s \((against ?? example).rawValue) on :\(twin.port)"
      print(CompareReport.text(comparison, title: title, tornado: "Tornado \(twin.version)"))
      if comparison.verdict == .different { throw ExitCode(1) }
      return
    }
    let title =
      "\(TerminalSafe.escape(request.method)) \(TerminalSafe.escape(path)) · Squall's \(example.rawValue) on :\(squallPort) · "
      + "Tornado \(twin.version)'s \((against ?? example).rawValue) on :\(twin.port)"
    let comparison: Comparison
    var dump: [String] = []
    do {
      switch try await WireClient.both(request, tornadoPort: twin.port, squallPort: squallPort, timeout: timeout) {
      case .parsed(let tornado, let squall):
        comparison = Comparison.compare(request, tornado: tornado, squall: squall)
      case .raw(let tornado, let squall):
        // Not HTTP a parser reads (the faults app): the answers compared as bytes, and shown.
        comparison = Comparison.compareRaw(tornado: tornado, squall: squall)
        dump =
          ["", "The bytes \(tornado.bytes == squall.bytes ? "both" : "Squall") sent:"]
          + WireDump.lines(squall.bytes, limit: 2048).map { "  " + $0 }
      }
    } catch {
      await server.stop()
      await server.closeAllConnections()
      FileHandle.standardError.write(Data("squall: \(error)\n".utf8))
      throw ExitCode(1)
    }
    await server.stop()
    await server.closeAllConnections()
    print(CompareReport.text(comparison, title: title, tornado: "Tornado \(twin.version)"))
    if !dump.isEmpty { print(dump.joined(separator: "\n")) }
    if comparison.verdict == .different { throw ExitCode(1) }
  }
}
