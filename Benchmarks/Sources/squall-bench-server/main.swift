// Squall serving the benchmark's three routes, written as the seed writes Tornado handlers:
// `GET /` (the seed's MainHandler), `POST /echo` (the body back), `GET /sleep` (awaits 10 ms).
// Usage: squall-bench-server [PORT]
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

let port = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 8892
let app = Application(
  [("/", MainHandler.self), ("/echo", EchoHandler.self), ("/sleep", SleepHandler.self)],
  settings: Settings(logFunction: { _ in }))
let server = HTTPServer(app)
try server.listen(port)
print("Squall listening on http://127.0.0.1:\(port)/")
IOLoop.current().start()
