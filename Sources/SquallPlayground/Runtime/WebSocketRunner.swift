import Foundation
import NIOConcurrencyHelpers
import Squall
import SquallPlaygroundCore

/// The builder's WebSocket (a `ws://` URL) off the UI thread: connects with Squall's
/// `websocketConnect`, sends what the builder sends, closes; every frame both ways, the opening
/// and the end come back as events.
final class WebSocketRunner: Sendable {
  private let push: @Sendable (PlaygroundEvent) -> Void
  private let sockets = NIOLockedValueBox<[Int: (task: Task<Void, Never>, connection: WebSocketConnection?)]>([:])

  init(push: @escaping @Sendable (PlaygroundEvent) -> Void) { self.push = push }

  func connect(id: Int, url: String, headers: [String]) {
    let push = self.push
    let pairs = headers.compactMap { line -> (String, String)? in
      guard let colon = line.firstIndex(of: ":") else { return nil }
      return (String(line[..<colon]), String(line[line.index(after: colon)...].drop { $0 == " " }))
    }
    let task = Task { [sockets] in
      let connection: WebSocketConnection
      do {
        connection = try await websocketConnect(
          url, connectTimeout: 10, headers: pairs,
          onFrame: { record in
            push(
              .webSocket(
                id: id,
                .frame(
                  WebSocketFrameNote(
                    at: Date(), outbound: record.outbound, opcode: record.frame.opcode, fin: record.frame.fin,
                    deflated: record.frame.reserved & 0b100 != 0,
                    payload: record.frame.payload, length: record.length))))
          })
      } catch {
        push(.webSocket(id: id, .ended(WebSocketEnd(problem: "\(error)"))))
        sockets.withLockedValue { _ = $0.removeValue(forKey: id) }
        return
      }
      let cancelled = sockets.withLockedValue { sockets -> Bool in
        guard sockets[id] != nil else { return true }
        sockets[id]?.connection = connection
        return false
      }
      if cancelled || Task.isCancelled {
        connection.close(code: 1000)
      } else {
        push(.webSocket(id: id, .opened(subprotocol: connection.selectedSubprotocol)))
      }
      // Messages are in the frames already: reading only keeps the connection flowing.
      while await connection.readEvent() != nil {}
      await connection.waitUntilClosed()
      push(
        .webSocket(
          id: id,
          .ended(
            WebSocketEnd(
              code: connection.closeCode, reason: connection.closeReason, problem: connection.protocolViolation))
        ))
      sockets.withLockedValue { _ = $0.removeValue(forKey: id) }
    }
    sockets.withLockedValue { $0[id] = (task, nil) }
  }

  func send(id: Int, text: String) {
    guard let connection = sockets.withLockedValue({ $0[id]?.connection }) else {
      push(.webSocket(id: id, .ended(WebSocketEnd(problem: "the WebSocket is no longer open"))))
      return
    }
    Task { try? await connection.writeMessage(text) }
  }

  /// A ping carrying the time it left (`squall 12:00:01.250`): its pong brings the same bytes.
  func ping(id: Int) {
    guard let connection = sockets.withLockedValue({ $0[id]?.connection }) else { return }
    let stamp = Date().formatted(.iso8601.time(includingFractionalSeconds: true))
    Task { try? await connection.ping(Array("squall \(stamp)".utf8)) }
  }

  func close(id: Int) {
    let entry = sockets.withLockedValue { sockets -> (task: Task<Void, Never>, connection: WebSocketConnection?)? in
      guard let entry = sockets[id] else { return nil }
      if entry.connection == nil { sockets.removeValue(forKey: id) }  // still connecting: cancelled
      return entry
    }
    guard let entry else { return }
    if let connection = entry.connection {
      connection.close(code: 1000)
    } else {
      push(.webSocket(id: id, .ended(WebSocketEnd(problem: "cancelled while connecting"))))
    }
  }

  /// Closes every WebSocket (the playground quits).
  func closeAll() {
    for entry in sockets.withLockedValue({ Array($0.values) }) { entry.connection?.abort() }
    for burst in bursts.withLockedValue({ Array($0.values) }) {
      burst.task.cancel()
      for connection in burst.connections { connection.abort() }
    }
  }

  private let bursts = NIOLockedValueBox<[Int: (task: Task<Void, Never>, connections: [WebSocketConnection])]>([:])

  /// Opens `count` WebSockets, 50 connecting at a time, and keeps them; says how many are open
  /// as they open (every 50, and at the end).
  func burst(id: Int, url: String, headers: [String], count: Int) {
    let push = self.push
    let pairs = headers.compactMap { line -> (String, String)? in
      guard let colon = line.firstIndex(of: ":") else { return nil }
      return (String(line[..<colon]), String(line[line.index(after: colon)...].drop { $0 == " " }))
    }
    let bursts = self.bursts
    let task = Task {
      var opened = 0
      var failed = 0
      var problem: String?
      var next = 0
      await withTaskGroup(of: Result<WebSocketConnection, any Error>.self) { group in
        func launch() {
          guard next < count, !Task.isCancelled else { return }
          next += 1
          group.addTask {
            do { return .success(try await websocketConnect(url, connectTimeout: 10, headers: pairs)) } catch {
              return .failure(error)
            }
          }
        }
        for _ in 0..<min(50, count) { launch() }
        while let result = await group.next() {
          switch result {
          case .success(let connection):
            let kept = bursts.withLockedValue { bursts -> Bool in
              guard bursts[id] != nil else { return false }
              bursts[id]!.connections.append(connection)
              return true
            }
            if kept { opened += 1 } else { connection.close(code: 1000) }
          case .failure(let error):
            failed += 1
            problem = problem ?? "\(error)"
          }
          if (opened + failed) % 50 == 0 || opened + failed == count {
            push(.webSocketBurst(id: id, opened: opened, failed: failed, problem: problem))
          }
          launch()
        }
      }
    }
    bursts.withLockedValue { $0[id] = (task, []) }
  }

  /// Closes every WebSocket of burst `id` with 1000 (and stops opening more).
  func closeBurst(id: Int) {
    guard let burst = bursts.withLockedValue({ $0.removeValue(forKey: id) }) else { return }
    burst.task.cancel()
    for connection in burst.connections { connection.close(code: 1000) }
  }
}
