import Foundation

/// The log as HAR 1.2 (HTTP Archive), which browser devtools and other HTTP tools import.
package enum HAR {
  package static func document(_ entries: [LogEntry], creatorVersion: String) -> [String: Any] {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    let items: [[String: Any]] = entries.map { deferred in
      let entry = deferred.withDetailsMade
      let milliseconds = entry.duration * 1000
      let url = entry.direction == .fetched ? entry.target : "http://\(host(entry))\(entry.target)"
      var request: [String: Any] = [
        "method": entry.method, "url": url, "httpVersion": entry.httpVersion,
        "cookies": [] as [Any], "headers": headers(entry.requestHeaders),
        "queryString": query(url), "headersSize": -1, "bodySize": entry.requestBodySize,
      ]
      if entry.requestBodySize > 0 {
        request["postData"] = ["mimeType": contentType(entry.requestHeaders), "text": text(entry.requestBody)]
      }
      let comment =
        entry.refusal.map { "refused by the playground's server: \($0)" }
        ?? (entry.direction == .served ? "served by the playground's server" : "sent by the request builder")
      return [
        "startedDateTime": formatter.string(from: entry.time),
        "time": milliseconds,
        "request": request,
        "response": [
          "status": entry.error == nil ? entry.status : 0, "statusText": entry.error ?? entry.reason,
          "httpVersion": entry.httpVersion, "cookies": [] as [Any], "headers": headers(entry.responseHeaders),
          "content": content(entry),
          "redirectURL": entry.responseHeaders.first { $0.0.lowercased() == "location" }?.1 ?? "",
          "headersSize": -1, "bodySize": entry.responseBodySize,
        ] as [String: Any],
        "cache": [:] as [String: Any],
        "timings": ["send": 0, "wait": milliseconds, "receive": 0],
        "comment": comment,
      ]
    }
    return [
      "log": ["version": "1.2", "creator": ["name": "Squall", "version": creatorVersion], "entries": items]
        as [String: Any]
    ]
  }

  package static func data(_ entries: [LogEntry], creatorVersion: String) throws -> Data {
    try JSONSerialization.data(
      withJSONObject: document(entries, creatorVersion: creatorVersion), options: [.prettyPrinted, .sortedKeys])
  }

  private static func host(_ entry: LogEntry) -> String {
    entry.requestHeaders.first { $0.0.lowercased() == "host" }?.1 ?? "127.0.0.1"
  }
  private static func headers(_ list: [(String, String)]) -> [[String: String]] {
    list.map { ["name": $0.0, "value": $0.1] }
  }
  private static func contentType(_ list: [(String, String)]) -> String {
    list.first { $0.0.lowercased() == "content-type" }?.1 ?? ""
  }
  private static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

  /// The response body as HAR's `content`: as text when it is UTF-8, else in base64 with
  /// `"encoding": "base64"` (HAR 1.2), so every byte survives.
  private static func content(_ entry: LogEntry) -> [String: Any] {
    var content: [String: Any] = [
      "size": entry.responseBodySize, "mimeType": contentType(entry.responseHeaders),
    ]
    if let text = String(validating: entry.responseBody, as: UTF8.self) {
      content["text"] = text
    } else {
      content["text"] = Data(entry.responseBody).base64EncodedString()
      content["encoding"] = "base64"
    }
    return content
  }

  /// The body bytes of a HAR `content` object (decoding base64 when it says so).
  package static func bytes(of content: [String: Any]) -> [UInt8]? {
    guard let text = content["text"] as? String else { return nil }
    guard content["encoding"] as? String == "base64" else { return Array(text.utf8) }
    return Data(base64Encoded: text).map(Array.init)
  }
  private static func query(_ url: String) -> [[String: String]] {
    (URLComponents(string: url)?.queryItems ?? []).map { ["name": $0.name, "value": $0.value ?? ""] }
  }
}
