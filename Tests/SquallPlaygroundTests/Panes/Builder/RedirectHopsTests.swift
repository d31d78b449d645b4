import Foundation
import Testing

@testable import SquallPlaygroundCore

/// The Timing tab lists each redirect the client followed: status, from where to where, when.
@Suite struct RedirectHopsTests {
  @Test func theTimingTabListsEachHop() {
    var state = Fixtures.state(width: 120, height: 40)
    state.focus = .builder
    _ = update(&state, .key(.control("r")))
    var response = BuilderScreenTests.response(body: "Hello, world", type: "text/plain")
    response.hops = [
      RedirectHop(url: "http://127.0.0.1:8888/a", status: 302, reason: "Found", location: "/b", at: 0.0012),
      RedirectHop(url: "http://127.0.0.1:8888/b", status: 301, reason: "Moved Permanently", location: "/", at: 0.0025),
    ]
    _ = update(&state, .fetched(id: state.builder.sent, response: response))
    state.builder.responseTab = .timing
    let lines = BuilderResponseView.lines(state.builder, width: 100).map(\.text)
    #expect(lines.contains("redirects followed (2):"))
    #expect(lines.contains("1. 302 Found at 1.20 ms · http://127.0.0.1:8888/a → /b"))
    #expect(lines.contains("2. 301 Moved Permanently at 2.50 ms · http://127.0.0.1:8888/b → /"))
  }

  /// The hop list on screen, wrapped whole at 80x24.
  @Test func theHopListOnScreen() throws {
    try GoldenScreenTests().check("builder-hops") { width, height in
      BuilderScreenTests.builder(width, height) { state in
        _ = update(&state, .key(.control("r")))
        var response = BuilderScreenTests.response(body: "Hello, world", type: "text/plain")
        response.hops = [
          RedirectHop(
            url: "http://127.0.0.1:8888/old/path", status: 301, reason: "Moved Permanently", location: "/new/path",
            at: 0.0011),
          RedirectHop(url: "http://127.0.0.1:8888/new/path", status: 302, reason: "Found", location: "/", at: 0.0024),
        ]
        _ = update(&state, .fetched(id: state.builder.sent, response: response))
        state.builder.responseTab = .timing
      }
    }
  }
}
