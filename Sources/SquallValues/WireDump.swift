import Foundation

/// The exact bytes of HTTP/1 messages as they crossed the wire, for people: the head's lines
/// with their line ends shown (`␍␊`), each chunk-size line with what it announces, a body as
/// text when it is text and as a hex dump when it is not (a gzipped body, an image). The Raw
/// view of the playground's builder and log, and `squall compare` when an answer is not HTTP.
///
/// The bytes are untrusted: the split never fails (what does not parse as its framing says is
/// shown as it is, from there on) and every line is terminal-safe. Pure: no I/O.
package enum WireDump {
  /// A piece of the bytes, in order: together the parts are the bytes, nothing lost or added.
  package enum Part: Sendable, Equatable {
    /// A line of a head or of a trailer, or the CRLF after a chunk, line end included.
    case line([UInt8])
    /// A chunk-size line (line end included) and the size it announces, nil when it is not hex.
    case chunkSize([UInt8], size: Int?)
    /// A body, or one chunk's data.
    case data([UInt8])
    /// Bytes that do not follow the framing the head announced: shown as they are.
    case unframed([UInt8])

    package var bytes: [UInt8] {
      switch self {
      case .line(let bytes), .chunkSize(let bytes, _), .data(let bytes), .unframed(let bytes): bytes
      }
    }
  }

  /// The most bytes dumped; past it the rest is counted.
  package static let defaultLimit = 16 * 1024

  /// Splits `bytes` into the parts of one or more HTTP/1 messages (requests or responses,
  /// a `103` before its answer, pipelined messages). Pure; linear in the size.
  package static func parts(_ bytes: [UInt8]) -> [Part] {
    var parser = Splitter(bytes: bytes)
    parser.run()
    return parser.parts
  }

  /// The bytes as lines a terminal can show, at most `limit` of them dumped (the rest
  /// counted), hex rows of 16 bytes when `width` allows and of 8 otherwise. Pure.
  package static func lines(_ bytes: [UInt8], width: Int = 80, limit: Int = defaultLimit) -> [String] {
    if bytes.isEmpty { return ["(no bytes)"] }
    let shown = Array(bytes.prefix(max(limit, 0)))
    // A row of 16 is 73 columns (`0000  ` + 47 + `  |` + 16 + `|`).
    let row = width >= 73 ? 16 : 8
    var out: [String] = []
    var offset = 0
    for part in parts(shown) {
      switch part {
      case .line(let line): out.append(text(line))
      case .chunkSize(let line, let size):
        let note =
          switch size {
          case .none: "not a hexadecimal size"
          case .some(0): "the last chunk"
          case .some(let size): "a chunk of \(size) byte\(size == 1 ? "" : "s")"
          }
        out.append(text(line) + "   ← " + note)
      case .data(let data), .unframed(let data):
        if case .unframed = part { out.append("── not as the head framed it: as it is ──") }
        out += isText(data) ? textLines(data) : hexRows(data, from: offset, perRow: row)
      }
      offset += part.bytes.count
    }
    if bytes.count > shown.count {
      out.append("… \(bytes.count - shown.count) more bytes (the first \(shown.count) are shown)")
    }
    return out
  }

  /// An answer read from raw bytes (the builder's slow sender): the first final response (a
  /// 1xx before it skipped), its body de-chunked, and whether it is whole. Pure.
  package struct Answer: Sendable, Equatable {
    package var version: String
    package var status: Int
    package var reason: String
    package var headers: [HeaderPair]
    package var body: [UInt8]
    package var complete: Bool
  }

  /// A header as received, its name's case kept.
  package struct HeaderPair: Sendable, Equatable {
    package var name: String
    package var value: String
    package init(name: String, value: String) {
      self.name = name
      self.value = value
    }
  }

  /// The first final answer in `bytes`, or nil when its status line is not whole or not HTTP.
  /// `closed`: the connection ended after these bytes (a body without a length is then whole).
  /// `headRequest`: the answer is to a HEAD, so it has no body whatever its head says.
  package static func answer(_ bytes: [UInt8], closed: Bool, headRequest: Bool = false) -> Answer? {
    var splitter = Splitter(bytes: bytes, headRequest: headRequest)
    splitter.run()
    for message in splitter.messages {
      let parts = Array(splitter.parts[message.parts])
      guard case .line(let first)? = parts.first else { continue }
      let words = String(decoding: first, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        .split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
      guard words.count >= 2, words[0].hasPrefix("HTTP/1."), let status = Int(words[1]), (100...999).contains(status)
      else { return nil }
      if (100..<200).contains(status) && status != 101 { continue }
      var headers: [HeaderPair] = []
      var body: [UInt8] = []
      var inHead = true
      for part in parts.dropFirst() {
        switch part {
        case .line(let line) where inHead:
          if Splitter.isBlank(line) {
            inHead = false
            continue
          }
          let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .newlines)
          guard let colon = text.firstIndex(of: ":") else { continue }
          headers.append(
            HeaderPair(
              name: String(text[..<colon]),
              value: text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        case .data(let data): body += data
        default: break
        }
      }
      let runsToTheEnd =
        Framing(
          parts.prefix { if case .line(let line) = $0 { !Splitter.isBlank(line) } else { false } }
            .map(\.bytes), headRequest: headRequest) == .toTheEnd
      return Answer(
        version: String(words[0]), status: status, reason: words.count > 2 ? String(words[2]) : "",
        headers: headers, body: body, complete: message.complete || (closed && runsToTheEnd && !inHead))
    }
    return nil
  }

  /// Whether `bytes` read as text: UTF-8, and no control character but tab, CR and LF.
  package static func isText(_ bytes: [UInt8]) -> Bool {
    guard String(validating: bytes, as: UTF8.self) != nil else { return false }
    return !bytes.contains { ($0 < 0x20 && $0 != 9 && $0 != 10 && $0 != 13) || $0 == 0x7F }
  }

  /// One line, escaped, with its line end shown (`␍␊`, `␊`).
  static func text(_ line: [UInt8]) -> String {
    var body = line[...]
    var end = ""
    if body.last == 10 {
      body = body.dropLast()
      end = "␊"
      if body.last == 13 {
        body = body.dropLast()
        end = "␍␊"
      }
    }
    return TerminalSafe.escape(body) + end
  }

  /// Text split after each line feed, each line as `text` shows it.
  static func textLines(_ data: [UInt8]) -> [String] {
    var out: [String] = []
    var start = 0
    for index in data.indices where data[index] == 10 {
      out.append(text(Array(data[start...index])))
      start = index + 1
    }
    if start < data.count { out.append(text(Array(data[start...]))) }
    return out
  }

  /// `0010  1f 8b 08 00 …  |..H..|`: the offset from the first byte, hex, and the printable
  /// ASCII (a dot for the rest).
  package static func hexRows(_ data: [UInt8], from offset: Int, perRow: Int) -> [String] {
    var out: [String] = []
    var start = 0
    while start < data.count {
      let slice = data[start..<min(start + perRow, data.count)]
      let address = hex(offset + start, digits: 4)
      let hexes = slice.map { hex(Int($0), digits: 2) }.joined(separator: " ")
      let padded = hexes + String(repeating: " ", count: (perRow * 3 - 1) - hexes.count)
      let ascii = String(slice.map { (0x20..<0x7F).contains($0) ? Character(UnicodeScalar($0)) : "." })
      out.append("\(address)  \(padded)  |\(ascii)|")
      start += perRow
    }
    return out
  }

  static func hex(_ value: Int, digits: Int) -> String {
    let text = String(value, radix: 16)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
  }

  /// The split, one pass over the bytes.
  struct Splitter {
    let bytes: [UInt8]
    var index = 0
    var parts: [Part] = []
    /// Each message: the range of its parts, and whether it ended as its framing says (a body
    /// that runs to the connection's end is never known to be whole here).
    var messages: [(parts: Range<Int>, complete: Bool)] = []

    /// The messages are answers to a HEAD: none has a body.
    let headRequest: Bool

    init(bytes: [UInt8], headRequest: Bool = false) {
      self.bytes = bytes
      self.headRequest = headRequest
    }

    /// The next line (to its LF, included), or nil when no LF is left.
    mutating func nextLine() -> [UInt8]? {
      guard let end = bytes[index...].firstIndex(of: 10) else { return nil }
      defer { index = end + 1 }
      return Array(bytes[index...end])
    }

    mutating func rest(_ make: ([UInt8]) -> Part = Part.unframed) {
      if index < bytes.count { parts.append(make(Array(bytes[index...]))) }
      index = bytes.count
    }

    /// Up to `count` bytes as data (never past the end; a length near `Int.max` cannot overflow).
    mutating func take(_ count: Int) {
      let end = count >= bytes.count - index ? bytes.count : index + count
      if end > index { parts.append(.data(Array(bytes[index..<end]))) }
      index = end
    }

    static func isBlank(_ line: [UInt8]) -> Bool { line == [10] || line == [13, 10] }

    mutating func run() {
      while index < bytes.count {
        let first = parts.count
        func end(_ complete: Bool) { messages.append((first..<parts.count, complete)) }
        var head: [[UInt8]] = []
        while true {
          guard let line = nextLine() else {
            rest(Part.line)
            return end(false)
          }
          parts.append(.line(line))
          if Self.isBlank(line) { break }
          head.append(line)
        }
        if head.isEmpty { continue }  // a stray blank line between messages
        switch Framing(head, headRequest: headRequest) {
        case .none: end(true)
        case .length(let count):
          let whole = count <= bytes.count - index
          take(count)
          end(whole)
        case .chunked:
          let whole = chunks()
          end(whole)
          guard whole else { return }
        case .toTheEnd:
          rest(Part.data)
          return end(false)
        case .ambiguous:
          rest()
          return end(false)
        }
      }
    }

    /// The chunks, the last one and its trailer; false when they broke off (the rest is shown).
    mutating func chunks() -> Bool {
      while true {
        guard let line = nextLine() else {
          rest()
          return false
        }
        let size = Self.chunkSize(line)
        parts.append(.chunkSize(line, size: size))
        guard let size else {
          rest()
          return false
        }
        if size == 0 {
          while let trailer = nextLine() {
            parts.append(.line(trailer))
            if Self.isBlank(trailer) { return true }
          }
          rest()
          return false
        }
        take(size)
        guard index < bytes.count else { return false }
        let dataEnd = index
        guard let end = nextLine(), Self.isBlank(end) else {
          // No CRLF after the data: back to it, and show the rest as it is.
          index = dataEnd
          rest()
          return false
        }
        parts.append(.line(end))
      }
    }

    /// The size a chunk-size line announces (hex before any `;`), or nil. At most 15 hex
    /// digits, so that it never overflows.
    static func chunkSize(_ line: [UInt8]) -> Int? {
      var digits = line[...]
      if let semicolon = digits.firstIndex(of: UInt8(ascii: ";")) { digits = digits[..<semicolon] }
      let trimmed = digits.drop { $0 == 32 || $0 == 9 }.reversed().drop { [32, 9, 10, 13].contains($0) }.reversed()
      guard !trimmed.isEmpty, trimmed.count <= 15 else { return nil }
      var value = 0
      for byte in trimmed {
        guard let digit = hexDigit(byte) else { return nil }
        value = value * 16 + digit
      }
      return value
    }

    static func hexDigit(_ byte: UInt8) -> Int? {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
      default: nil
      }
    }
  }

  /// How a message's body is framed, from its head's lines.
  enum Framing: Equatable {
    /// No body: a request without a length, a 1xx, 204 or 304.
    case none
    case length(Int)
    case chunked
    /// A response without a length: its body runs to the connection's end.
    case toTheEnd
    /// Lengths that disagree, or one that is not a number: nothing after the head can be framed.
    case ambiguous

    /// - Parameter headRequest: the answer is to a HEAD: no body, whatever its head says.
    init(_ head: [[UInt8]], headRequest: Bool = false) {
      // Trimmed first: `HTTP/1.1 204␍␊` has no reason phrase, and its code is still 204.
      let first = String(decoding: head[0], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
      let isResponse = first.hasPrefix("HTTP/")
      var lengths: Set<String> = []
      var chunked = false
      for line in head.dropFirst() {
        let text = String(decoding: line, as: UTF8.self)
        guard let colon = text.firstIndex(of: ":") else { continue }
        let name = text[..<colon].lowercased()
        let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        if name == "content-length" { lengths.insert(value) }
        if name == "transfer-encoding" {
          // Chunked when it is the last coding named (`gzip, chunked`), and only then.
          let last = value.split(separator: ",").last?.trimmingCharacters(in: .whitespaces).lowercased()
          chunked = last == "chunked"
        }
      }
      if isResponse {
        let code = Int(first.split(separator: " ").dropFirst().first ?? "") ?? 0
        if code == 101 {  // what follows is another protocol
          self = .toTheEnd
          return
        }
        if (100..<200).contains(code) || code == 204 || code == 304 || headRequest {
          self = .none
          return
        }
      }
      if chunked {
        self = .chunked
      } else if lengths.count > 1 {
        self = .ambiguous
      } else if let length = lengths.first {
        // Digits only, as the parsers read it: `+5` or `0x10` frames nothing.
        let digits = !length.isEmpty && length.utf8.allSatisfy { (48...57).contains($0) }
        if digits, let count = Int(length) { self = .length(count) } else { self = .ambiguous }
      } else {
        self = isResponse ? .toTheEnd : .none
      }
    }
  }
}
