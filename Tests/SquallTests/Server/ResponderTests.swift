import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Squall
import SquallTestSupport
import Testing

@testable import ClientErrorClassification
@testable import Squall

/// A responder that is not an `Application`: what `HTTPServer(request_callback)` takes in Tornado.
struct PlainResponder: HTTPResponder {
  func respond(to request: HTTPServerRequest, writer: any HTTPResponseWriter) async {
    switch request.path {
    case "/forget":
      return  // never answers: the server must answer for it
    case "/where":
      // Where the handler runs: on an event loop, and after an await on the same one.
      let before = MultiThreadedEventLoopGroup.currentEventLoop
      try? await Task.sleep(for: .milliseconds(2))
      let after = MultiThreadedEventLoopGroup.currentEventLoop
      let text =
        before == nil
        ? "not on a loop" : (after.map { $0 === before! } == true ? "same loop" : "another place after await")
      var head = HTTPResponseHead(version: .http1_1, status: .ok)
      head.headers.add(name: "Content-Length", value: "\(text.utf8.count)")
      writer.finish(head: head, body: ByteBuffer(string: text))
    case "/half":
      try? await writer.writeHeaders(
        HTTPResponseHead(version: .http1_1, status: .ok), body: ByteBuffer(string: "part"), finish: false)
    default:
      var head = HTTPResponseHead(version: .http1_1, status: .ok)
      head.headers.add(name: "Content-Length", value: "\(request.path.utf8.count)")
      writer.finish(head: head, body: ByteBuffer(string: request.path))
    }
  }
}

@Suite struct ResponderTests {
  @Test func anyResponderCanServeAndAForgottenResponseIsAnswered() async throws {
    try await withServer(responder: PlainResponder()) { port, server async throws in
      let plain = try await exchange(port, request("GET", "/plain") + request("GET", "/again"), expect: 2)
      #expect(plain.responses.map(\.bodyText) == ["/plain", "/again"])
      let forgotten = try await exchange(port, request("GET", "/forget") + request("GET", "/after"), expect: 2)
      #expect(forgotten.statuses == [500, 200], "a responder that returns without answering gets a 500 sent for it")
      let half = try await exchange(port, request("GET", "/half"), expect: 1)
      #expect(half.closed, "a response begun and never ended closes the connection")
      let place = try await exchange(port, request("GET", "/where"), expect: 1)
      #expect(
        place.first?.bodyText == "same loop", "handlers run on their connection's loop, before and after an await")
      #expect(server.stats.requests == 5)
    }
  }
}
