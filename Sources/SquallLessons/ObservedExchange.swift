import Foundation

/// An exchange served or sent, as the checks see it (made by the playground from a log entry).
package struct ObservedExchange: Equatable, Sendable {
  package var method: String
  package var path: String
  package var query: String
  package var status: Int
  package var reason: String
  package var body: String
  /// Response headers (`header.NAME`).
  package var headers: [String: String]
  /// Request headers (`reqheader.NAME`).
  package var requestHeaders: [String: String]
  /// The client's error kind in words (`timeout`, `refused`…), empty when none.
  package var error: String
  package var duration: Double
  /// The answer's bytes as the server wrote them, and the request's as it read them (served
  /// exchanges; `raw~"Transfer-Encoding: chunked"`), escaped.
  package var raw = ""
  package var rawRequest = ""
  /// The response body's size in bytes (`size`).
  package var size: Int

  package init(
    method: String, path: String, query: String = "", status: Int, reason: String = "", body: String = "",
    headers: [String: String] = [:], requestHeaders: [String: String] = [:], error: String = "", duration: Double = 0,
    size: Int? = nil
  ) {
    self.size = size ?? body.utf8.count
    self.method = method
    self.path = path
    self.query = query
    self.status = status
    self.reason = reason
    self.body = body
    self.headers = headers
    self.requestHeaders = requestHeaders
    self.error = error
    self.duration = duration
  }

  func value(_ field: String, _ argument: String?) -> String? {
    switch field {
    case "method": method
    case "path": path
    case "query": query
    case "status", "code": String(status)
    case "reason": reason
    case "body": body
    case "error": error.isEmpty ? "none" : error
    case "duration": String(duration)
    case "raw": raw
    case "rawrequest": rawRequest
    // A header that was not there reads `none` (`header.Content-Encoding=none`).
    case "header": headers.first { $0.key.lowercased() == argument?.lowercased() }?.value ?? "none"
    case "reqheader": requestHeaders.first { $0.key.lowercased() == argument?.lowercased() }?.value ?? "none"
    default: nil
    }
  }
}
