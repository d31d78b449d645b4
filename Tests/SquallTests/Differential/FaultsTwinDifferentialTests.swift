import Foundation
import Squall
import SquallTestSupport
import SquallValues
import Testing

@testable import SquallExamples

/// The faults app and its Tornado twin (`Tutorials/Python/faults_app.py`, written with
/// Tornado's `RequestHandler.detach()`): the same bytes on the socket for every route, the
/// same end (a close or a reset); and Tornado's client and Squall's meet each fault with the
/// same outcome: an error for a broken answer, the same body for a valid one.
@Suite(.serialized, .enabled(if: TornadoReference.shouldRun, "needs `pip install tornado`"))
struct FaultsTwinDifferentialTests {
  @Test(arguments: WireFault.allCases)
  func bothTwinsSendTheSameBytes(_ fault: WireFault) async throws {
    let tornadoPort = try await blocking { try TornadoReference.faults.port() }
    try await withServer(FaultsAppTests.app()) { squallPort, _ async throws in
      let path = FaultsAppTests.path(fault)
      let tornado = try await FaultsAppTests.readAll(tornadoPort, path)
      let squall = try await FaultsAppTests.readAll(squallPort, path)
      #expect(tornado.bytes == fault.bytes(FaultsAppTests.quick), "Tornado's twin sends other bytes")
      #expect(squall.bytes == tornado.bytes)
      #expect(squall.end == tornado.end)
    }
  }

  /// Queries a learner may type wrong, or a fuzzer would: both twins read each alike (plain
  /// decimal or the default; Tornado's control characters become spaces, then stripped).
  @Test(arguments: [
    "bytes=99999999999999999999", "bytes=1_0", "bytes=%FF", "bytes=1%002", "bytes=%205", "bytes=+5", "bytes=%2B5",
    "bytes=007", "bytes=5%0B", "bytes=1e2", "bytes=%D9%A3", "bytes=3&bytes=4", "bytes=",
  ])
  func oddQueriesAreReadAlike(_ query: String) async throws {
    let tornadoPort = try await blocking { try TornadoReference.faults.port() }
    try await withServer(FaultsAppTests.app()) { squallPort, _ async throws in
      let path = "/fault/trickle?every=0&" + query
      let tornado = try await FaultsAppTests.readAll(tornadoPort, path)
      let squall = try await FaultsAppTests.readAll(squallPort, path)
      #expect(
        squall.bytes == tornado.bytes, "\(query): Squall \(squall.bytes.count) bytes, Tornado \(tornado.bytes.count)")
      #expect(squall.end == tornado.end)
    }
  }

  /// What Tornado's client (6.6.1) reports for each fault, as `{"path", "code", "error", "body"}`.
  /// Tornado names no fault: a malformed answer is "Connection closed" (the real reason goes to
  /// its log), a reset is the socket's `ConnectionResetError`. Squall's message names the
  /// fault; that difference is on purpose (`DifferencesFromTornado.md`).
  static let tornadoSays: [WireFault: String] = [
    .shortBody: "HTTPStreamClosedError", .badChunk: "HTTPStreamClosedError", .cutChunked: "HTTPStreamClosedError",
    .garbageStatus: "HTTPStreamClosedError", .noResponse: "HTTPStreamClosedError", .reset: "ConnectionResetError",
    .twoLengths: "HTTPStreamClosedError", .noColon: "HTTPStreamClosedError", .hugeHeader: "UnsatisfiableReadError",
  ]

  @Test func bothClientsMeetEachFaultAlike() async throws {
    let python = try #require(python3Path())
    let script = """
      import json, sys
      from tornado.httpclient import AsyncHTTPClient, HTTPRequest
      from tornado.ioloop import IOLoop
      async def main():
          client = AsyncHTTPClient()
          for url in sys.argv[1:]:
              try:
                  response = await client.fetch(HTTPRequest(url, request_timeout=10), raise_error=False)
                  print(json.dumps({"code": response.code, "error": None,
                      "body": response.body.decode("latin-1")}))
              except Exception as error:
                  print(json.dumps({"code": 599, "error": type(error).__name__, "body": ""}))
      IOLoop.current().run_sync(main)
      """
    try await withServer(FaultsAppTests.app()) { port, _ async throws in
      let urls = WireFault.allCases.map { "http://127.0.0.1:\(port)\(FaultsAppTests.path($0))" }
      let result = try await runProgram(python, ["-c", script] + urls, timeout: 60)
      let lines = result.output.split(separator: "\n")
      try #require(lines.count == urls.count, "\(result.errorOutput.suffix(2000))")
      let client = AsyncHTTPClient()
      for (fault, line) in zip(WireFault.allCases, lines) {
        let tornado = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let squall = await client.perform(
          HTTPRequest(urls[WireFault.allCases.firstIndex(of: fault)!], requestTimeout: 10))
        #expect(squall.code == tornado["code"] as? Int, "\(fault): Squall \(squall.code), Tornado \(line)")
        #expect(tornado["error"] as? String == Self.tornadoSays[fault], "\(fault): \(line)")
        if fault.isValidHTTP {
          #expect(String(decoding: squall.body, as: UTF8.self) == tornado["body"] as? String, "\(fault)")
        }
      }
      await client.close()
    }
  }
}
