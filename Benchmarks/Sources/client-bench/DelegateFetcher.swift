import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix

/// async-http-client's delegate API used directly (the API Squall's client is built on).
struct DelegateFetcher: Fetcher {
  let client: HTTPClient
  init(maxClients: Int) {
    var configuration = HTTPClient.Configuration(
      redirectConfiguration: .follow(max: 5, allowCycles: false),
      timeout: .init(connect: .seconds(20), read: nil),
      decompression: .enabled(limit: .ratio(100)))
    configuration.connectionPool.retryConnectionEstablishment = false
    configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = maxClients
    configuration.httpVersion = .http1Only
    client = HTTPClient(
      eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup.singleton), configuration: configuration)
  }
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
