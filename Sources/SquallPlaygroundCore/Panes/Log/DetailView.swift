import Foundation
import SquallValues

/// An exchange expanded: parsed request and response (bodies pretty-printed for JSON, hex for
/// binary), then the raw request bytes as they crossed the wire. Every byte is escaped.
enum DetailView {
  static func lines(_ entry: LogEntry, timeZone: TimeZone) -> [(String, Style)] {
    var out: [(String, Style)] = []
    let safe = { (text: String) in TerminalSafe.escape(text) }
    let whereFrom = entry.direction == .served ? "served to \(entry.remote)" : "fetched by the builder"
    out.append(
      (
        "\(LogView.clock(entry.finishedAt, timeZone: timeZone)) \(entry.direction.rawValue) \(safe(entry.method)) \(safe(entry.target)) · \(whereFrom) · started \(LogView.clock(entry.time, timeZone: timeZone)), took \(LogView.milliseconds(entry.duration))",
        .bold
      ))
    out.append(("", .normal))
    out.append(("Request", .title))
    if entry.refusal != nil && entry.requestHeaders.isEmpty {
      out.append(("  (the request line and headers did not parse: see the raw bytes below)", .dim))
    } else {
      let target = entry.requestTarget ?? entry.target
      out.append(("  \(safe(entry.method)) \(safe(target)) \(entry.httpVersion)", .inbound))
    }
    for (name, value) in entry.requestHeaders { out.append(("  \(safe(name)): \(safe(value))", .inbound)) }
    if entry.requestBodySize > 0 {
      out.append(("  (body, \(entry.requestBodySize) bytes)", .dim))
      for line in bodyLines(entry.requestBody, total: entry.requestBodySize, headers: entry.requestHeaders) {
        out.append(("  " + line, .normal))
      }
    }
    out.append(("", .normal))
    out.append(("Response", .title))
    if let refusal = entry.refusal {
      let answer =
        entry.status == 0
        ? "closed the connection without an answer" : "answered \(entry.status) \(entry.reason) and closed"
      out.append(("  ✗ the server refused it by itself and \(answer)", .error))
      out.append(("    why: \(safe(refusal))", .warning))
      if entry.requestBodySize > 0 {
        out.append(("    body bytes received before that: \(entry.requestBodySize)", .dim))
      }
    } else if let error = entry.error {
      out.append(("  ✗ \(safe(error))", .error))
    } else {
      out.append(("  \(entry.httpVersion) \(entry.status) \(safe(entry.reason))", LogView.statusStyle(entry.status)))
      for (name, value) in entry.responseHeaders { out.append(("  \(safe(name)): \(safe(value))", .outbound)) }
      if entry.responseBodySize > 0 {
        out.append(("  (body, \(entry.responseBodySize) bytes)", .dim))
        for line in bodyLines(entry.responseBody, total: entry.responseBodySize, headers: entry.responseHeaders) {
          out.append(("  " + line, .normal))
        }
      }
    }
    if !entry.rawRequest.isEmpty {
      out.append(("", .normal))
      out.append(("Raw request bytes, as read from the socket", .title))
      for line in rawLines(entry.rawRequest) { out.append(("  " + line, .dim)) }
    }
    return out
  }

  /// A body as lines: indented JSON, escaped text, or a hex dump for binary.
  static func bodyLines(_ body: [UInt8], total: Int, headers: [(String, String)]) -> [String] {
    if body.isEmpty { return [] }
    let type = headers.first { $0.0.lowercased() == "content-type" }?.1.lowercased() ?? ""
    var lines: [String]
    if body.contains(0) || String(validating: body, as: UTF8.self) == nil {
      lines = hexDump(body.prefix(512))
    } else if type.contains("json"), let pretty = JSONReindent.format(body) {
      lines = TerminalSafe.escape(Array(pretty.utf8), keepNewlines: true).split(
        separator: "\n", omittingEmptySubsequences: false
      ).map(String.init)
    } else {
      lines = TerminalSafe.escape(body, keepNewlines: true).split(separator: "\n", omittingEmptySubsequences: false).map
      { String($0.prefix(4096)) }
    }
    if total > body.count { lines.append("… \(total - body.count) more bytes not kept") }
    return lines
  }

  /// Raw bytes with `\r\n` shown, broken into lines after each `\n`.
  static func rawLines(_ bytes: [UInt8]) -> [String] {
    var lines: [String] = []
    var start = 0
    for (index, byte) in bytes.enumerated() where byte == 0x0A {
      lines.append(TerminalSafe.escape(bytes[start...index]))
      start = index + 1
      if lines.count >= 200 { break }
    }
    if start < bytes.count && lines.count < 200 { lines.append(TerminalSafe.escape(bytes[start...].prefix(4096))) }
    return lines
  }

  static func hexDump(_ bytes: ArraySlice<UInt8>) -> [String] {
    var lines: [String] = []
    var offset = 0
    let all = Array(bytes)
    while offset < all.count {
      let row = all[offset..<min(offset + 16, all.count)]
      let hex = row.map { String(format: "%02x", $0) }.joined(separator: " ")
      let ascii = String(row.map { (0x20..<0x7F).contains($0) ? Character(UnicodeScalar($0)) : "." })
      lines.append(
        String(format: "%04x  ", offset) + hex.padding(toLength: 48, withPad: " ", startingAt: 0) + " " + ascii)
      offset += 16
    }
    return lines
  }
}
