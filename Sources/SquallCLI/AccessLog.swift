import Foundation
import NIOCore
import Squall
import SquallValues

/// Formats server activity for `squall serve`, escaping every byte that came from the network.
enum AccessLog {
  static func format(_ entry: AccessLogEntry, now: Date = Date()) -> String {
    let level = entry.status < 400 ? "I" : entry.status < 500 ? "W" : "E"
    var safe = entry
    safe.uri = TerminalSafe.escape(entry.uri)
    safe.method = TerminalSafe.escape(entry.method)
    return "[\(level) \(timestamp(now))] \(safe.summary)"
  }

  static func timestamp(_ date: Date) -> String {
    let seconds = Int(date.timeIntervalSince1970)
    let clock = seconds % 86_400
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(two(clock / 3600)):\(two(clock / 60 % 60)):\(two(clock % 60))"
  }

  /// The verbose lines for one exchange: request and response heads and body previews.
  static func describe(_ event: ServerEvent) -> String? {
    switch event {
    case .exchangeCompleted(let exchange):
      var lines: [String] = []
      let request = exchange.request
      lines.append("> \(TerminalSafe.escape("\(request.method.rawValue) \(request.uri) \(request.version)"))")
      for (name, value) in request.headers {
        lines.append("> \(TerminalSafe.escape(name)): \(TerminalSafe.escape(value))")
      }
      if exchange.requestBodySize > 0 {
        lines.append(">")
        lines.append(preview(exchange.requestBody, total: exchange.requestBodySize, prefix: "> "))
      }
      let response = exchange.response
      lines.append("< \(response.version) \(response.status.code) \(TerminalSafe.escape(response.status.reasonPhrase))")
      for (name, value) in response.headers {
        lines.append("< \(TerminalSafe.escape(name)): \(TerminalSafe.escape(value))")
      }
      if exchange.responseBodySize > 0 {
        lines.append("<")
        lines.append(preview(exchange.responseBody, total: exchange.responseBodySize, prefix: "< "))
      }
      return lines.joined(separator: "\n")
    case .requestRefused(let refusal):
      return refusalLine(refusal)
    default:
      return nil
    }
  }

  /// `[W 12:00:01] refused 400 from 127.0.0.1: body larger than maxBufferSize (1024 bytes)`.
  static func refusal(_ refusal: HTTPRefusal, now: Date = Date()) -> String {
    "[W \(timestamp(now))] " + refusalLine(refusal)
  }

  static func refusalLine(_ refusal: HTTPRefusal) -> String {
    let answer = refusal.status.map { "refused \($0)" } ?? "closed"
    let target = refusal.request.map { " \($0.method.rawValue) \($0.uri)" } ?? ""
    return TerminalSafe.escape("\(answer)\(target) from \(refusal.remote): \(refusal.message)")
  }

  static func preview(_ body: ByteBuffer, total: Int, prefix: String) -> String {
    let limit = 2048
    let bytes = body.readableBytesView.prefix(limit)
    var text = TerminalSafe.escape(bytes, keepNewlines: true)
      .split(separator: "\n", omittingEmptySubsequences: false)
      .map { prefix + $0 }.joined(separator: "\n")
    if total > bytes.count { text += "\n\(prefix)… (\(total) bytes in all)" }
    return text
  }
}
