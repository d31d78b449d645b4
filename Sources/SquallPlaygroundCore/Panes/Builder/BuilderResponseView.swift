import Foundation
import SquallCompare
import SquallValues

/// The response view's lines for each tab: body (JSON re-indented and folded to
/// `foldDepth`, text wrapped, binary as hex), headers, timing; or a burst's summary. Pure: the
/// update uses the same lines to stop scrolling at the end.
enum BuilderResponseView {
  struct Line: Equatable {
    var text: String
    var style: Style
  }

  static func lines(_ builder: BuilderState, width: Int) -> [Line] {
    if let burst = builder.burst { return burstLines(burst, width: width) }  // a single send clears it
    guard let response = builder.response else { return [] }
    let entry = response.entry.withDetailsMade
    if let error = entry.error {
      // A broken answer is explained by its bytes: they follow the error when the server has them.
      // A comparison as bytes (=, on the faults app) follows the error in the Compare tab.
      let raw =
        builder.responseTab == .compare && builder.comparison?.raw == true
        ? compareLines(builder, width: width)
        : response.served.map { rawLines($0, response: response, width: width) } ?? []
      return errorLines(error, entry: entry, cancelled: response.cancelled, width: width)
        + (raw.isEmpty ? [] : [Line(text: "", style: .normal)] + raw)
    }
    switch builder.responseTab {
    case .headers:
      var out = [Line(text: "\(entry.httpVersion) \(entry.status) \(TerminalSafe.escape(entry.reason))", style: .bold)]
      for (name, value) in entry.responseHeaders {
        out += wrap("\(TerminalSafe.escape(name)): \(TerminalSafe.escape(value))", width, .outbound)
      }
      out.append(Line(text: "", style: .normal))
      out.append(Line(text: "Sent (as on the wire):", style: .title))
      out.append(
        Line(
          text:
            "\(TerminalSafe.escape(entry.method)) \(TerminalSafe.escape(entry.requestTarget ?? entry.target)) HTTP/1.1",
          style: .inbound))
      for (name, value) in entry.requestHeaders {
        out += wrap("\(TerminalSafe.escape(name)): \(TerminalSafe.escape(value))", width, .inbound)
      }
      return out
    case .timing:
      var out = [
        Line(text: "total        \(LogView.milliseconds(entry.duration))", style: .normal),
        Line(text: "first byte   \(response.firstByte.map(LogView.milliseconds) ?? "—")", style: .normal),
        Line(
          text: "body         \(response.firstByte.map { LogView.milliseconds(max(0, entry.duration - $0)) } ?? "—")",
          style: .normal),
        Line(
          text: "size         \(ServerView.bytes(entry.responseBodySize)) (\(entry.responseBodySize) bytes)",
          style: .normal),
      ]
      if !response.hops.isEmpty {
        // Each hop: its status, where it pointed, and when it came.
        out.append(Line(text: "redirects followed (\(response.hops.count)):", style: .redirect))
        for (number, hop) in response.hops.enumerated() {
          out += wrap(
            "\(number + 1). \(hop.status) \(TerminalSafe.escape(hop.reason)) at \(LogView.milliseconds(hop.at)) · "
              + "\(TerminalSafe.escape(hop.url)) → \(TerminalSafe.escape(hop.location))", width, .redirect)
        }
      }
      if response.effectiveURL != entry.target {
        out += wrap("redirected to \(TerminalSafe.escape(response.effectiveURL))", width, .redirect)
      }
      out.append(Line(text: "(connect time is not reported by async-http-client)", style: .dim))
      return out
    case .body:
      return bodyLines(entry, foldDepth: builder.foldDepth, width: width)
    case .raw:
      guard let served = response.served else {
        return wrap(
          "No raw bytes: Squall records the bytes of its own server's exchanges, and this answer came from "
            + "\(TerminalSafe.escape(response.effectiveURL)). Send it to {{base}} (the playground's server) to see "
            + "the exact bytes both ways.", width, .dim)
      }
      return rawLines(served, response: response, width: width)
    case .compare:
      return compareLines(builder, width: width)
    case .asserts:
      return assertLines(builder, width: width)
    }
  }

  /// The Raw tab: the bytes the server wrote and read for this answer, as `WireDump` shows them,
  /// and, for an answer the client inflated, what the compressed bytes became.
  static func rawLines(_ deferred: LogEntry, response: BuilderResponse, width: Int) -> [Line] {
    let served = deferred.withDetailsMade
    let kept = "the first \(LogStore.previewLimit / 1024) KiB"
    var out = wrap("The answer as the server wrote it (\(kept)):", width, .title)
    if served.rawResponse.isEmpty {
      out += wrap("nothing: the server closed the connection without writing a byte", width, .warning)
    } else {
      out += WireDump.lines(served.rawResponse, width: width).flatMap { wrap($0, width, .outbound) }
      if let more = served.unkeptRawResponse { out += wrap(more, width, .dim) }
    }
    let inflated = response.entry.responseHeaders.first { $0.0 == "X-Consumed-Content-Encoding" }?.1
    if let inflated {
      out += wrap(
        "The body above is \(TerminalSafe.escape(inflated))'s bytes; the client inflated them to "
          + "\(response.entry.responseBodySize) bytes (the Body tab).", width, .dim)
    }
    out.append(Line(text: "", style: .normal))
    out += wrap("The request as the server read it:", width, .title)
    out += WireDump.lines(served.rawRequest, width: width).flatMap { wrap($0, width, .inbound) }
    return out
  }

  /// The Compare tab: the last comparison with the Tornado reference, row by row, styled by
  /// verdict; or how to make one.
  static func compareLines(_ builder: BuilderState, width: Int) -> [Line] {
    guard let comparison = builder.comparison else {
      return wrap(
        "Not compared yet: = sends this request to Squall and to the Tornado reference (T in the Server pane starts it).",
        width, .dim)
    }
    var out = wrap(builder.comparisonTitle, width, .bold)
    for (text, kind) in CompareReport.styledLines(comparison, compact: width < 90) {
      let style: Style
      switch kind {
      case .none: style = comparison.verdict == .different ? .error : .success
      case .some(.same), .some(.shown): style = .normal
      case .some(.normalised): style = .dim
      case .some(.documented): style = .warning
      case .some(.different): style = .error
      }
      out += wrap(text, width, style)
    }
    return out
  }

  static func bodyLines(_ entry: LogEntry, foldDepth: Int, width: Int) -> [Line] {
    let body = entry.responseBody
    if body.isEmpty {
      return [Line(text: entry.method == "HEAD" ? "(HEAD: no body by definition)" : "(empty body)", style: .dim)]
    }
    let type = entry.responseHeaders.first { $0.0.lowercased() == "content-type" }?.1.lowercased() ?? ""
    var out: [Line] = []
    if body.contains(0) || String(validating: body, as: UTF8.self) == nil {
      out = DetailView.hexDump(body.prefix(4096)[...]).map { Line(text: $0, style: .normal) }
    } else if type.contains("json") || body.first == UInt8(ascii: "{") || body.first == UInt8(ascii: "["),
      let pretty = JSONReindent.format(body)
    {
      for line in JSONFold.fold(pretty, depth: foldDepth) {
        let safe = TerminalSafe.escape(Array(line.utf8))
        out += wrap(safe, width, JSONFold.style(of: line))
      }
    } else {
      for line in TerminalSafe.escape(body, keepNewlines: true).split(separator: "\n", omittingEmptySubsequences: false)
      {
        out += wrap(String(line), width, .normal)
      }
    }
    if entry.responseBodySize > body.count {
      out.append(
        Line(
          text: "… \(entry.responseBodySize - body.count) more bytes not shown (s saves the whole body)", style: .dim))
    }
    return out
  }

  /// An error in full, wrapped, with what to try next.
  static func errorLines(_ error: String, entry: LogEntry, cancelled: Bool, width: Int) -> [Line] {
    var out = wrap("✗ \(entry.status) \(TerminalSafe.escape(error))", width, .error)
    let lower = error.lowercased()
    let advice: String
    if cancelled {
      advice = "You cancelled it. Ctrl-R sends it again."
    } else if lower.contains("gave up on a slow client") {
      advice =
        "A slow client met the server's limits: its ← entry in the Log (F3) says which. "
        + "d on sendSlowly (Options, 5) sends at once again."
    } else if lower.contains("sent, one every") {
      advice = "The request went out slowly (sendSlowly, Options 5): raise requestTimeout or lower sendSlowly."
    } else if lower.contains("refused") {
      advice =
        "Nothing listens there: check the port in the URL ({{base}} is the playground's server), "
        + "or start the server (F1, s) if it is stopped."
    } else if lower.contains("timeout") {
      advice = "Raise requestTimeout in Options (5), or make the server answer sooner."
    } else if lower.hasPrefix("redirect to an unsupported scheme") {
      advice = "The server redirects away from HTTP: turn followRedirects off (5) to see its answer."
    } else if lower.contains("invalid url") || lower.contains("scheme") || lower.contains("no host") {
      advice = "Fix the URL (u): something like {{base}}/path."
    } else if lower.contains("redirect") {
      advice =
        "The server redirects in a loop, or more than maxRedirects times: raise maxRedirects or turn followRedirects off (5)."
    } else if lower.contains("reset") || lower.contains("closed") {
      advice = "The server closed the connection: see the Log pane (F3) for its side of it."
    } else if lower.contains("tls") {
      advice = "The TLS handshake failed: the playground's server speaks plain http://."
    } else if lower.contains("larger than maxbodysize") {
      advice = "The response is over the client's limit."
    } else {
      advice = "See the Log pane (F3) for what crossed the wire."
    }
    out += wrap(advice, width, .warning)
    return out
  }

  static func burstLines(_ burst: BurstRun, width: Int) -> [Line] {
    var out: [Line] = []
    let barWidth = max(10, min(40, width - 20))
    let filled = burst.total == 0 ? 0 : barWidth * burst.done / burst.total
    out.append(
      Line(
        text: "[" + String(repeating: "█", count: filled) + String(repeating: "·", count: barWidth - filled)
          + "] \(burst.done)/\(burst.total)" + (burst.finished ? "" : " running"),
        style: burst.finished ? .success : .info))
    let statuses = burst.statuses.keys.sorted().map { "\($0) × \(burst.statuses[$0]!)" }.joined(separator: "  ")
    out.append(Line(text: "status   " + (statuses.isEmpty ? "—" : statuses), style: .normal))
    if let p50 = burst.percentile(0.5), let p90 = burst.percentile(0.9), let p99 = burst.percentile(0.99),
      let max = burst.latencies.max()
    {
      out.append(
        Line(
          text:
            "latency  p50 \(LogView.milliseconds(p50)) · p90 \(LogView.milliseconds(p90)) · p99 \(LogView.milliseconds(p99)) · max \(LogView.milliseconds(max))",
          style: .normal))
    }
    if burst.finished, burst.wallTime > 0 {
      out.append(
        Line(
          text: String(
            format: "%d requests in %.2f s, %d at once: %.0f requests/s", burst.done, burst.wallTime,
            burst.concurrency, Double(burst.done) / burst.wallTime), style: .normal))
    }
    let histogram = burst.histogram(buckets: 8)
    if let low = burst.latencies.min(), let high = burst.latencies.max(), let peak = histogram.max(), peak > 0 {
      out.append(Line(text: "latency histogram", style: .title))
      let span = (high - low) / Double(histogram.count)
      for (index, count) in histogram.enumerated() {
        let from = LogView.milliseconds(low + span * Double(index))
        let bar = String(repeating: "▇", count: Swift.max(count > 0 ? 1 : 0, count * Swift.max(1, width - 24) / peak))
        out.append(Line(text: from.padded(10) + bar + " \(count)", style: .info))
      }
    }
    return out
  }

  static func wrap(_ text: String, _ width: Int, _ style: Style) -> [Line] {
    CellWidth.wrap(text, to: max(10, width), indent: "  ").map { Line(text: $0, style: style) }
  }
}

/// Folds re-indented JSON below a depth: a container opened deeper than `depth` shows as
/// `{…}` or `[…]` on its line. Works on the lines `JSONReindent` writes (two-space indents). Pure.
enum JSONFold {
  static func fold(_ pretty: String, depth: Int) -> [String] {
    let lines = pretty.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard depth < Int.max else { return lines }
    var out: [String] = []
    var skipUntilIndent: Int?
    for line in lines {
      let indent = line.prefix { $0 == " " }.count / 2
      if let until = skipUntilIndent {
        if indent == until, let first = line.dropFirst(until * 2).first, first == "}" || first == "]" {
          skipUntilIndent = nil
          out[out.count - 1] += String(line.dropFirst(until * 2 + 1))
        }
        continue
      }
      if indent >= depth, let last = line.last, last == "{" || last == "[" {
        out.append(line + "…" + (last == "{" ? "}" : "]"))
        skipUntilIndent = indent
        continue
      }
      out.append(line)
    }
    return out
  }

  /// Keys, strings, numbers and literals get their own colours (by the line's shape).
  static func style(of line: String) -> Style {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    if trimmed.hasPrefix("\"") && trimmed.contains("\": ") { return .info }
    if trimmed.hasPrefix("\"") { return .success }
    if let first = trimmed.first, first == "-" || first.isNumber { return .redirect }
    if trimmed.hasPrefix("true") || trimmed.hasPrefix("false") || trimmed.hasPrefix("null") { return .warning }
    return .normal
  }
}
