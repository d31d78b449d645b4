import Foundation
import NIOConcurrencyHelpers
import Squall
import SquallTestSupport
import Testing

@testable import SquallExamples

/// The echo app's `/ws` and `/chat` beside Tornado 6.6.1's twins (`Tutorials/Python/echo_app.py`),
/// probed by the same strict peer (`Tests/Peers/ws_peer.py`: the Python `websockets` library for
/// good traffic, its own raw frames for bad): handshakes and refusals, text, binary, 1 MiB,
/// fragments, pings, close codes, over `maxMessageSize`, invalid UTF-8, unmasked and reserved
/// frames, 300 connections at once, the chat's broadcast. Every case must read the same, but
/// for the documented differences below, checked both ways. Then Squall's client against
/// Tornado's server.
@Suite(.serialized, .enabled(if: TornadoReference.shouldRun, "needs `pip install tornado websockets`"))
struct WebSocketDifferentialTests {
  /// A difference on purpose (DifferencesFromTornado.md): in case `case`, at `path`, Squall's
  /// list holds `squallAdds` and Tornado's does not.
  struct KnownDifference: Sendable {
    var `case`: String
    var path: [String]
    var squallAdds: String
  }

  static let known = [
    // Every 405 carries Allow (RFC 9110), which Tornado leaves out.
    KnownDifference(case: "handshake-errors", path: ["results", "post", "headers"], squallAdds: "allow")
  ]

  static func runPeer(port: Int) async throws -> [String: [String: Any]] {
    guard let python = TornadoAvailable.python else {
      throw SocketError.failed("Tornado is not installed: run `pip install tornado websockets` (CI does)")
    }
    let peer = packageRoot.appendingPathComponent("Tests/Peers/ws_peer.py").path
    let result = try await runProgram(python, [peer, "ws://127.0.0.1:\(port)"], timeout: 90)
    guard result.status == 0 else {
      throw SocketError.failed("the peer failed (\(result.status)): \(result.errorOutput)\(result.output)")
    }
    var cases: [String: [String: Any]] = [:]
    for line in result.output.split(separator: "\n") {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
      cases[object["case"] as? String ?? "?"] = object
    }
    return cases
  }

  /// `object` with `value` taken out of the list at `path`; nil when it was not there.
  static func removing(_ value: String, at path: [String], in object: [String: Any]) -> [String: Any]? {
    var object = object
    guard let key = path.first else { return nil }
    if path.count == 1 {
      guard var list = object[key] as? [String], let index = list.firstIndex(of: value) else { return nil }
      list.remove(at: index)
      object[key] = list
      return object
    }
    guard let inner = object[key] as? [String: Any],
      let changed = removing(value, at: Array(path.dropFirst()), in: inner)
    else { return nil }
    object[key] = changed
    return object
  }

  static func text(_ object: Any) -> String {
    (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])).map {
      String(decoding: $0, as: UTF8.self)
    }
      ?? "\(object)"
  }

  @Test func thePeerSeesTheSameOnBothServers() async throws {
    let tornado = try await Self.runPeer(port: TornadoReference.echo.port())
    let squall = try await withServer(Examples.named("echo")!.makeApp(Settings(logFunction: { _ in }))) { port, _ in
      try await Self.runPeer(port: port)
    }
    #expect(tornado.count >= 17, "the peer's cases: \(tornado.keys.sorted())")
    #expect(Set(tornado.keys) == Set(squall.keys))
    for name in tornado.keys.sorted() {
      guard var ours = squall[name], let theirs = tornado[name] else { continue }
      for difference in Self.known where difference.case == name {
        // Both ways: Squall's answer has it, Tornado's has not.
        #expect(Self.removing(difference.squallAdds, at: difference.path, in: theirs) == nil, "Tornado now sends it")
        guard let without = Self.removing(difference.squallAdds, at: difference.path, in: ours) else {
          Issue.record("\(name): Squall no longer adds \(difference.squallAdds) at \(difference.path)")
          continue
        }
        ours = without
      }
      #expect(Self.text(ours) == Self.text(theirs), "case \(name)")
    }
  }

  @Test func squallsClientTalksToTornadosServer() async throws {
    let port = try TornadoReference.echo.port()
    let ws = try await websocketConnect("ws://127.0.0.1:\(port)/ws")
    try await ws.writeMessage("héllo ☃")
    #expect(await ws.readMessage() == .text("héllo ☃"))
    try await ws.writeMessage(Array(0...255))
    #expect(await ws.readMessage() == .binary(Array(0...255)))
    let big = String(repeating: "ab", count: 1 << 19)
    try await ws.writeMessage(big)
    #expect(await ws.readMessage() == .text(big))
    try await ws.ping(Array("abc".utf8))
    #expect(await ws.readEvent() == .pong(Array("abc".utf8)))
    ws.close(code: 4001, reason: "bye")
    #expect(await ws.readMessage() == nil)
    #expect(ws.closeCode == 4001)
    do {
      _ = try await websocketConnect("ws://127.0.0.1:\(port)/ws", headers: [("Origin", "http://evil.example")])
      Issue.record("Tornado accepted a cross-origin WebSocket")
    } catch let error as WebSocketHandshakeError {
      #expect(error.status == 403)
      #expect(error.body == "Cross origin websockets not allowed")
    }
  }

  @Test func squallsClientDeflatesWithTornado() async throws {
    let port = try TornadoReference.echo.port()
    let compressed = NIOLockedValueBox(0)
    let ws = try await websocketConnect(
      "ws://127.0.0.1:\(port)/ws-deflate", compression: WebSocketCompression(),
      onFrame: { record in if record.frame.reserved == 0b100 { compressed.withLockedValue { $0 += 1 } } })
    #expect(
      ws.handshake?.responseHeaders.first { $0.name.lowercased() == "sec-websocket-extensions" }?.value
        == "permessage-deflate")
    let text = String(repeating: "Tornado ☃ ", count: 3000)
    for _ in 0..<3 {
      try await ws.writeMessage(text)
      #expect(await ws.readMessage() == .text(text))
    }
    ws.close()
    await ws.waitUntilClosed()
    #expect(compressed.withLockedValue { $0 } == 6, "three sent and three received, each compressed")
  }
}
