import Foundation

/// Splits raw server output into HTTP responses, to compare framing byte-exactly.
struct ParsedResponse: Equatable, Sendable, CustomStringConvertible {
  var status: Int
  var reason: String
  var headers: [(String, String)]
  var body: [UInt8]
  var framing: String  // "length", "chunked", "close" or "none"

  static func == (lhs: ParsedResponse, rhs: ParsedResponse) -> Bool {
    lhs.status == rhs.status && lhs.framing == rhs.framing && lhs.body == rhs.body
  }

  func header(_ name: String) -> String? {
    headers.first { $0.0.lowercased() == name.lowercased() }?.1
  }

  var bodyText: String { String(decoding: body, as: UTF8.self) }

  var description: String { "\(status) \(framing) \(bodyText.prefix(40).debugDescription)" }

  /// Parses as many complete responses as `bytes` holds; `closed` lets a body run to the end.
  /// `headRequests` counts responses (from the front) that answer HEAD and so carry no body.
  static func parseAll(_ bytes: [UInt8], closed: Bool, headRequests: Set<Int> = []) -> [ParsedResponse]? {
    var responses: [ParsedResponse] = []
    var rest = bytes[...]
    while !rest.isEmpty {
      guard let (response, remaining) = parseOne(rest, closed: closed, isHead: headRequests.contains(responses.count))
      else {
        return responses.isEmpty ? nil : responses
      }
      if response.status != 100 { responses.append(response) }
      rest = remaining
    }
    return responses
  }

  private static func parseOne(_ bytes: ArraySlice<UInt8>, closed: Bool, isHead: Bool) -> (
    ParsedResponse, ArraySlice<UInt8>
  )? {
    guard let headEnd = bytes.firstRange(of: [13, 10, 13, 10]) else { return nil }
    let headText = String(decoding: bytes[bytes.startIndex..<headEnd.lowerBound], as: UTF8.self)
    var lines = headText.components(separatedBy: "\r\n")
    let statusLine = lines.removeFirst().split(separator: " ", maxSplits: 2)
    guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
    let headers = lines.compactMap { line -> (String, String)? in
      guard let colon = line.firstIndex(of: ":") else { return nil }
      return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }
    var response = ParsedResponse(
      status: status, reason: statusLine.count > 2 ? String(statusLine[2]) : "", headers: headers, body: [],
      framing: "none")
    var rest = bytes[headEnd.upperBound...]
    if status == 100 || status == 204 || status == 304 || isHead {
      response.framing = response.header("Content-Length") != nil ? "length" : "none"
      return (response, rest)
    }
    if let length = response.header("Content-Length").flatMap(Int.init) {
      guard rest.count >= length else { return nil }
      response.body = Array(rest.prefix(length))
      response.framing = "length"
      return (response, rest.dropFirst(length))
    }
    if response.header("Transfer-Encoding")?.lowercased() == "chunked" {
      response.framing = "chunked"
      while true {
        guard let lineEnd = rest.firstRange(of: [13, 10]) else { return nil }
        let sizeText = String(decoding: rest[rest.startIndex..<lineEnd.lowerBound], as: UTF8.self)
        guard let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16) else { return nil }
        rest = rest[lineEnd.upperBound...]
        if size == 0 {
          guard let trailerEnd = rest.firstRange(of: [13, 10]) else { return nil }
          return (response, rest[trailerEnd.upperBound...])
        }
        guard rest.count >= size + 2 else { return nil }
        response.body += rest.prefix(size)
        rest = rest.dropFirst(size + 2)
      }
    }
    if status == 400 && response.headers.isEmpty {
      response.framing = "none"
      return (response, rest)
    }
    guard closed else { return nil }
    response.body = Array(rest)
    response.framing = "close"
    return (response, rest[rest.endIndex...])
  }
}
