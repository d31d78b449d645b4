import ArgumentParser
import Foundation
import NIOConcurrencyHelpers
import Squall
import SquallValues

/// `squall ws`: Squall's `websocketConnect` from the shell, as websocat or wscat: each line of
/// stdin goes out as a text message, each message received is printed on a line of its own.
struct WebSocketCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ws",
    abstract: "Talk to a WebSocket: stdin lines out as messages, messages received printed.",
    discussion: """
      Each line of stdin is sent as a text message (--binary: as a binary one); each message \
      received is printed on a line of its own, a binary one as hex. When stdin ends, squall \
      closes with 1000 and waits for the server's close. On a terminal, control characters are \
      escaped; piped output is the text as received.
      Exit status: 0 after a close handshake (a code other than 1000 is said on stderr), 1 when \
      the connection or the handshake fails or ends without a close frame.
      Examples (the echo app: squall serve --example echo):
        squall ws :8888/ws                     (ws://127.0.0.1:8888/ws; type, Ctrl-D to close)
        echo hello | squall ws :8888/ws        (prints hello)
        squall ws -v :8888/chat                (the handshake and every frame on stderr)
      """
  )

  @Argument(help: "The URL; `:8888/ws` means ws://127.0.0.1:8888/ws and a missing scheme means ws://.")
  var url: String
  @Option(name: [.customShort("H"), .customLong("header")], help: "A handshake header, 'Name: value' (repeatable).")
  var headers: [String] = []
  @Option(help: "A subprotocol to offer (repeatable); the server's choice is printed with -v.")
  var subprotocol: [String] = []
  @Flag(help: "Send each line as a binary message.") var binary = false
  @Flag(help: "Offer permessage-deflate (the echo app's /ws-deflate accepts it); -v marks compressed frames.")
  var compress = false
  @Flag(name: [.short, .long], help: "Print the handshake and every frame, both ways, to stderr.")
  var verbose = false
  @Option(help: "Seconds for the connection and the handshake.") var connectTimeout: Double = 20
  @Option(help: "A larger message from the server closes with 1009 (bytes; Tornado's default 10 MiB).")
  var maxMessageSize = 10 * 1024 * 1024

  func validate() throws {
    for header in headers {
      guard let colon = header.firstIndex(of: ":"), colon != header.startIndex,
        HeaderField.isValidName(String(header[..<colon])), !header.contains("\r"), !header.contains("\n")
      else {
        throw ValidationError("-H wants 'Name: value', got '\(TerminalSafe.escape(header))'")
      }
    }
    if let problem = NumberOption.connectTimeout.problem(connectTimeout) {
      throw ValidationError("--connect-timeout: \(problem.message)")
    }
    guard maxMessageSize >= 1 else { throw ValidationError("--max-message-size: give at least 1 byte") }
  }

  /// `:8888/ws` → `ws://127.0.0.1:8888/ws`; no scheme → `ws://`.
  static func normalize(_ url: String) -> String {
    if url.hasPrefix(":") { return "ws://127.0.0.1" + url }
    if !url.contains("://") { return "ws://" + url }
    return url
  }

  func run() async throws {
    let err = Terminal.standardError
    let verbose = verbose
    let pairs = headers.map { header -> (String, String) in
      let colon = header.firstIndex(of: ":")!
      return (String(header[..<colon]), header[header.index(after: colon)...].drop { $0 == " " }.description)
    }
    let printFrame: @Sendable (WebSocketFrameRecord) -> Void = { record in err.write(Self.frameLine(record) + "\n") }
    let connection: WebSocketConnection
    do {
      connection = try await websocketConnect(
        Self.normalize(url), connectTimeout: connectTimeout, subprotocols: subprotocol, headers: pairs,
        maxMessageSize: maxMessageSize, compression: compress ? WebSocketCompression() : nil,
        onFrame: verbose ? printFrame : nil)
    } catch let error as WebSocketHandshakeError {
      // Nothing listens there: the shell's way to start a server that has /ws.
      let advice = error.words.contains("connection refused") ? " (squall serve --example echo starts one)" : ""
      err.write("squall: \(TerminalSafe.escape(error.words))\(advice)\n")
      if let status = error.status {
        if verbose {
          for (name, value) in error.headers {
            err.write("< \(TerminalSafe.escape(name)): \(TerminalSafe.escape(value))\n")
          }
        }
        let body = error.body.trimmingCharacters(in: .whitespacesAndNewlines)
        if !body.isEmpty {
          err.write("squall: the server said (\(status)): \(TerminalSafe.escape(String(body.prefix(300))))\n")
        }
      }
      throw ExitCode(1)
    } catch {
      err.write("squall: \(TerminalSafe.escape("\(error)"))\n")
      throw ExitCode(1)
    }
    if verbose, let handshake = connection.handshake { Self.printHandshake(handshake, to: err) }
    // stdin on a thread of its own (a blocking read), lines handed over in order.
    let (lines, feed) = AsyncStream.makeStream(of: String?.self)
    Thread {
      while let line = readLine(strippingNewline: true) { feed.yield(line) }
      feed.yield(nil)
      feed.finish()
    }.start()
    let binary = binary
    let sender = Task {
      for await line in lines {
        guard let line else {
          connection.close(code: 1000)
          return
        }
        do {
          try await connection.writeMessage(binary ? .binary(Array(line.utf8)) : .text(line))
        } catch {
          return  // closed by the server: the reader says how
        }
      }
    }
    let out = Terminal.standardOutput
    while let message = await connection.readMessage() {
      switch message {
      case .text(let text): out.write((out.isInteractive ? TerminalSafe.escape(text) : text) + "\n")
      case .binary(let bytes): out.write(Self.hex(bytes) + "\n")
      }
    }
    sender.cancel()
    await connection.waitUntilClosed()
    if let violation = connection.protocolViolation {
      err.write("squall: the connection ended: \(violation)\n")
      throw ExitCode(1)
    }
    guard let code = connection.closeCode else {
      err.write("squall: the server closed the connection without a close frame\n")
      throw ExitCode(1)
    }
    if code != 1000 || verbose {
      let reason = connection.closeReason.map { ": \(TerminalSafe.escape($0))" } ?? ""
      err.write("squall: closed with \(code) (\(WebSocketNames.closeCode(code)))\(reason)\n")
    }
  }

  static func printHandshake(_ handshake: WebSocketHandshakeRecord, to err: Terminal) {
    err.write("> GET \(TerminalSafe.escape(handshake.target)) HTTP/1.1\n")
    for (name, value) in handshake.requestHeaders {
      err.write("> \(TerminalSafe.escape(name)): \(TerminalSafe.escape(value))\n")
    }
    err.write("< HTTP/1.1 \(handshake.status) \(TerminalSafe.escape(handshake.reason))\n")
    for (name, value) in handshake.responseHeaders {
      err.write("< \(TerminalSafe.escape(name)): \(TerminalSafe.escape(value))\n")
    }
  }

  /// `> text 5 hello`, `< ping 3 616263`, `< close 1000 bye`: a frame as `-v` prints it, its
  /// payload cut at 200 characters.
  static func frameLine(_ record: WebSocketFrameRecord) -> String {
    let frame = record.frame
    let arrow = record.outbound ? ">" : "<"
    let flags = (frame.fin ? "" : " (more follows)") + (frame.reserved & 0b100 != 0 ? " (deflated)" : "")
    let payload: String
    switch frame.opcode {
    case WebSocketFrameValue.close:
      let (code, reason) = WebSocketFrameValue.parseClose(frame.payload)
      payload = [code.map(String.init), reason.map { TerminalSafe.escape($0) }].compactMap { $0 }.joined(separator: " ")
    case _ where frame.reserved & 0b100 != 0:
      payload = hex(Array(frame.payload.prefix(100))) + (frame.payload.count > 100 ? "…" : "")
    case WebSocketFrameValue.text, WebSocketFrameValue.continuation:
      let text = String(decoding: frame.payload.prefix(200), as: UTF8.self)
      payload = TerminalSafe.escape(text) + (frame.payload.count > 200 ? "…" : "")
    default:
      payload = hex(Array(frame.payload.prefix(100))) + (frame.payload.count > 100 ? "…" : "")
    }
    return
      "\(arrow) \(WebSocketNames.opcode(frame.opcode)) \(record.length)\(flags)\(payload.isEmpty ? "" : " " + payload)"
  }

  static func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 15)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
