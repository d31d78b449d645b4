import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// async-http-client used directly through its delegate API: the one Squall uses only to record
/// the request head as sent (it built every fetch on it before).
struct DelegateFetcher: Fetcher {
  let client: HTTPClient
  init(maxClients: Int) { client = squallConfiguredClient(maxClients: maxClients) }
  func fetch(_ url: String) async throws -> Int {
    let request = try HTTPClient.Request(url: url)
    let task = client.execute(
      request: request, delegate: ResponseAccumulator(request: request), deadline: .now() + .seconds(20))
    let response = try await task.futureResult.get()
    guard response.status == .ok else { throw HTTPClientError.invalidURL }
    return response.body?.readableBytes ?? 0
  }
  func close() async { try? await client.shutdown() }
}
