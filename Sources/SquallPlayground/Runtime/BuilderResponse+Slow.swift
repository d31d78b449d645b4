import Foundation
import Squall
import SquallPlaygroundCore
import SquallRequests
import SquallTransport
import SquallValues

extension BuilderResponse {
  /// What a slow send came to: the answer read from the bytes that came back, or, when none
  /// came whole, what the server did to the slow client, in words that say what to look at.
  /// Pure.
  init(
    slow outcome: SlowSender.Outcome, request: HTTPRequest, every: Int, timeout: Double, started: Date,
    cancelled: Bool
  ) {
    // Only a FIN ends a body that runs to the close: after a reset, bytes may be lost.
    let answer = WireDump.answer(
      outcome.received, closed: outcome.end == .closed, headRequest: request.method == "HEAD")
    let bytes = outcome.sent == 1 ? "byte" : "bytes"
    let head = Self.requestHead(outcome.sentBytes)
    var entry = LogEntry(
      time: started, direction: .fetched, method: request.method, target: request.url,
      status: answer?.status ?? 599, reason: answer?.reason ?? "Unknown", requestHeaders: head,
      requestBody: Array((request.body ?? []).prefix(LogStore.previewLimit)), requestBodySize: request.body?.count ?? 0,
      responseHeaders: answer?.headers.map { ($0.name, $0.value) } ?? [],
      responseBody: Array((answer?.body ?? []).prefix(LogStore.previewLimit)),
      responseBodySize: answer?.body.count ?? 0,
      duration: outcome.duration)
    let components = URLComponents(string: request.url)
    entry.requestTarget =
      (components.map { $0.percentEncodedPath.isEmpty ? "/" : $0.percentEncodedPath } ?? "/")
      + (components?.percentEncodedQuery.map { "?" + $0 } ?? "")
    let sent = "\(outcome.sent) of \(outcome.total) request \(bytes) sent, one every \(every) ms"
    let took =
      outcome.duration < 10 ? String(format: "%.1f s", outcome.duration) : String(format: "%.0f s", outcome.duration)
    if cancelled {
      entry.error = "the request was cancelled (\(sent))"
      entry.failure = .cancelled
    } else if let answer, answer.complete {
      // An answer, even to half a request (a 400 for a head over maxHeaderSize): its status says it.
    } else if answer != nil {
      entry.error =
        "The answer broke off after \(answer?.body.count ?? 0) body bytes (\(sent), in \(took)): the Raw view shows what came"
      entry.failure = .closed
      entry.status = 599
    } else if outcome.end == .timedOut {
      let whole = Double(outcome.total) * Double(every) / 1000
      entry.error =
        "Timeout during request (requestTimeout \(RequestExport.number(timeout))s): \(sent), and no answer yet"
        + (outcome.sent < outcome.total
          ? "; the whole request takes about \(RequestExport.number(whole.rounded())) s at that pace" : "")
      entry.failure = .timeout
      entry.status = 599
    } else {
      let how = outcome.end == .reset ? "reset the connection" : "closed the connection"
      entry.error =
        "The server \(how) after \(sent), in \(took), without answering: it gave up on a slow client "
        + "(idleConnectionTimeout, bodyTimeout or maxHeaderSize: its ← entry in the Log says which)"
      entry.failure = .closed
      entry.status = 599
    }
    self.init(
      entry: entry, firstByte: nil, effectiveURL: request.url, cancelled: cancelled, body: answer?.body ?? [])
  }

  /// The header lines of the request's bytes as they went out.
  static func requestHead(_ wire: [UInt8]) -> [(String, String)] {
    let text = String(decoding: wire, as: UTF8.self)
    let head = text.components(separatedBy: "\r\n\r\n").first ?? ""
    return head.components(separatedBy: "\r\n").dropFirst().compactMap { line in
      guard let colon = line.firstIndex(of: ":") else { return nil }
      return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }
  }
}
