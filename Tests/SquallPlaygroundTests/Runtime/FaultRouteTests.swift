import Foundation
import Squall
import SquallTestSupport
import SquallValues
import Testing

@testable import SquallPlayground
@testable import SquallPlaygroundCore

/// A route of the route editor can send a fault of the faults app instead of an answer: the
/// form reads its name (or refuses one it does not know, naming the choices), the hosted server
/// sends its bytes, and a learner's client meets it.
@Suite struct FaultRouteTests {
  @Test func theFormReadsAFaultByNameAndRefusesAnUnknownOne() {
    var form = RouteForm(MockRoute(method: "GET", pattern: "/broken"))
    form.fields[6] = TextField("Short-Body ")
    #expect((try? form.route().get())?.fault == .shortBody)
    form.fields[6] = TextField("")
    #expect((try? form.route().get())?.fault == nil)
    form.fields[6] = TextField("half-body")
    guard case .failure(let error) = form.route() else {
      Issue.record("an unknown fault is refused")
      return
    }
    #expect(error.message == "Fault is empty (a normal answer) or one of \(WireFault.namesInWords)")
    #expect(MockRoute(method: "GET", pattern: "/broken", fault: .reset).summary == "GET /broken  →  fault reset")
  }

  @Test func aRouteWithAFaultSendsItsBytes() async throws {
    let routes = [
      MockRoute(method: "GET", pattern: "/broken", fault: .shortBody),
      MockRoute(method: "GET", pattern: "/slowly", fault: .trickle),
    ]
    let app = PlaygroundServer.makeApplication(routes: routes, compress: false)
    try await withServer(app) { port, _ async throws in
      let client = AsyncHTTPClient()
      let broken = await client.perform(HTTPRequest("http://127.0.0.1:\(port)/broken", requestTimeout: 10))
      #expect(broken.error?.message.contains("after 10 of 100 body bytes") == true, "\(broken.error?.message ?? "")")
      let slowly = await client.perform(
        HTTPRequest("http://127.0.0.1:\(port)/slowly?bytes=3&every=5", requestTimeout: 10))
      #expect(slowly.code == 200 && slowly.text == "abc")
      await client.close()
    }
  }

  @Test func aSavedRouteWithoutAFaultStillLoads() throws {
    let old = #"{"method":"GET","pattern":"/a","status":200,"headers":[],"body":"x","delay":0}"#
    let route = try JSONDecoder().decode(MockRoute.self, from: Data(old.utf8))
    #expect(route.fault == nil && route.body == "x")
  }
}
