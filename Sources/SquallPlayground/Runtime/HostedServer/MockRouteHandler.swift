import Foundation
import Squall
import SquallExamples
import SquallPlaygroundCore
import SquallValues

/// Answers the routes made in the route editor: `kwargs["routes"]` holds the `MockRoute`s that
/// share one pattern; the request's method picks one, others get 405.
final class MockRouteHandler: RequestHandler {
  private var routes: [MockRoute] = []

  override func initialize(_ kwargs: [String: any Sendable]) {
    routes = kwargs["routes"] as? [MockRoute] ?? []
  }

  private func answer(_ args: [String]) async throws {
    guard let route = routes.first(where: { $0.method == request.method }) else { throw HTTPError(405) }
    if route.delay > 0 { try await Task.sleep(for: .milliseconds(Int(route.delay * 1000))) }
    if let fault = route.fault {
      try await sendFault(fault, WireFault.Parameters { [self] name in getQueryArguments(name).last })
      return
    }
    setStatus(route.status)
    for line in route.headers {
      guard let colon = line.firstIndex(of: ":") else { continue }
      let name = line[..<colon].trimmingCharacters(in: .whitespaces)
      let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      setHeader(name, value)
    }
    let body = MockRoute.render(
      route.body, args: args, kwargs: pathKwargs, query: { [self] name in self.getQueryArguments(name).last },
      method: request.method, path: request.path)
    if !body.isEmpty && route.status != 204 && route.status != 304 { write(body) }
  }

  override func allowedMethods() -> [String] { routes.map(\.method) }

  override func get(_ args: [String]) async throws { try await answer(args) }
  override func post(_ args: [String]) async throws { try await answer(args) }
  override func put(_ args: [String]) async throws { try await answer(args) }
  override func patch(_ args: [String]) async throws { try await answer(args) }
  override func delete(_ args: [String]) async throws { try await answer(args) }
  override func options(_ args: [String]) async throws { try await answer(args) }
  override func head(_ args: [String]) async throws { try await answer(args) }
}
