import AsyncHTTPClient
import ClientErrorClassification
import NIOCore
import NIOHTTP1

extension AsyncHTTPClient {
  /// Runs one fetch through async-http-client's async API: the head, then the body read here
  /// up to `limit`. The faster of its two APIs (no future per body part, no delegate), but it
  /// cannot report the request head as sent; `receiveWithSentHead` does.
  ///
  /// The API's own deadline ends when the head arrives, so the body gets one of its own, as
  /// Tornado's `request_timeout` covers the whole fetch: the body is read in a task that the
  /// client's `DeadlineWatch` cancels at `deadline` (a task per fetch, one timer for all). The
  /// task starts in place (`Task.immediate`), so a body that came with the head costs no hop.
  func receive(_ request: HTTPRequest, _ outgoing: Outgoing, on client: HTTPClient, limit: Int) async -> FetchProgress {
    var wire = HTTPClientRequest(url: request.url)
    wire.method = outgoing.method
    wire.headers = outgoing.headers
    if let body = request.body { wire.body = .bytes(body) }
    let deadline = outgoing.deadline
    var progress = FetchProgress()
    let response: HTTPClientResponse
    do {
      response = try await client.execute(wire, deadline: deadline)
    } catch {
      progress.thrown = error
      return progress
    }
    progress.firstByte = .now
    let head = HTTPResponseHead(version: response.version, status: response.status, headers: response.headers)
    progress.head = head
    // A hop that will be followed is not the answer: the callbacks see only the final one.
    let followed = Self.followsAtHead(request, status: Int(head.status.code), headers: head.headers)
    if !followed, let callback = request.headerCallback { FetchProgress.report(head, to: callback) }

    let streaming = followed ? nil : request.streamingCallback
    let read: @Sendable () async -> FetchProgress = { [progress] in
      var progress = progress
      do {
        for try await part in response.body { try progress.take(part, limit: limit, streaming: streaming) }
      } catch {
        progress.thrown = error
      }
      return progress
    }
    // Started in place: a body already here (most, with the head) is read without a thread hop.
    let reader: Task<FetchProgress, Never>
    if #available(macOS 26, *) {
      reader = Task.immediate(operation: read)
    } else {
      reader = Task(operation: read)
    }
    let watched = deadlines.watch(until: deadline) { reader.cancel() }
    progress = await withTaskCancellationHandler {
      await reader.value
    } onCancel: {
      reader.cancel()
    }
    deadlines.unwatch(watched)
    if let thrown = progress.thrown, TransportFailure(thrown) == .cancelled, deadline <= .now() {
      progress.thrown = BodyDeadlineExceeded()
    }
    return progress
  }
}

/// The body was still arriving at the fetch's deadline (the timer cancelled its reader).
struct BodyDeadlineExceeded: Error {}
