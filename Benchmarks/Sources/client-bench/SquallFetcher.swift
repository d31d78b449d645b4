import Squall

/// Squall's Tornado-style client.
struct SquallFetcher: Fetcher {
  let client: AsyncHTTPClient
  init(maxClients: Int) { client = AsyncHTTPClient(maxClients: maxClients) }
  func fetch(_ url: String) async throws -> Int { try await client.fetch(url).body.count }
  func close() async { await client.close() }
}
