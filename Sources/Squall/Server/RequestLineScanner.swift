#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Finds request lines that Tornado refuses but NIOHTTP1's parser accepts: a run of spaces
/// between the method, the target and the version (`GET  / HTTP/1.1`). Tornado splits the line
/// on single spaces (`start_line.split(" ")`) and answers 400; llhttp reads it on whitespace
/// boundaries (RFC 9112 §3 permits either) and hands the server no trace of the extra spaces.
///
/// To find every request line of a connection, pipelined ones included, the scanner follows
/// the framing just far enough: it skips `Content-Length` bodies by count and walks chunked
/// bodies chunk by chunk. Where the framing is something the parser will refuse anyway (two
/// `Content-Length`s, a `Transfer-Encoding` other than `chunked`, a header line too long to
/// read) or hands the connection to another protocol (`Upgrade`, `CONNECT`), it stops looking:
/// from then on the parser's verdict stands alone.
///
/// Pure: no I/O. Costs a branch per byte of request lines and headers, and nothing per byte of
/// a body.
struct RequestLineScanner: Sendable {
  /// What one buffer of input held.
  enum Verdict: Equatable, Sendable {
    /// Nothing wrong so far.
    case fine
    /// The request line that starts at `requestStart` (an offset in this buffer, or nil when
    /// it began in an earlier one) has a run of spaces.
    case runOfSpaces(requestStart: Int?)
  }

  private enum State: Equatable {
    /// Before a request line: the empty lines llhttp skips.
    case betweenRequests
    case requestLine(afterSpace: Bool)
    case headerLine
    case body(remaining: Int)
    case chunkSize(size: Int, inExtension: Bool)
    case chunkData(remaining: Int)
    /// The CR LF that ends a chunk's data.
    case chunkEnd
    case trailerLine
    /// The rest of a header or trailer line the scanner need not read (its name starts with
    /// none of the letters of the headers it reads), up to its LF.
    case skippedLine(trailer: Bool)
    /// The framing is beyond this scanner (or a violation was found): the parser decides.
    case stopped
  }

  /// A header line is kept up to this many bytes: enough for every header the scanner reads.
  static let keptLineLength = 64

  private var state = State.betweenRequests
  /// The current header line, at most `keptLineLength` bytes; `lineLength` counts all of it.
  private var line: [UInt8] = []
  private var lineLength = 0
  /// How many bytes of the method so far spell the start of `CONNECT`; -1 once they do not,
  /// nil past the method.
  private var connectMatched: Int? = 0
  private var isConnect = false
  private var contentLength: Int?
  private var chunked = false
  private var framingUnknown = false

  init() {}

  /// Whether the scanner has stopped looking (a violation found, or framing it leaves to the parser).
  var hasStopped: Bool { state == .stopped }

  /// Reads the next bytes of the connection.
  mutating func scan(_ bytes: UnsafeRawBufferPointer) -> Verdict {
    var index = 0
    var requestStart: Int?
    let count = bytes.count
    while index < count {
      switch state {
      case .stopped:
        return .fine
      case .body(let remaining):
        let taken = min(remaining, count - index)
        index += taken
        state = remaining == taken ? .betweenRequests : .body(remaining: remaining - taken)
        continue
      case .chunkData(let remaining):
        let taken = min(remaining, count - index)
        index += taken
        state = remaining == taken ? .chunkEnd : .chunkData(remaining: remaining - taken)
        continue
      case .headerLine where lineLength == 0 && !Self.mayBeRead(bytes[index]):
        state = .skippedLine(trailer: false)
        continue
      case .trailerLine
      where lineLength == 0 && bytes[index] != UInt8(ascii: "\r") && bytes[index] != UInt8(ascii: "\n"):
        state = .skippedLine(trailer: true)
        continue
      case .skippedLine(let trailer):
        // Straight to the line's end (memchr), not byte by byte.
        guard let newline = memchr(bytes.baseAddress! + index, 0x0A, count - index) else { return .fine }
        index = bytes.baseAddress!.distance(to: UnsafeRawPointer(newline)) + 1
        state = trailer ? .trailerLine : .headerLine
        continue
      default:
        break
      }
      let byte = bytes[index]
      switch state {
      case .betweenRequests:
        if byte != UInt8(ascii: "\r") && byte != UInt8(ascii: "\n") {
          requestStart = index
          connectMatched = 0
          isConnect = false
          state = .requestLine(afterSpace: false)
          continue  // read this byte as the line's first
        }
      case .requestLine(let afterSpace):
        if byte == UInt8(ascii: " ") {
          if let matched = connectMatched {
            isConnect = matched == Self.connect.count
            connectMatched = nil
          }
          if afterSpace {
            state = .stopped
            return .runOfSpaces(requestStart: requestStart)
          }
          state = .requestLine(afterSpace: true)
        } else if byte == UInt8(ascii: "\n") {
          startHeaders()
        } else {
          if let matched = connectMatched, matched >= 0 {
            connectMatched = matched < Self.connect.count && Self.connect[matched] == byte ? matched + 1 : -1
          }
          state = .requestLine(afterSpace: false)
        }
      case .headerLine, .trailerLine:
        if byte == UInt8(ascii: "\n") {
          endLine()
        } else {
          if line.count < Self.keptLineLength { line.append(byte) }
          lineLength += 1
        }
      case .chunkSize(let size, let inExtension):
        if byte == UInt8(ascii: "\n") {
          state = size == 0 ? .trailerLine : .chunkData(remaining: size)
        } else if inExtension || byte == UInt8(ascii: "\r") {
          break
        } else if byte == UInt8(ascii: ";") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
          state = .chunkSize(size: size, inExtension: true)
        } else if let digit = Self.hexValue(byte), size < Int.max >> 4 {
          state = .chunkSize(size: size << 4 | digit, inExtension: false)
        } else {
          state = .stopped
        }
      case .chunkEnd:
        if byte == UInt8(ascii: "\n") { state = .chunkSize(size: 0, inExtension: false) }
      case .body, .chunkData, .skippedLine, .stopped:
        break
      }
      index += 1
    }
    return .fine
  }

  // MARK: Lines

  private mutating func startHeaders() {
    state = .headerLine
    line.removeAll(keepingCapacity: true)
    lineLength = 0
    contentLength = nil
    chunked = false
    framingUnknown = isConnect
  }

  private mutating func endLine() {
    if line.last == UInt8(ascii: "\r") {
      line.removeLast()
      lineLength -= 1
    }
    defer {
      line.removeAll(keepingCapacity: true)
      lineLength = 0
    }
    if lineLength == 0 {
      endHead()
    } else if state == .headerLine {
      readHeader()
    }
  }

  /// The blank line: the body follows, framed as the headers said.
  private mutating func endHead() {
    if state == .trailerLine {
      state = .betweenRequests
    } else if framingUnknown {
      state = .stopped
    } else if chunked {
      state = .chunkSize(size: 0, inExtension: false)
    } else if let contentLength, contentLength > 0 {
      state = .body(remaining: contentLength)
    } else {
      state = .betweenRequests
    }
  }

  private mutating func readHeader() {
    guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return }
    let name = line[..<colon]
    let watched = Self.matches(name, "content-length") || Self.matches(name, "transfer-encoding")
    if Self.matches(name, "upgrade") || (watched && lineLength > line.count) {
      framingUnknown = true
      return
    }
    let value = Self.trimmed(line[(colon + 1)...])
    if Self.matches(name, "content-length") {
      if contentLength != nil || value.isEmpty || value.count > 18 || !value.allSatisfy(Self.isDigit) {
        framingUnknown = true
      } else {
        contentLength = value.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
      }
    } else if Self.matches(name, "transfer-encoding") {
      if chunked || !Self.matches(value, "chunked") { framingUnknown = true } else { chunked = true }
    }
  }

  // MARK: Bytes

  private static let connect = Array("CONNECT".utf8)

  /// Compares ASCII case-insensitively with a lower-case name.
  private static func matches(_ bytes: ArraySlice<UInt8>, _ lowercase: String) -> Bool {
    let expected = lowercase.utf8
    guard bytes.count == expected.count else { return false }
    return zip(bytes, expected).allSatisfy { byte, wanted in
      (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte) == wanted
    }
  }

  private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    let isSpace: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) })
    else { return [] }
    return bytes[first...last]
  }

  /// Whether a header line starting with `byte` may be one the scanner reads (`Content-Length`,
  /// `Transfer-Encoding`, `Upgrade`), or is the blank line that ends the head.
  private static func mayBeRead(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "c"), UInt8(ascii: "C"), UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "u"),
      UInt8(ascii: "U"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
      true
    default: false
    }
  }

  private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

  private static func hexValue(_ byte: UInt8) -> Int? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
    default: nil
    }
  }
}
