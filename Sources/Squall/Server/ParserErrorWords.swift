import NIOHTTP1
import SquallValues

/// NIOHTTP1's parser errors in words a learner can act on, naming what is really wrong.
///
/// llhttp reports a request line it cannot read as `invalidMethod` whether the method holds a
/// character a token may not, is in lower case, is a token llhttp does not know (it reads only
/// registered methods; Tornado takes any token and answers 405), or stands alone with no
/// target and version (`GARBAGE\r\n\r\n`). The bytes read tell these apart.
///
/// Pure: no I/O.
enum ParserErrorWords {
  /// The words for `error`; `received` (the bytes of the request read so far, when a recorder
  /// kept them) sharpens the words for a bad request line.
  static func describe(_ error: HTTPParserError, received: [UInt8]? = nil) -> String {
    switch error {
    case .invalidMethod: received.map(requestLineProblem) ?? "the request line does not start with a valid method"
    case .invalidURL: "the request target is not valid"
    case .invalidVersion: "the HTTP version is not HTTP/1.0 or HTTP/1.1"
    case .invalidHeaderToken: "a header name or value holds a character HTTP does not allow"
    case .invalidContentLength: "Content-Length is not a single non-negative number"
    case .unexpectedContentLength: "Content-Length together with Transfer-Encoding"
    case .invalidChunkSize: "a chunk size is not a hexadecimal number"
    case .lfExpected, .invalidConstant, .strictModeAssertion: "the request's syntax is not HTTP/1.x"
    case .closedConnection, .invalidEOFState: "the connection closed in the middle of the request"
    default: "\(error)"
    }
  }

  /// The methods llhttp reads.
  static var knownMethods: Set<String> { ParserMethods.known }

  /// What is wrong with the start of the request line in `bytes`, for an `invalidMethod`.
  static func requestLineProblem(_ bytes: [UInt8]) -> String {
    // llhttp skips empty lines before a request.
    let start = bytes.firstIndex { $0 != 0x0D && $0 != 0x0A } ?? bytes.endIndex
    let line = bytes[start...].prefix { $0 != 0x0D && $0 != 0x0A }
    // Pipelined requests: the bytes kept start with the requests answered before. A first line
    // that reads as a request line means the bad one is further on: no guess about it.
    let words = line.split(separator: 0x20, omittingEmptySubsequences: false)
    if words.count == 3, words[2].starts(with: Array("HTTP/1.".utf8)),
      knownMethods.contains(String(decoding: words[0], as: UTF8.self))
    {
      return "a request line does not start with a valid method"
    }
    let method = line.prefix { $0 != 0x20 }
    let shown = TerminalSafe.escape(method.prefix(32)) + (method.count > 32 ? "…" : "")
    if method.isEmpty {
      return line.isEmpty
        ? "the request line is empty: expected METHOD /path HTTP/1.1"
        : "the request line starts with a space: expected METHOD /path HTTP/1.1"
    }
    guard method.allSatisfy(HeaderField.isTokenByte) else {
      return "the method \"\(shown)\" is not a valid token: it holds a character a method may not"
    }
    if method.count == line.count {
      return "the request line has only a method (\"\(shown)\"): a target and a version must follow, "
        + "as in GET / HTTP/1.1"
    }
    if method.contains(where: { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) {
      return "the method \"\(shown)\" is not in upper case: NIO's parser (llhttp) reads methods in upper case "
        + "only (\(TerminalSafe.escape(method.prefix(32).map { (0x61...0x7A).contains($0) ? $0 - 0x20 : $0 })))"
    }
    return "\"\(shown)\" is not a method NIO's parser (llhttp) knows: it reads registered methods only "
      + "(GET, POST, PUT, DELETE, PATCH, PURGE…), where Tornado takes any token and answers 405"
  }
}
