// Hummingbird 2 serving the benchmark's three routes: `GET /`, `POST /echo`, `GET /sleep`.
// Usage: hummingbird-server [PORT]
import Hummingbird

let port = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 8891
let router = Router()
router.get("/") { _, _ in "Hello, world" }
router.post("/echo") { request, _ -> ByteBuffer in try await request.body.collect(upTo: 1 << 20) }
router.get("/sleep") { _, _ -> String in
  try await Task.sleep(for: .milliseconds(10))
  return "Slept"
}
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
print("Hummingbird listening on http://127.0.0.1:\(port)/")
try await app.runService()
