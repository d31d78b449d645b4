import NIOPosix
import Squall

// Servers for tests: each on a free loopback port and an event loop of its own, stopped with
// every connection closed whatever the test body does. Shared by the library's tests and the
// CLI's (which run the real binary against them).

/// Starts `app` on an ephemeral loopback port for the duration of `body`.
package func withServer<T>(
  _ app: Application, options: HTTPServer.Options = HTTPServer.Options(),
  _ body: (Int, HTTPServer) async throws -> T
) async throws -> T {
  var options = options
  options.compressResponse = options.compressResponse || app.settings.compressResponse
  return try await withServer(responder: app, options: options, body)
}

/// Starts any responder on an ephemeral loopback port for the duration of `body`.
package func withServer<T>(
  responder: any HTTPResponder, options: HTTPServer.Options = HTTPServer.Options(),
  _ body: (Int, HTTPServer) async throws -> T
) async throws -> T {
  // Each test's server has an event loop of its own: handlers run on their loop, so a test
  // whose handler computes for a while (a 20 MB body, in a debug build) cannot delay the
  // timers and sleeps of the tests running beside it.
  let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
  let server = HTTPServer(responder, options: options, group: group)
  func stop() async {
    await server.stop()
    await server.closeAllConnections()
    try? await group.shutdownGracefully()
  }
  do {
    try await server.listen(0)
    let result = try await body(server.ports[0], server)
    await stop()
    return result
  } catch {
    await stop()
    throw error
  }
}
