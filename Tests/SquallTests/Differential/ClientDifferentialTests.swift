import Foundation
import Squall
import SquallTestSupport
import Testing

/// Squall's client and Tornado 6.6.1's `AsyncHTTPClient` against the same server: the same
/// headers reach it and the same redirects are followed. The differences kept on purpose are
/// listed here and in `Sources/Squall/Squall.docc/DifferencesFromTornado.md`.
@Suite(.enabled(if: TornadoReference.shouldRun)) struct ClientDifferentialTests {
  /// Headers that differ on purpose: Tornado closes each connection (`Connection: close`),
  /// Squall keeps it for the next fetch; each names itself in `User-Agent`.
  static let differentOnPurpose: Set<String> = ["connection", "user-agent"]

  /// What Tornado's client sends and gets for `path`, as `{"code":…, "effective_url":…, "body":…}`.
  func tornadoFetch(_ url: String, method: String, body: String?, maxRedirects: Int) async throws -> [String: Any] {
    let python = try #require(python3Path())
    let script = """
      import json, sys
      from tornado.httpclient import AsyncHTTPClient, HTTPRequest
      from tornado.ioloop import IOLoop
      async def main():
          client = AsyncHTTPClient()
          body = sys.argv[3] if len(sys.argv) > 3 else None
          response = await client.fetch(HTTPRequest(sys.argv[1], method=sys.argv[2], body=body,
              max_redirects=\(maxRedirects)), raise_error=False)
          print(json.dumps({"code": response.code, "effective_url": response.effective_url,
              "body": response.body.decode("utf-8", "replace")}))
      IOLoop.current().run_sync(main)
      """
    let result = try await runProgram(python, ["-c", script, url, method] + (body.map { [$0] } ?? []))
    #expect(result.status == 0, "\(result.errorOutput)")
    let object = try JSONSerialization.jsonObject(with: Data(result.output.utf8))
    return try #require(object as? [String: Any])
  }

  @Test(arguments: [("GET", nil), ("POST", "a=1"), ("PUT", "x")] as [(String, String?)])
  func theSameHeadersReachTheServer(method: String, body: String?) async throws {
    try await withServer(ClientWireTests.app()) { port, _ async throws in
      let url = "http://127.0.0.1:\(port)/echo"
      let tornado = try await tornadoFetch(url, method: method, body: body, maxRedirects: 5)
      let tornadoEcho = try #require(
        try JSONSerialization.jsonObject(with: Data(((tornado["body"] as? String) ?? "").utf8)) as? [String: Any])
      let client = AsyncHTTPClient()
      let squall = try await client.fetch(HTTPRequest(url, method: method, body: body.map { Array($0.utf8) }))
      let squallEcho = try #require(try JSONSerialization.jsonObject(with: Data(squall.body)) as? [String: Any])
      func headers(_ echo: [String: Any]) -> [String: String] {
        let all = echo["headers"] as? [String: String] ?? [:]
        return Dictionary(
          all.map { ($0.key.lowercased(), $0.value) }.filter { !Self.differentOnPurpose.contains($0.0) },
          uniquingKeysWith: { first, _ in first })
      }
      #expect(headers(squallEcho) == headers(tornadoEcho), "\(method): Squall vs Tornado")
      #expect(squallEcho["body"] as? String == tornadoEcho["body"] as? String)
      await client.close()
    }
  }

  @Test(arguments: [0, 2, 5])
  func pastMaxRedirectsBothReturnTheLastRedirect(maxRedirects: Int) async throws {
    try await withServer(ClientWireTests.app()) { port, _ async throws in
      let url = "http://127.0.0.1:\(port)/hop/0"
      let tornado = try await tornadoFetch(url, method: "GET", body: nil, maxRedirects: maxRedirects)
      let client = AsyncHTTPClient()
      let squall = try await client.fetch(HTTPRequest(url, maxRedirects: maxRedirects), raiseError: false)
      #expect(squall.code == tornado["code"] as? Int)
      #expect(squall.effectiveURL == tornado["effective_url"] as? String)
      #expect(squall.effectiveURL == "http://127.0.0.1:\(port)/hop/\(maxRedirects)")
      await client.close()
    }
  }

  /// Over a chain of 302s with bodies, Tornado's client streams only the final answer and
  /// reports only its head; so does Squall's.
  @Test func followedRedirectsReachNoCallbackInEither() async throws {
    try await withServer(ClientWireTests.app()) { port, _ async throws in
      let url = "http://127.0.0.1:\(port)/bodyhop/0"
      let python = try #require(python3Path())
      let script = """
        import json, sys
        from tornado.httpclient import AsyncHTTPClient, HTTPRequest
        from tornado.ioloop import IOLoop
        async def main():
            streamed, lines = [], []
            request = HTTPRequest(sys.argv[1], streaming_callback=streamed.append, header_callback=lines.append)
            response = await AsyncHTTPClient().fetch(request)
            print(json.dumps({"code": response.code, "streamed": b"".join(streamed).decode(),
                "status_lines": [line for line in lines if line.startswith("HTTP/")]}))
        IOLoop.current().run_sync(main)
        """
      let result = try await runProgram(python, ["-c", script, url])
      #expect(result.status == 0, "\(result.errorOutput)")
      let tornado = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
      let streamed = Collected<[UInt8]>()
      let lines = Collected<String>()
      let client = AsyncHTTPClient()
      let squall = try await client.fetch(
        HTTPRequest(url, headerCallback: { lines.append($0) }, streamingCallback: { streamed.append($0) }))
      await client.close()
      #expect(squall.code == tornado["code"] as? Int)
      #expect(String(decoding: Array(streamed.items.joined()), as: UTF8.self) == tornado["streamed"] as? String)
      #expect(tornado["streamed"] as? String == "final")
      #expect(lines.items.filter { $0.hasPrefix("HTTP/") } == tornado["status_lines"] as? [String])
    }
  }
}
