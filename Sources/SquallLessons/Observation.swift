import Foundation

/// Something that happened, as the checks see it.
package enum Observation: Equatable, Sendable {
  case served(ObservedExchange)
  case sent(ObservedExchange)
  /// `bytes`: the request bytes that had arrived (0 for a kept connection closed idle).
  case refused(cause: String, status: Int?, method: String, path: String, bytes: Int = 0)
  case burst(count: Int, concurrency: Int, p50: Double, max: Double, failures: Int)
  /// A request compared on Squall and on Tornado: Squall's status and the verdict.
  case compared(method: String, path: String, status: Int, verdict: String, summary: String)
  /// The builder's WebSocket, after a frame, its opening or its end.
  case webSocket(ObservedWebSocket)

  /// A field as a learner reads it: times in ms or s (`507 ms`, `2.0 s`), counts and codes as
  /// numbers. nil for a field this observation has not.
  package func shown(_ field: String, _ argument: String? = nil) -> String? {
    switch self {
    case .served(let exchange), .sent(let exchange):
      return field == "duration" ? Self.seconds(exchange.duration) : exchange.value(field, argument)
    case .refused(let cause, let status, let method, let path, let bytes):
      switch field {
      case "cause": return cause
      case "status": return status.map(String.init) ?? "no answer"
      case "method": return method
      case "bytes": return String(bytes)
      case "path": return path
      default: return nil
      }
    case .compared(let method, let path, let status, let verdict, let summary):
      return Self.comparedField(field, method, path, status, verdict, summary)
    case .webSocket(let socket):
      return socket.value(field).map { value in
        switch value {
        case .number(let number): String(Int(number))
        case .text(let text): text
        }
      } ?? (field == "close" ? "none" : nil)
    case .burst(let count, let concurrency, let p50, let max, let failures):
      switch field {
      case "count": return String(count)
      case "concurrency": return String(concurrency)
      case "p50": return Self.seconds(p50)
      case "max": return Self.seconds(max)
      case "failures": return String(failures)
      default: return nil
      }
    }
  }

  static func comparedField(
    _ field: String, _ method: String, _ path: String, _ status: Int, _ verdict: String, _ summary: String
  ) -> String? {
    switch field {
    case "method": method
    case "path": path
    case "status": String(status)
    case "verdict": verdict
    case "summary": summary
    default: nil
    }
  }

  /// `text` with each `{field}` (or `{header.NAME}`) replaced by what was observed, in one
  /// pass (an observed value holding `{status}` stays as it is).
  package func fill(_ text: String) -> String {
    var out = ""
    var rest = Substring(text)
    for placeholder in Self.placeholders(in: text) {
      guard let range = rest.range(of: placeholder.token) else { continue }
      out += rest[..<range.lowerBound]
      out += shown(placeholder.name, placeholder.argument) ?? "?"
      rest = rest[range.upperBound...]
    }
    return out + rest
  }

  /// The `{field}` and `{field.ARGUMENT}` tokens of a `> saw:` line. Pure.
  package static func placeholders(in text: String) -> [(token: String, name: String, argument: String?)] {
    var found: [(token: String, name: String, argument: String?)] = []
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
      let inside = rest[rest.index(after: open)..<close]
      // A name starts with a letter (`{.}`, `{1}` and `{}` are text, not fields).
      if let first = inside.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first),
        inside.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" })
      {
        let parts = inside.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        found.append(("{\(inside)}", String(parts[0]), parts.count > 1 ? String(parts[1]) : nil))
      }
      rest = rest[rest.index(after: close)...]
    }
    return found
  }

  /// `0.0005` → `0.50 ms` (a fast answer is not "0 ms"), `0.0123` → `12 ms`, `0.507` →
  /// `507 ms`, `2.03` → `2.0 s`: as the Log pane writes durations.
  static func seconds(_ value: Double) -> String {
    let ms = value * 1000
    if ms < 10 {
      let hundredths = Int((ms * 100).rounded())
      let fraction = String(hundredths % 100)
      return "\(hundredths / 100).\(fraction.count == 1 ? "0" + fraction : fraction) ms"
    }
    return value < 1 ? "\(Int(ms.rounded())) ms" : "\(Double(Int((value * 10).rounded())) / 10) s"
  }
}

/// The builder's WebSocket as a check reads it. Pure value.
package struct ObservedWebSocket: Equatable, Sendable {
  /// `connecting`, `open`, `closing` or `closed`.
  package var state: String
  package var sent: Int
  package var received: Int
  /// The last message received: its text, or a binary one as hex.
  package var last: String
  /// The server's close code, once its close frame came.
  package var close: Int?
  /// Frames both ways so far.
  package var frames: Int
  /// Pongs received (answers to the builder's pings).
  package var pongs: Int

  package init(state: String, sent: Int, received: Int, last: String, close: Int?, frames: Int, pongs: Int = 0) {
    self.pongs = pongs
    self.state = state
    self.sent = sent
    self.received = received
    self.last = last
    self.close = close
    self.frames = frames
  }

  package enum Value: Equatable {
    case number(Double)
    case text(String)
  }

  /// A field's value; nil for `close` before one came, or a field it has not. Pure.
  package func value(_ field: String) -> Value? {
    switch field {
    case "state": .text(state)
    case "sent": .number(Double(sent))
    case "received": .number(Double(received))
    case "last": .text(last)
    case "close": close.map { .number(Double($0)) }
    case "frames": .number(Double(frames))
    case "pongs": .number(Double(pongs))
    default: nil
    }
  }
}
