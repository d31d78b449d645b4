/// A way for a server to get HTTP wrong on purpose, as the faults example app sends it
/// (`squall serve --example faults`, `/fault/NAME`) and a route of the route editor can: the
/// exact bytes, pauses and the end of the connection, after the request has been read.
///
/// Tornado has no such table; its twin (`Tutorials/Python/faults_app.py`) writes the same bytes
/// through `RequestHandler.detach()`, and the two are compared byte for byte.
///
/// Pure: no I/O. The bytes are data; `FaultHandler` (SquallExamples) puts them on a socket.
package enum WireFault: String, CaseIterable, Sendable, Codable {
  case shortBody = "short-body"
  case badChunk = "bad-chunk"
  case cutChunked = "cut-chunked"
  case garbageStatus = "garbage-status"
  case noResponse = "no-response"
  case reset
  case stallAfterHead = "stall-after-head"
  case trickle
  case twoLengths = "two-lengths"
  case noColon = "no-colon"
  case hugeHeader = "huge-header"
  case earlyHints = "early-hints"

  /// One step of a fault: bytes, a pause, or the end of the connection.
  package enum Step: Sendable, Equatable {
    case write([UInt8])
    case pause(milliseconds: Int)
    /// A FIN after what was written.
    case close
    /// A TCP reset (`SO_LINGER` 0): the peer reads "connection reset by peer".
    case reset
  }

  /// The knobs of the timed faults, from the query (`?seconds=`, `?bytes=`, `?every=`), each
  /// held to its range so that no request holds a connection for long.
  package struct Parameters: Sendable, Equatable {
    /// stall-after-head: seconds of silence after the head (0–60, default 5).
    package var seconds: Double
    /// trickle: body bytes (1–1000, default 20).
    package var bytes: Int
    /// trickle: milliseconds between two bytes (0–2000, default 100), fewer when the whole
    /// body would take more than 60 s.
    package var every: Int

    package static let secondsRange = 0.0...60.0
    package static let bytesRange = 1...1000
    package static let everyRange = 0...2000
    /// The longest a trickle lasts, in milliseconds.
    package static let longestTrickle = 60_000

    package init(seconds: Double = 5, bytes: Int = 20, every: Int = 100) {
      self.seconds = min(
        max(seconds.isFinite ? seconds : 5, Self.secondsRange.lowerBound), Self.secondsRange.upperBound)
      self.bytes = min(max(bytes, Self.bytesRange.lowerBound), Self.bytesRange.upperBound)
      let every = min(max(every, Self.everyRange.lowerBound), Self.everyRange.upperBound)
      self.every = min(every, Self.longestTrickle / max(self.bytes - 1, 1))
    }

    /// The parameters a query names (`query("seconds")`, as the handler reads its arguments),
    /// each held to its range; a value that is not plain decimal (`1e3`, `+5`, `0x10`, `1_0`,
    /// digits past six) is the default, as the Tornado twin reads it. Pure.
    package init(query: (String) -> String?) {
      let defaults = Parameters()
      self.init(
        seconds: query("seconds").flatMap(Self.decimal) ?? defaults.seconds,
        bytes: query("bytes").flatMap(Self.whole) ?? defaults.bytes,
        every: query("every").flatMap(Self.whole) ?? defaults.every)
    }

    /// `^[0-9]{1,6}$` as a number, else nil.
    static func whole(_ text: String) -> Int? {
      guard (1...6).contains(text.utf8.count), text.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
      return Int(text)
    }

    /// `^[0-9]{1,6}(\.[0-9]{1,6})?$` as a number, else nil.
    static func decimal(_ text: String) -> Double? {
      let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
      guard whole(String(parts[0])) != nil, parts.count == 1 || whole(String(parts[1])) != nil else { return nil }
      return Double(text)
    }
  }

  /// The fault called `name` (`short-body`), or nil.
  package init?(name: String) { self.init(rawValue: name) }

  /// The names, for messages: "short-body, bad-chunk, … or early-hints".
  package static var namesInWords: String {
    let names = allCases.map(\.rawValue)
    return names.dropLast().joined(separator: ", ") + " or " + names.last!
  }

  /// The route's query, as the Server pane and README show it.
  package var query: String {
    switch self {
    case .stallAfterHead: "?seconds=N"
    case .trickle: "?bytes=N&every=MS"
    default: ""
    }
  }

  /// What it sends, in a few words.
  package var summary: String {
    switch self {
    case .shortBody: "Content-Length: 100, then 10 bytes, then close"
    case .badChunk: "chunked, then a chunk size that is not hex"
    case .cutChunked: "chunked, one chunk, then close without the last 0 chunk"
    case .garbageStatus: "a first line that is not an HTTP status line, then close"
    case .noResponse: "close without writing a byte"
    case .reset: "a TCP reset (SO_LINGER 0) instead of an answer"
    case .stallAfterHead: "a whole head (Content-Length: 5), then nothing for N s (default 5), then the body"
    case .trickle: "a valid answer, its body one byte every MS ms (default 20 bytes, 100 ms)"
    case .twoLengths: "two different Content-Length headers"
    case .noColon: "a header line without a colon"
    case .hugeHeader: "a 100 KiB header, past the clients' 64 KiB limit"
    case .earlyHints: "a 103 Early Hints, then the answer (valid HTTP)"
    }
  }

  /// Whether the bytes are valid HTTP, so that a client gets an answer (the trickle, a stall
  /// shorter than the client's timeout, the 103).
  package var isValidHTTP: Bool {
    switch self {
    case .stallAfterHead, .trickle, .earlyHints: true
    default: false
    }
  }

  static let crlf = "\r\n"
  /// The five-byte body the faults that announce `Content-Length: 5` send (as the twin does).
  static let fiveBytes = Array("hello".utf8)

  static func head(_ lines: [String]) -> [UInt8] {
    Array(
      (["HTTP/1.1 200 OK", "Content-Type: text/plain"] + lines + ["Connection: close"]).map { $0 + crlf }
        .joined().utf8) + Array(crlf.utf8)
  }

  /// The size of the huge header's value: past the 64 KiB both clients read at most.
  package static let hugeHeaderSize = 100 * 1024

  /// The bytes of the trickle's body: the alphabet, over and over.
  package static func trickleBody(_ count: Int) -> [UInt8] {
    (0..<count).map { UInt8(ascii: "a") + UInt8($0 % 26) }
  }

  /// What the fault sends, step by step. Pure.
  package func steps(_ parameters: Parameters = Parameters()) -> [Step] {
    switch self {
    case .shortBody: return [.write(Self.head(["Content-Length: 100"]) + Array("0123456789".utf8)), .close]
    case .badChunk:
      return [
        .write(Self.head(["Transfer-Encoding: chunked"]) + Array("5\r\nhello\r\nzz\r\nworld\r\n0\r\n\r\n".utf8)),
        .close,
      ]
    case .cutChunked:
      return [
        .write(Self.head(["Transfer-Encoding: chunked"]) + Array("5\r\n".utf8) + Self.fiveBytes + Array("\r\n".utf8)),
        .close,
      ]
    case .garbageStatus: return [.write(Array("HELLO, I AM NOT HTTP\r\n\r\n".utf8)), .close]
    case .noResponse: return [.close]
    case .reset: return [.reset]
    case .stallAfterHead:
      return [
        .write(Self.head(["Content-Length: 5"])), .pause(milliseconds: Int(parameters.seconds * 1000)),
        .write(Self.fiveBytes), .close,
      ]
    case .trickle:
      var steps: [Step] = [.write(Self.head(["Content-Length: \(parameters.bytes)"]))]
      for (index, byte) in Self.trickleBody(parameters.bytes).enumerated() {
        if index > 0 && parameters.every > 0 { steps.append(.pause(milliseconds: parameters.every)) }
        steps.append(.write([byte]))
      }
      return steps + [.close]
    case .twoLengths:
      return [.write(Self.head(["Content-Length: 5", "Content-Length: 10"]) + Self.fiveBytes), .close]
    case .noColon:
      return [.write(Self.head(["This line has no colon", "Content-Length: 5"]) + Self.fiveBytes), .close]
    case .hugeHeader:
      let value = String(repeating: "a", count: Self.hugeHeaderSize)
      return [.write(Self.head(["X-Huge: \(value)", "Content-Length: 5"]) + Self.fiveBytes), .close]
    case .earlyHints:
      let hints = Array("HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n".utf8)
      return [.write(hints + Self.head(["Content-Length: 2"]) + Array("ok".utf8)), .close]
    }
  }

  /// Every byte the fault writes, in order: what a client reads when it reads to the end. Pure.
  package func bytes(_ parameters: Parameters = Parameters()) -> [UInt8] {
    steps(parameters).flatMap { step -> [UInt8] in
      if case .write(let bytes) = step { return bytes }
      return []
    }
  }
}
