import Foundation
import Squall
import SquallExamples
import SquallRequests
import SquallTestSupport
import SquallTransport
import Testing

@testable import SquallPlayground
@testable import SquallPlaygroundCore

/// The builder's slow client: a request's bytes one at a time. A server's header timeout
/// (Tornado's idle_connection_timeout) closes on it; a patient server answers it; a host off
/// this machine is refused; and what it came to is said in words the builder shows.
@Suite struct SlowSenderTests {
  static let request = Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow\r\n\r\n".utf8)

  static func app() -> Application { Examples.named("hello")!.makeApp(Settings(logFunction: { _ in })) }

  @Test func theIdleTimeoutClosesOnASlowClient() async throws {
    var options = HTTPServer.Options()
    options.idleConnectionTimeout = 0.3
    try await withServer(Self.app(), options: options) { port, _ async throws in
      let outcome = try await SlowSender.send(
        Self.request, host: "127.0.0.1", port: port, everyMilliseconds: 100, timeout: 20)
      #expect(outcome.sent < outcome.total, "closed before the head was whole: \(outcome.sent)")
      #expect(outcome.end == .closed && outcome.received.isEmpty)
      #expect(outcome.duration < 20)
      let http = HTTPRequest("http://127.0.0.1:\(port)/")
      let response = BuilderResponse(
        slow: outcome, request: http, every: 100, timeout: 20, started: Date(), cancelled: false)
      #expect(response.entry.status == 599 && response.entry.failure == .closed)
      // One byte only, on a loaded machine: "1 of 51 request byte sent".
      let unit = outcome.sent == 1 ? "byte" : "bytes"
      #expect(
        response.entry.error?.hasPrefix(
          "The server closed the connection after \(outcome.sent) of \(outcome.total) request \(unit) sent, one every 100 ms"
        )
          == true, "\(response.entry.error ?? "")")
    }
  }

  @Test func aPatientServerAnswersASlowClient() async throws {
    try await withServer(Self.app()) { port, _ async throws in
      let outcome = try await SlowSender.send(
        Self.request, host: "127.0.0.1", port: port, everyMilliseconds: 1, timeout: 20)
      #expect(outcome.sent == outcome.total)
      let response = BuilderResponse(
        slow: outcome, request: HTTPRequest("http://127.0.0.1:\(port)/"), every: 1, timeout: 20, started: Date(),
        cancelled: false)
      #expect(response.entry.status == 200 && response.entry.error == nil)
      #expect(response.entry.responseBody == Array("Hello, world".utf8))
      #expect(response.entry.requestHeaders.first { $0.0 == "User-Agent" }?.1 == "slow")
    }
  }

  @Test func onlyThisMachineIsSentTo() async throws {
    for host in [
      "10.0.0.1", "example.com", "169.254.1.1", "127.0.0.1.example.com", "127.0.0.08", "127.1", "0x7f.0.0.1",
      "::ffff:127.0.0.1", "127.0.0.256", "",
    ] {
      #expect(SlowSender.loopbackAddress(host, port: 80) == nil, "\(host)")
      await #expect(throws: SlowSender.Refused.notLoopback(host)) {
        _ = try await SlowSender.send(Self.request, host: host, port: 80, everyMilliseconds: 1, timeout: 1)
      }
    }
    for host in ["127.0.0.1", "127.1.2.3", "[::1]", "::1", "localhost"] {
      #expect(SlowSender.loopbackAddress(host, port: 80) != nil, "\(host)")
    }
  }

  @Test func theOptionIsReadAsMillisecondsAndSendingSaysSo() {
    var state = Fixtures.state(width: 120, height: 40)
    #expect(OptionRow.sendSlowly.set(&state.builder, "250ms") == nil && state.builder.sendSlowly == 250)
    #expect(OptionRow.sendSlowly.set(&state.builder, "9000")?.hasSuffix("; the old value stays") == true)
    #expect(state.builder.sendSlowly == 250)
    state.focus = .builder
    state.builder.spec = RequestSpec(method: "GET", url: "{{base}}/")
    let effects = update(&state, .key(.control("r")))
    guard case .network(.sendSlowly(_, _, _, let every))? = effects.first else {
      Issue.record("a slow send, got \(effects)")
      return
    }
    #expect(every == 250)
    #expect(state.message.contains("slowly, one byte every 250 ms"))
  }
}
