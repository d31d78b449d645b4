import Foundation
import NIOPosix
import Squall
import SquallTestSupport

/// What came back on one connection.
struct WireResult: Sendable {
  var responses: [ParsedResponse]
  var closed: Bool
  var raw: [UInt8]
  var first: ParsedResponse? { responses.first }
  var statuses: [Int] { responses.map(\.status) }
}

/// One client connection used step by step.
final class Conversation {
  let socket: RawSocket
  private var buffer: [UInt8] = []
  private(set) var closed = false

  init(port: Int) throws { socket = try RawSocket(port: port) }

  func send(_ text: String) throws { try socket.send(text) }

  func sendSlowly(_ text: String) throws {
    for byte in text.utf8 { try socket.send([byte]) }
  }

  /// Reads until `count` complete responses, then whether the server closes. When the last
  /// response says the connection ends (`Connection: close`, or Tornado's bare `400` without
  /// headers), the close is waited for, up to `timeout`: an event, not a guess (a body
  /// delimited by the close is read to the close already). Otherwise the connection should stay open and `closeWait`
  /// only gives an unexpected close the chance to show.
  func read(_ count: Int, headRequests: Set<Int> = [], timeout: Double = 5, closeWait: Double = 0.1) -> WireResult {
    let (bytes, closedEarly) = socket.read(
      until: {
        ($0.isEmpty ? nil : ParsedResponse.parseAll($0, closed: false, headRequests: headRequests))?.count ?? 0 >= count
      },
      timeout: timeout)
    buffer += bytes
    let sofar = ParsedResponse.parseAll(buffer, closed: false, headRequests: headRequests) ?? []
    let announcesClose =
      sofar.last.map { last in
        last.header("Connection")?.lowercased() == "close" || (last.headers.isEmpty && last.status == 400)
      } ?? false
    closed = closedEarly || socket.isClosed(within: announcesClose ? timeout : closeWait)
    let responses = ParsedResponse.parseAll(buffer, closed: closed, headRequests: headRequests) ?? []
    let result = WireResult(responses: responses, closed: closed, raw: buffer)
    buffer = []
    return result
  }
}

/// Sends `request` on a new connection and returns what came back.
func exchange(_ port: Int, _ request: String, expect count: Int = 1, headRequests: Set<Int> = [], timeout: Double = 5)
  async throws -> WireResult
{
  try await blocking {
    let conversation = try Conversation(port: port)
    try conversation.send(request)
    return conversation.read(count, headRequests: headRequests, timeout: timeout)
  }
}

/// A GET (or other method) with the usual headers.
func request(
  _ method: String = "GET", _ target: String, headers: [String] = [], body: String? = nil, version: String = "HTTP/1.1"
) -> String {
  var lines = ["\(method) \(target) \(version)", "Host: 127.0.0.1"] + headers
  if let body { lines.append("Content-Length: \(body.utf8.count)") }
  return lines.joined(separator: "\r\n") + "\r\n\r\n" + (body ?? "")
}

/// Whether an executable is on PATH.
func commandExists(_ name: String) -> Bool {
  let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
  return paths.contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
}

/// Finds `python3` on PATH.
func python3Path() -> String? {
  let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
  return paths.map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// Whether a stopped `server` takes no new connection on `port`. A connect is refused, or, if
/// another test's server has since bound the same port (ports are reused), answered by that one:
/// either way this server's count of connections must not move. No sleep: a connection this
/// server accepted would be counted before its answer was written.
func acceptsNothingMore(_ server: HTTPServer, port: Int) async -> Bool {
  let before = server.stats.connectionsTotal
  _ = try? await exchange(port, request("GET", "/"), timeout: 2)
  return server.stats.connectionsTotal == before && server.ports.isEmpty
}
