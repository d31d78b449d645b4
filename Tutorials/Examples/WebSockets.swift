import Squall

/// Tornado's documented `EchoWebSocket`: every message comes back as it came, text as text,
/// binary as binary.
// snippet.ws-echo
final class EchoWebSocket: WebSocketHandler {
  override func open() async throws {}

  override func onMessage(_ message: WebSocketMessage) async throws {
    try await writeMessage(message)  // text as text, binary as binary
  }

  override func onClose() {}
}
// snippet.end

/// The echo with `permessage-deflate` (RFC 7692): a client that offers it gets every message
/// compressed, as Tornado's handler whose `get_compression_options` returns options.
// snippet.ws-deflate
final class DeflateEchoWebSocket: WebSocketHandler {
  override func getCompressionOptions() -> WebSocketCompression? { WebSocketCompression() }  // zlib's defaults

  override func onMessage(_ message: WebSocketMessage) async throws {
    try await writeMessage(message)
  }
}
// snippet.end

/// A chat: every message to every open `/chat` connection, the sender's too. The connections
/// live in an actor, where Tornado keeps a class-level set: handlers of several event loops
/// reach it safely.
// snippet.ws-chat
actor ChatRoom {
  static let shared = ChatRoom()
  private var connections: [ObjectIdentifier: WebSocketConnection] = [:]

  func join(_ connection: WebSocketConnection) { connections[ObjectIdentifier(connection)] = connection }
  func leave(_ connection: WebSocketConnection) { connections[ObjectIdentifier(connection)] = nil }

  func broadcast(_ message: WebSocketMessage) async {
    for connection in connections.values {  // the sender too
      try? await connection.writeMessage(message)  // a connection closing: skip it
    }
  }
}

final class ChatWebSocket: WebSocketHandler {
  override func open() async throws {
    if let webSocket { await ChatRoom.shared.join(webSocket) }
  }

  override func onMessage(_ message: WebSocketMessage) async throws {
    await ChatRoom.shared.broadcast(message)
  }

  override func onClose() {
    guard let webSocket else { return }
    Task { await ChatRoom.shared.leave(webSocket) }
  }
}
// snippet.end
