import AsyncHTTPClient
import NIOCore
import NIOPosix

/// async-http-client used directly through its async API, configured as Squall configures it.
struct RawFetcher: Fetcher {
  let client: HTTPClient
  init(maxClients: Int) { client = squallConfiguredClient(maxClients: maxClients) }
  func fetch(_ url: String) async throws -> Int {
    let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(20))
    guard response.status == .ok else { throw HTTPClientError.invalidURL }
    return try await response.body.collect(upTo: 1 << 20).readableBytes
  }
  func close() async { try? await client.shutdown() }
}

/// async-http-client with Squall's settings for every request: Tornado's defaults (redirects
/// followed, up to 5, no cycles; responses decompressed; a refused connection reported at once),
/// `maxClients` connections per host, HTTP/1.1.
func squallConfiguredClient(maxClients: Int) -> HTTPClient {
  var configuration = HTTPClient.Configuration(
    redirectConfiguration: .follow(max: 5, allowCycles: false),
    timeout: .init(connect: .seconds(20), read: nil),
    decompression: .enabled(limit: .ratio(100)))
  configuration.connectionPool.retryConnectionEstablishment = false
  configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = maxClients
  configuration.httpVersion = .http1Only
  return HTTPClient(
    eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup.singleton), configuration: configuration)
}
