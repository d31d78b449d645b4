import Foundation

// The builder's answer linked to the hosted server's side of it: the raw bytes the server read
// and wrote, for the Raw tab (and under an error, where a broken answer's bytes explain it).

extension BuilderResponse {
  /// Whether `served` is the playground server's side of this answer: a `←` entry of the same
  /// method and origin-form target that started while this fetch ran. Pure.
  package func isAnswered(by served: LogEntry, serverPort: Int) -> Bool {
    guard served.direction == .served, served.method == entry.method,
      let components = URLComponents(string: effectiveURL), components.port == serverPort,
      ["127.0.0.1", "localhost", "::1", "[::1]"].contains(components.host ?? "")
    else { return false }
    let target = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
    let origin = target + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
    guard served.target == origin else { return false }
    // Wall-clock times of two threads: a little slack either way.
    return served.time >= entry.time.addingTimeInterval(-0.5) && served.time <= entry.finishedAt.addingTimeInterval(1)
  }
}

extension BuilderState {
  /// Links the answer to the newest matching `←` entry of `entries` (the log's newest), if it
  /// has none yet.
  mutating func linkServed(_ entries: some BidirectionalCollection<LogEntry>, serverPort port: Int) {
    guard let response, response.served == nil else { return }
    if let served = entries.suffix(64).last(where: { response.isAnswered(by: $0, serverPort: port) }) {
      self.response?.served = served
    }
  }
}
