// Squall serving the benchmark's three routes, written as the seed writes Tornado handlers:
// `GET /` (the seed's MainHandler), `POST /echo` (the body back), `GET /sleep` (awaits 10 ms);
// and `/ws`, Tornado's documented `EchoWebSocket` (every message back as it came).
// Usage: squall-bench-server [PORT] [--loops N]
// By default it serves on `IOLoop.current()`'s event loops, one per core; `--loops N` gives it a
// group of N loops of its own instead (`ws_idle.sh` runs it with one, as raw SwiftNIO's).
import NIOPosix
import Squall

final class MainHandler: RequestHandler {
  override func get() async throws { write("Hello, world") }
}

final class EchoHandler: RequestHandler {
  override func post() async throws { write(request.body) }
}

final class SleepHandler: RequestHandler {
  override func get() async throws {
    try await Task.sleep(for: .milliseconds(10))
    write("Slept")
  }
}

final class EchoWebSocket: WebSocketHandler {
  override func onMessage(_ message: WebSocketMessage) async throws {
    try await writeMessage(message)  // text as text, binary as binary
  }
}

var arguments = Array(CommandLine.arguments.dropFirst())
var loops: Int?
if let flag = arguments.firstIndex(of: "--loops") {
  guard flag + 1 < arguments.count, let count = Int(arguments[flag + 1]), count > 0 else {
    fatalError("--loops wants a number of event loops, 1 or more")
  }
  loops = count
  arguments.removeSubrange(flag...flag + 1)
}
let port = arguments.first.flatMap { Int($0) } ?? 8892
let app = Application(
  [("/", MainHandler.self), ("/echo", EchoHandler.self), ("/sleep", SleepHandler.self), ("/ws", EchoWebSocket.self)],
  settings: Settings(logFunction: { _ in }))
let server = HTTPServer(app, group: loops.map { MultiThreadedEventLoopGroup(numberOfThreads: $0) })
try server.listen(port)
print("Squall listening on http://127.0.0.1:\(port)/ (\(server.eventLoopCount) event loops)")
IOLoop.current().start()
