import Foundation
import Squall
import SquallTestSupport
import SquallValues
import Testing

@testable import SquallExamples

/// The faults example app (`squall serve --example faults`): each route puts on the socket
/// exactly the bytes its name says, then closes (or resets); Squall's client fails on each
/// broken answer with a message naming what broke, and succeeds on the valid ones.
@Suite struct FaultsAppTests {
  /// Short pauses, so that the timed faults finish quickly.
  static let quick = WireFault.Parameters(seconds: 0.2, bytes: 5, every: 10)
  static let query: [WireFault: String] = [.stallAfterHead: "?seconds=0.2", .trickle: "?bytes=5&every=10"]

  static func app() -> Application { Examples.named("faults")!.makeApp(Settings(logFunction: { _ in })) }

  static func path(_ fault: WireFault) -> String { "/fault/\(fault.rawValue)\(query[fault] ?? "")" }

  /// Sends GET `path` and reads to the end of the connection.
  static func readAll(_ port: Int, _ path: String) async throws -> (bytes: [UInt8], end: RawSocket.End) {
    try await blocking {
      let socket = try RawSocket(port: port)
      try socket.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
      return socket.readToEnd(timeout: 10)
    }
  }

  @Test(arguments: WireFault.allCases)
  func eachRouteSendsExactlyItsBytes(_ fault: WireFault) async throws {
    try await withServer(Self.app()) { port, _ async throws in
      let (bytes, end) = try await Self.readAll(port, Self.path(fault))
      #expect(bytes == fault.bytes(Self.quick), "\(String(decoding: bytes.prefix(200), as: UTF8.self))")
      #expect(end == (fault == .reset ? .reset : .closed))
    }
  }

  /// What Squall's client says for each fault: the words a learner reads in the builder and in
  /// `squall fetch`. Test data; the faults table of `CommandLine.md` says the same.
  static let squallSays: [WireFault: String] = [
    .shortBody: "the server closed the connection after 10 of 100 body bytes",
    .badChunk: "a chunk size of the body is not a hexadecimal number",
    .cutChunked: "closed the connection in the middle of the chunked body, after 5 bytes",
    .garbageStatus: "the first line is not an HTTP status line",
    .noResponse: "closed the connection without sending a response",
    .reset: "Connection reset by the server",
    .twoLengths: "two Content-Length headers",
    .noColon: "a line without a colon",
    .hugeHeader: "the response headers are too large",
  ]

  @Test(arguments: WireFault.allCases)
  func squallsClientNamesTheFault(_ fault: WireFault) async throws {
    try await withServer(Self.app()) { port, _ async throws in
      let client = AsyncHTTPClient()
      let response = await client.perform(
        HTTPRequest("http://127.0.0.1:\(port)\(Self.path(fault))", requestTimeout: 10))
      await client.close()
      if fault.isValidHTTP {
        #expect(response.code == 200, "\(response.error?.message ?? "")")
        #expect(response.body == Array(fault.bytes(Self.quick).suffix(response.body.count)) && !response.body.isEmpty)
      } else {
        #expect(response.code == 599)
        let words = try #require(Self.squallSays[fault])
        #expect(response.error?.message.contains(words) == true, "\(response.error?.message ?? "no error")")
      }
    }
  }

  @Test func aStallLongerThanTheRequestTimeoutIsATimeoutNotAHang() async throws {
    try await withServer(Self.app()) { port, _ async throws in
      let client = AsyncHTTPClient()
      let response = await client.perform(
        HTTPRequest("http://127.0.0.1:\(port)/fault/stall-after-head?seconds=30", requestTimeout: 0.5))
      await client.close()
      #expect(response.code == 599)
      #expect(response.error?.kind == .requestTimeout, "\(response.error?.message ?? "")")
      #expect(response.requestTime < 20, "cut at the 0.5 s timeout, not after the 30 s stall")
    }
  }

  @Test func theParametersAreHeldToTheirRanges() {
    let wild = WireFault.Parameters { ["seconds": "1e9", "bytes": "-4", "every": "nope"][$0] }
    #expect(wild == WireFault.Parameters(), "not plain decimal: the defaults")
    let far = WireFault.Parameters { ["seconds": "999999.5", "bytes": "0", "every": "999999"][$0] }
    #expect(far == WireFault.Parameters(seconds: 60, bytes: 1, every: 2000), "held to the ranges")
    let long = WireFault.Parameters(seconds: 1, bytes: 1000, every: 2000)
    #expect(long.every * (long.bytes - 1) <= WireFault.Parameters.longestTrickle)
    #expect(WireFault.Parameters(seconds: .nan).seconds == 5)
  }

  @Test func theIndexListsEveryFault() async throws {
    try await withServer(Self.app()) { port, _ async throws in
      let result = try await exchange(port, request("GET", "/"))
      let text = try #require(result.first?.bodyText)
      for fault in WireFault.allCases { #expect(text.contains("/fault/\(fault.rawValue)")) }
    }
  }
}
