import Foundation
import Squall

/// Turns a finished fetch of the request builder into a log entry and a one-line summary.
enum ClientLog {
  static func event(for response: HTTPResponse, method: String) -> PlaygroundEvent {
    let request = response.request
    var entry = LogEntry(
      time: Date().addingTimeInterval(-response.requestTime), direction: .fetched, method: method, target: request.url,
      status: response.code, reason: response.reason,
      requestHeaders: request.headers.map { ($0.name, $0.value) }, requestBody: request.body ?? [],
      requestBodySize: request.body?.count ?? 0, responseHeaders: response.headers.map { ($0.name, $0.value) },
      responseBody: Array(response.body.prefix(LogStore.previewLimit)), responseBodySize: response.body.count,
      duration: response.requestTime)
    let summary: String
    if let error = response.error, error.kind != .http {
      entry.error = error.message
      summary = "✗ " + error.message
    } else {
      summary =
        "\(method) \(request.url) → \(response.code) \(response.reason) in \(LogView.milliseconds(response.requestTime))"
    }
    return .fetched(entry, summary: TerminalSafe.escape(summary))
  }
}
