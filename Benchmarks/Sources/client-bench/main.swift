// Requests per second of an HTTP client against one server, at a given concurrency.
// Usage: client-bench squall|raw|delegate URL CONCURRENCY SECONDS (delegate: raw async-http-client through
// its delegate API, the one Squall uses only to record the head as sent)
// Each of CONCURRENCY tasks fetches URL in a loop for SECONDS (bounded: loopback only).
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 4, let concurrency = Int(arguments[2]), let seconds = Double(arguments[3]),
  ["squall", "raw", "delegate"].contains(arguments[0]), arguments[1].hasPrefix("http://127.0.0.1")
else {
  print("usage: client-bench squall|raw|delegate http://127.0.0.1:PORT/ CONCURRENCY SECONDS")
  exit(64)
}
let url = arguments[1]
let fetcher: any Fetcher =
  switch arguments[0] {
  case "squall": SquallFetcher(maxClients: concurrency)
  case "delegate": DelegateFetcher(maxClients: concurrency)
  default: RawFetcher(maxClients: concurrency)
  }

let result = try await run(fetcher, url: url, concurrency: concurrency, seconds: seconds)
await fetcher.close()
let rate = Double(result.count) / result.elapsed
print(
  String(
    format: "%@ c=%d: %.0f requests/s (%d requests, %d errors, %.1f s)", arguments[0], concurrency, rate, result.count,
    result.errors, result.elapsed))

protocol Fetcher: Sendable {
  /// Fetches `url`, returning the body size; throws on any error or non-200.
  func fetch(_ url: String) async throws -> Int
  func close() async
}

func run(_ fetcher: any Fetcher, url: String, concurrency: Int, seconds: Double) async throws -> (
  count: Int, errors: Int, elapsed: Double
) {
  // Warm up the connections first.
  for _ in 0..<concurrency { _ = try await fetcher.fetch(url) }
  let start = ContinuousClock.now
  let deadline = start + .milliseconds(Int(seconds * 1000))
  let (count, errors) = await withTaskGroup(of: (Int, Int).self) { group in
    for _ in 0..<concurrency {
      group.addTask {
        var done = 0
        var failed = 0
        while ContinuousClock.now < deadline {
          do {
            _ = try await fetcher.fetch(url)
            done += 1
          } catch { failed += 1 }
        }
        return (done, failed)
      }
    }
    var total = (0, 0)
    for await (done, failed) in group { total = (total.0 + done, total.1 + failed) }
    return total
  }
  let elapsed = ContinuousClock.now - start
  return (count, errors, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}
