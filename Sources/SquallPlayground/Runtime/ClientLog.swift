import Foundation
import Squall

/// Turns a finished fetch of the request builder into a log entry and a one-line summary.
enum ClientLog {
  static func event(for response: HTTPResponse, method: String) -> PlaygroundEvent {
    let request = response.request
    let entry = LogEntry(response, finishedAt: Date())
    let summary: String
    if let error = entry.error {
      summary = "✗ " + error
    } else {
      summary =
        "\(method) \(request.url) → \(response.code) \(response.reason) in \(LogView.milliseconds(response.requestTime))"
    }
    return .fetched(entry, summary: TerminalSafe.escape(summary))
  }
}
