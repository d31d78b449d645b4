import Foundation
import SquallValues

/// An exchange expanded: parsed request and response (bodies pretty-printed for JSON, hex for
/// binary), then the raw bytes both ways as they crossed the socket (`r`: those alone). Every
/// byte is escaped.
enum DetailView {
  static func lines(_ deferred: LogEntry, timeZone: TimeZone, rawOnly: Bool = false, width: Int = 80) -> [(
    String, Style
  )] {
    let entry = deferred.withDetailsMade
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
    if entry.refusal != nil && entry.requestHeaders.isEmpty && entry.rawRequest.isEmpty {
      out.append(("  (nothing arrived: no request line, no header; the connection stayed idle)", .dim))
    } else if entry.refusal != nil && entry.requestHeaders.isEmpty {
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
    } else if entry.detached {
      out.append(
        (
          "  ⇄ the handler took the connection over (detach()) and wrote \(max(entry.rawResponseSize, entry.rawResponse.count)) bytes as they are: no status line or header of HTTP's own; see the raw bytes below",
          .warning
        ))
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
    if let socket = entry.webSocket {
      out.append(("", .normal))
      out.append(("WebSocket · \(socket.summary)", .title))
      out.append(("  the server's side: ← what it received, → what it sent", .dim))
      if socket.frameCount > socket.frames.count {
        out.append(("  … \(socket.frameCount - socket.frames.count) older frames not kept", .dim))
      }
      for frame in socket.frames {
        // The server's view: → it sent, ← it received.
        out.append(
          ("  \(LogView.clock(frame.at, timeZone: timeZone)) \(frame.line)", frame.outbound ? .outbound : .inbound))
      }
    } else if entry.status == 101 {
      out.append(("", .normal))
      out.append(("WebSocket · its frames show here as they go by", .title))
    }
    let raw = rawLines(entry, width: width)
    if rawOnly { return Array(out.prefix(2)) + (raw.isEmpty ? [(Self.noRawBytes(entry), .dim)] : raw) }
    if !raw.isEmpty { out += [("", .normal)] + raw }
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

  /// The raw bytes both ways, as `WireDump` reads them (line ends shown, chunk sizes
  /// announced, binary in hex), or nothing when the server did not record them.
  static func rawLines(_ deferred: LogEntry, width: Int) -> [(String, Style)] {
    let entry = deferred.withDetailsMade
    guard !entry.rawRequest.isEmpty || !entry.rawResponse.isEmpty else { return [] }
    let kept = "first \(LogStore.previewLimit / 1024) KiB kept"
    var out: [(String, Style)] = [("Raw bytes both ways (\(kept); r: these alone)", .title)]
    if !entry.rawRequest.isEmpty {
      out.append(("  read (the request):", .dim))
      out += WireDump.lines(entry.rawRequest, width: width - 2).map { ("  " + $0, .inbound) }
    }
    if !entry.rawResponse.isEmpty {
      out.append(("  written (the answer):", .dim))
      out += WireDump.lines(entry.rawResponse, width: width - 2).map { ("  " + $0, .outbound) }
      if let more = entry.unkeptRawResponse { out.append(("  " + more, .dim)) }
    } else if entry.direction == .served {
      out.append(("  written: nothing (the connection closed without an answer)", .dim))
    }
    return out
  }

  /// Why an entry has no raw bytes.
  static func noRawBytes(_ entry: LogEntry) -> String {
    entry.direction == .fetched
      ? "No raw bytes here: the client's bytes are not recorded. The server's ← entry of the same request has them, when it went to the playground's server."
      : "No raw bytes were recorded for this exchange."
  }

  static func hexDump(_ bytes: ArraySlice<UInt8>) -> [String] {
    WireDump.hexRows(Array(bytes), from: 0, perRow: 16)
  }
}
