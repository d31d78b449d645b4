import Foundation
import SquallValues

/// Tornado's answer and Squall's side by side: status line, each header (order, case, value),
/// framing, body bytes and time. `Date` and `Server` are set aside (normalised) and said so;
/// a known difference is labelled with README's reason. Pure.
package struct Comparison: Sendable, Equatable {
  package enum Verdict: String, Sendable, Equatable {
    /// The same, apart from `Date` and `Server`.
    case same
    /// The same apart from documented differences too.
    case documented
    /// Something differs that no documented difference explains.
    case different
  }

  package struct Row: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
      case same
      /// Differs by nature (the date, the server's name): not a difference.
      case normalised(String)
      /// A documented difference, with README's reason.
      case documented(String)
      case different
      /// Shown, never compared (the time each took).
      case shown
    }
    package var label: String
    package var tornado: String
    package var squall: String
    package var kind: Kind
  }

  package var rows: [Row]
  package var verdict: Verdict
  /// Compared as bytes (`compareRaw`): the answers were not HTTP a parser reads.
  package var raw = false

  /// What the rows amount to, in one line.
  package var summary: String {
    // Counted by cause, not by row: one difference of the whole answer (an unknown method's
    // 405) shows on several rows.
    var reasons: [String] = []
    for row in rows {
      if case .documented(let reason) = row.kind, !reasons.contains(reason) { reasons.append(reason) }
    }
    let documented = reasons.count
    let different = rows.filter { $0.kind == .different }.count
    switch verdict {
    case .same where raw: return "The same bytes on the wire, and the same end."
    case .same: return "The same on the wire (Date and Server aside)."
    case .documented:
      return documented == 1
        ? "The same apart from one documented difference (see README): \(reasons[0])"
        : "The same apart from \(documented) documented differences (see README)."
    case .different: return "\(different) difference\(different == 1 ? "" : "s") no documented reason explains."
    }
  }

  /// Headers that differ by nature between two servers: compared as present on both only.
  static let normalised = [
    "date": "the time of the answer", "server": "each server's name",
  ]

  package static func compare(_ request: WireRequest, tornado: WireResponse, squall: WireResponse) -> Comparison {
    // A difference of the whole answer (one cause, every row): each row that differs is that one.
    let whole = KnownDifference.all.first { $0.header == nil && $0.applies(request, tornado, squall) }
    var rows: [Row] = []
    rows.append(
      Row(
        label: "status", tornado: "\(tornado.version) \(tornado.status) \(TerminalSafe.escape(tornado.reason))",
        squall: "\(squall.version) \(squall.status) \(TerminalSafe.escape(squall.reason))",
        kind: tornado.version == squall.version && tornado.status == squall.status && tornado.reason == squall.reason
          ? .same : .different))
    // Each header name, in Tornado's order, then those only Squall sent.
    var names: [String] = []
    for line in tornado.headers + squall.headers where !names.contains(line.name.lowercased()) {
      names.append(line.name.lowercased())
    }
    for name in names {
      let left = tornado.headers.filter { $0.name.lowercased() == name }
      let right = squall.headers.filter { $0.name.lowercased() == name }
      let label = TerminalSafe.escape((left.first ?? right.first)!.name)
      // The servers' words, escaped: nothing they sent reaches a terminal raw.
      let shownLeft = left.isEmpty ? "—" : TerminalSafe.escape(left.map(\.value).joined(separator: " | "))
      let shownRight = right.isEmpty ? "—" : TerminalSafe.escape(right.map(\.value).joined(separator: " | "))
      var kind: Row.Kind
      if let reason = normalised[name], !left.isEmpty, !right.isEmpty {
        kind = .normalised(reason)
      } else if left.map(\.value) == right.map(\.value) && left.map(\.name) == right.map(\.name) {
        kind = .same
      } else if let known = KnownDifference.all.first(where: {
        $0.explains(header: name, request: request, tornado: tornado, squall: squall)
      }) {
        kind = .documented(known.reason)
      } else {
        kind = .different
      }
      if kind == .same, left.map(\.name) != right.map(\.name) { kind = .different }
      let caseNote = left.first.map(\.name) != right.first.map(\.name) && !left.isEmpty && !right.isEmpty
      rows.append(
        Row(
          label: caseNote ? TerminalSafe.escape("\(left[0].name) / \(right[0].name)") : label, tornado: shownLeft,
          squall: shownRight,
          kind: kind))
    }
    // The order of the headers both sent.
    let documentedNames = Set(
      rows.compactMap { row -> String? in
        if case .documented = row.kind { return row.label.lowercased() }
        return nil
      })
    let order = { (response: WireResponse) in
      response.headers.map { $0.name.lowercased() }.filter { !documentedNames.contains($0) }
        .filter { name in tornado.header(name) != nil && squall.header(name) != nil }
    }
    let sameOrder = order(tornado) == order(squall)
    rows.append(
      Row(
        label: "header order",
        tornado: sameOrder ? "as listed" : TerminalSafe.escape(order(tornado).joined(separator: ", ")),
        squall: sameOrder ? "as listed" : TerminalSafe.escape(order(squall).joined(separator: ", ")),
        kind: sameOrder ? .same : .different))
    rows.append(
      Row(
        label: "framing", tornado: tornado.framing, squall: squall.framing,
        kind: tornado.framing == squall.framing ? .same : .different))
    rows.append(
      Row(
        label: "body", tornado: describe(tornado.body), squall: describe(squall.body),
        kind: tornado.body == squall.body ? .same : .different))
    rows.append(
      Row(
        label: "time", tornado: milliseconds(tornado.duration), squall: milliseconds(squall.duration), kind: .shown))
    if let whole {
      for index in rows.indices where rows[index].kind == .different { rows[index].kind = .documented(whole.reason) }
    }
    let verdict: Verdict =
      rows.contains { $0.kind == .different }
      ? .different
      : rows.contains(where: { if case .documented = $0.kind { true } else { false } }) ? .documented : .same
    return Comparison(rows: rows, verdict: verdict)
  }

  /// `12 bytes "Hello, world"` (escaped, the first 60 characters of text), or its size for binary.
  static func describe(_ body: [UInt8]) -> String {
    if body.isEmpty { return "empty" }
    let text = String(decoding: body, as: UTF8.self)
    let printable = !body.contains(0) && String(validating: body, as: UTF8.self) != nil
    let size = "\(body.count) byte\(body.count == 1 ? "" : "s")"
    guard printable else { return size + " (binary)" }
    let shown = TerminalSafe.escape(String(text.prefix(60)))
    return size + " \"" + shown + (text.count > 60 ? "…" : "") + "\""
  }

  static func milliseconds(_ seconds: Double) -> String {
    seconds < 0.01 ? String(format: "%.2f ms", seconds * 1000) : String(format: "%.0f ms", seconds * 1000)
  }
}

/// A difference from Tornado made on purpose, as README's "Differences from Tornado" lists it:
/// when it applies, and its reason. Checked both ways by `TwinDifferentialTests`.
package struct KnownDifference: Sendable {
  /// The header it is about (lower case), or nil for the whole answer.
  package var header: String?
  package var reason: String
  /// Whether it explains what each side sent.
  let applies: @Sendable (WireRequest, WireResponse, WireResponse) -> Bool

  func explains(header name: String, request: WireRequest, tornado: WireResponse, squall: WireResponse) -> Bool {
    guard let header else { return false }
    return name == header && applies(request, tornado, squall)
  }

  package static let all: [KnownDifference] = [
    KnownDifference(
      header: "allow",
      reason: "Squall's 405 names the allowed methods, as RFC 9110 says it must; Tornado's names none",
      applies: { _, tornado, squall in
        tornado.status == 405 && squall.status == 405 && tornado.header("Allow") == nil && squall.header("Allow") != nil
      }),
    KnownDifference(
      header: nil,
      reason:
        "Squall's parser (llhttp) refuses a method it does not know, or one in lower case, with 400, as RFC 9112 permits; Tornado hands it to the handler (405 when it has no such method)",
      applies: { request, tornado, squall in
        squall.status == 400 && tornado.status != 400
          && (request.method != request.method.uppercased() || !llhttpMethods.contains(request.method))
      }),
  ]

  /// The methods NIOHTTP1's parser (llhttp) knows; others get 400 before any handler.
  static var llhttpMethods: Set<String> { ParserMethods.known }
}

extension Comparison {
  /// Two answers compared byte for byte, for when they are not HTTP a parser reads: the bytes,
  /// where they first differ, how the connection ended, and what the parser said (shown, not
  /// compared). Pure.
  package static func compareRaw(tornado: RawAnswer, squall: RawAnswer) -> Comparison {
    var rows: [Row] = []
    let same = tornado.bytes == squall.bytes
    rows.append(
      Row(
        label: "bytes", tornado: describeRaw(tornado.bytes), squall: describeRaw(squall.bytes),
        kind: same ? .same : .different))
    if !same {
      let shorter = min(tornado.bytes.count, squall.bytes.count)
      let index = (0..<shorter).first { tornado.bytes[$0] != squall.bytes[$0] } ?? shorter
      let around = { (bytes: [UInt8]) in
        index < bytes.count ? TerminalSafe.escape(bytes[index..<min(bytes.count, index + 24)]) : "(the end)"
      }
      rows.append(
        Row(
          label: "first difference", tornado: "at byte \(index): \(around(tornado.bytes))",
          squall: "at byte \(index): \(around(squall.bytes))", kind: .different))
    }
    rows.append(
      Row(
        label: "end", tornado: tornado.end.rawValue, squall: squall.end.rawValue,
        kind: tornado.end == squall.end ? .same : .different))
    // What NIO's parser made of each: shown once when the same, never counted as a difference.
    let said = { (answer: RawAnswer) -> String in
      let prefix = "the answer could not be read: "
      let text =
        answer.parserSaid.hasPrefix(prefix) ? String(answer.parserSaid.dropFirst(prefix.count)) : answer.parserSaid
      return text.isEmpty ? "—" : TerminalSafe.escape(text)
    }
    rows.append(
      Row(
        label: "parser said", tornado: said(tornado), squall: said(squall),
        kind: said(tornado) == said(squall) ? .same : .shown))
    rows.append(
      Row(label: "time", tornado: milliseconds(tornado.duration), squall: milliseconds(squall.duration), kind: .shown))
    let verdict: Verdict = rows.contains { $0.kind == .different } ? .different : .same
    return Comparison(rows: rows, verdict: verdict, raw: true)
  }

  /// `75 bytes "HTTP/1.1 200 OK␍␊…"`: the size and the first line.
  static func describeRaw(_ bytes: [UInt8]) -> String {
    if bytes.isEmpty { return "none" }
    let firstLine = WireDump.lines(Array(bytes.prefix(200)), limit: 200).first ?? ""
    let shown = firstLine.count > 60 ? String(firstLine.prefix(60)) + "…" : firstLine
    return "\(bytes.count) byte\(bytes.count == 1 ? "" : "s") \"\(shown)\""
  }
}
