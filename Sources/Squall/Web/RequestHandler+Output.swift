import Foundation
import NIOCore
import NIOHTTP1
import SquallValues

extension RequestHandler {
  /// Resets headers and body to Tornado's defaults (`Server`, `Content-Type`, `Date`).
  public func clear() {
    var headers = HTTPHeaders()
    // Room for the three below and the `Etag` and `Content-Length` that `finish` adds: one
    // allocation instead of one per growth of the list.
    headers.reserveCapacity(6)
    headers.add(name: "Server", value: SquallVersion.serverHeader)
    headers.add(name: "Content-Type", value: "text/html; charset=UTF-8")
    headers.add(name: "Date", value: HTTPDate.nowFormatted)
    output.headers = headers
    output.buffer.clear()
    output.status = 200
    output.reason = "OK"
  }

  /// Sets the response status; `reason` defaults to the standard phrase and is sent as given.
  ///
  /// As Tornado's `set_status`, a reason that is not a valid reason phrase (control characters
  /// such as CR or LF, or a `<`) becomes `Unknown`, so it can never split the response.
  public func setStatus(_ statusCode: Int, reason: String? = nil) {
    guard HTTPStatus.codes.contains(statusCode) else {
      // Tornado writes any integer into the status line; a status line needs three digits.
      output.unsafeHeader = "setStatus(\(statusCode)): a status is a number from 100 to 999"
      return
    }
    output.status = statusCode
    guard let reason else {
      output.reason = HTTPStatus.reason(for: statusCode)
      return
    }
    output.reason = HTTPStatus.isValidReason(reason) ? reason : "Unknown"
  }

  /// The response status set so far.
  public func getStatus() -> Int { output.status }

  /// The reason phrase the response carries so far (Tornado's `_reason`): in `writeError`, the
  /// one of the error being answered (`I'm a Teapot`, or an `HTTPError`'s own `reason`). A
  /// method, as `getStatus()`, so a handler's own `reason` property stays free.
  public func getReason() -> String { output.reason }

  /// Sets a response header, replacing any value it had.
  ///
  /// A value with control characters (CR, LF, ...) is refused: the request then ends in 500,
  /// as Tornado's `ValueError("Unsafe header value")` does, so no header can be injected.
  /// A header already set keeps its place (as Tornado's `HTTPHeaders.__setitem__`):
  /// `Content-Type` stays second whatever sets it.
  public func setHeader(_ name: String, _ value: CustomStringConvertible) {
    guard let value = checkedHeader(name, value) else { return }
    output.headers.setKeepingPlace(name: name, value: value)
  }

  /// Adds a response header, keeping earlier values of the same name.
  public func addHeader(_ name: String, _ value: CustomStringConvertible) {
    guard let value = checkedHeader(name, value) else { return }
    output.headers.add(name: name, value: value)
  }

  /// Removes a response header, as Tornado's `clear_header`.
  public func clearHeader(_ name: String) {
    output.headers.remove(name: name)
  }

  /// The response headers set so far.
  public var responseHeaders: HTTPHeaders { output.headers }

  private func checkedHeader(_ name: String, _ value: CustomStringConvertible) -> String? {
    let text = value.description
    if !HeaderField.isValidName(name) || !HeaderField.isValidValue(text) {
      output.unsafeHeader = "Unsafe header value \(text.debugDescription) for \(name.debugDescription)"
      return nil
    }
    return text
  }

  /// Appends text to the response body.
  public func write(_ chunk: String) {
    appendBody { $0.writeString(chunk) }
  }

  /// Appends bytes to the response body.
  public func write(_ chunk: [UInt8]) {
    appendBody { $0.writeBytes(chunk) }
  }

  /// Appends bytes to the response body.
  public func write(_ chunk: ByteBuffer) {
    var chunk = chunk
    appendBody { $0.writeBuffer(&chunk) }
  }

  /// Writes a dictionary literal as a JSON object and sets `Content-Type: application/json;
  /// charset=UTF-8`, as Tornado's `write(dict)`: `write(["ok": true, "count": count])` writes
  /// `{"ok": true, "count": 3}`, keys in the order written, Tornado's bytes (`JSONValue`).
  /// Values are literals or any `JSONRepresentable` (`nil` is `null`, as Python's `None`; a
  /// nested literal of mixed types: `["a", 1] as JSONValue`).
  public func write(_ object: KeyValuePairs<String, (any JSONRepresentable)?>) {
    writeJSON(JSONValue.object(ordered: object.map { ($0.key, $0.value?.jsonValue ?? .null) }))
  }

  /// Writes `value` as JSON and sets `Content-Type: application/json; charset=UTF-8`,
  /// as Tornado's `write(dict)`: an `Encodable` type of yours (keys sorted), or a `JSONValue`.
  @_disfavoredOverload
  public func write<Value: Encodable>(_ value: Value) {
    if let json = value as? any JSONRepresentable {
      writeJSON(json.jsonValue)
      return
    }
    do {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      let data = TornadoJSON.encode(compact: Array(try encoder.encode(value)))
      setHeader("Content-Type", "application/json; charset=UTF-8")
      appendBody { $0.writeBytes(data) }
    } catch {
      output.unsafeHeader = "Cannot encode \(Value.self) as JSON: \(error)"
    }
  }

  private func writeJSON(_ value: JSONValue) {
    setHeader("Content-Type", "application/json; charset=UTF-8")
    appendBody { $0.writeBytes(value.tornadoBytes) }
  }

  private func appendBody(_ body: (inout ByteBuffer) -> Void) {
    guard !output.finished else {
      application.appLog.warning("write() after finish() ignored: \(request.method) \(request.uri)")
      return
    }
    body(&output.buffer)
  }

  /// Takes the connection over from HTTP (Tornado's `RequestHandler.detach()`): nothing of the
  /// response may have been flushed; the handler then writes raw bytes to the returned stream,
  /// and nothing else is sent for it (no `finish()`, no 500). The stream closes when the
  /// handler returns. For teaching what a client does when a server breaks HTTP.
  public func detach() async throws -> DetachedStream {
    guard !output.headersWritten, !output.finished, let connection else { throw StreamClosedError() }
    output.finished = true
    return try await connection.detach()
  }

  /// Sends the headers and the body written so far; the rest follows in chunks
  /// (`Transfer-Encoding: chunked` on HTTP/1.1). Returns when the bytes have been written.
  public func flush() async throws {
    guard !output.finished, let connection else { return }
    try failIfUnsafe()
    let chunk = output.buffer
    output.buffer = ByteBuffer()
    output.bytesSent += chunk.readableBytes
    if output.headersWritten {
      guard chunk.readableBytes > 0 else { return }
      try await connection.write(chunk)
    } else {
      output.headersWritten = true
      try await connection.writeHeaders(responseHead(), body: chunk, finish: false)
    }
  }

  /// Ends the response: adds `Etag` (answering `304` when `If-None-Match` matches) and
  /// `Content-Length` when nothing was flushed yet, then sends everything.
  public func finish() async throws {
    try finishNow()
  }

  /// `finish()`'s work, which never suspends: synchronous, so that its locals live on the
  /// thread's stack rather than in the task's frame (a smaller frame keeps a request's task
  /// within its first allocation; the async chain of a hello world had grown to 2.4 KB).
  func finishNow() throws {
    guard !output.finished else {
      throw HTTPError(500, "finish() called twice")
    }
    try failIfUnsafe()
    guard let connection else { return }
    if !output.headersWritten {
      // snippet.etag
      if output.status == 200, request.method == "GET" || request.method == "HEAD",
        !output.headers.contains(name: "Etag")
      {
        setEtagHeader()  // a hash of the body
        if checkEtagHeader() {  // If-None-Match names it: the client has this body
          output.buffer.clear()
          setStatus(304)
        }
      }
      // snippet.end
      if output.status == 204 || output.status == 304 || (100..<200).contains(output.status) {
        output.buffer.clear()
        for name in ["Content-Encoding", "Content-Language", "Content-Type"] {
          output.headers.remove(name: name)
        }
      } else if !output.headers.contains(name: "Content-Length") {
        // Digits: nothing for `setHeader`'s check to refuse.
        output.headers.add(name: "Content-Length", value: String(output.buffer.readableBytes))
      }
    }
    output.finished = true
    let chunk = output.buffer
    output.buffer = ByteBuffer()
    if request.method != "HEAD" { output.bytesSent += chunk.readableBytes }
    if output.headersWritten {
      connection.finish(chunk)
    } else {
      output.headersWritten = true
      connection.finish(head: responseHead(), body: chunk)
    }
    onFinish()
    application.logRequest(
      AccessLogEntry(
        status: output.status, method: request.method, uri: request.uri,
        remoteIP: request.remoteIP, requestTime: request.requestTime(),
        responseBytes: output.bytesSent))
  }

  /// The `101` head of a WebSocket handshake, the response marked finished (Tornado's
  /// `finish()` of the 101): what the connection writes as it switches.
  func takeSwitchingHead() -> HTTPResponseHead {
    output.buffer.clear()
    output.headersWritten = true
    output.finished = true
    return responseHead()
  }

  /// The access log's line for a switch, as Tornado logs its 101.
  func logSwitch() {
    application.logRequest(
      AccessLogEntry(
        status: output.status, method: request.method, uri: request.uri, remoteIP: request.remoteIP,
        requestTime: request.requestTime(), responseBytes: 0))
  }

  private func failIfUnsafe() throws {
    if let problem = output.unsafeHeader {
      output.unsafeHeader = nil
      throw HTTPError(500, problem)
    }
  }

  private func responseHead() -> HTTPResponseHead {
    var headers = output.headers
    for cookie in output.newCookies { headers.add(name: "Set-Cookie", value: cookie) }
    return HTTPResponseHead(
      version: .http1_1, status: HTTPStatus.status(output.status, reason: output.reason),
      headers: headers)
  }

  /// Sets the `Etag` header from `computeEtag()`.
  public func setEtagHeader() {
    if let etag = computeEtag() { setHeader("Etag", etag) }
  }

  /// Whether the request's `If-None-Match` matches the response `Etag` (weak comparison, `*`).
  public func checkEtagHeader() -> Bool {
    // The request's side first: most requests carry no `If-None-Match`, and then the response's
    // headers need no search.
    let candidates = request.headers["If-None-Match"].flatMap { $0.split(separator: ",") }
      .map { $0.trimmingSpaces() }
    guard !candidates.isEmpty, let etag = output.headers.first(name: "Etag") else { return false }
    if candidates.contains("*") { return true }
    func strip(_ tag: String) -> String { tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag }
    return candidates.contains { strip($0) == strip(etag) }
  }

  /// Redirects to `url` with 302 (or 301 when `permanent`, or `status`) and finishes.
  public func redirect(_ url: String, permanent: Bool = false, status: Int? = nil) async throws {
    guard !output.headersWritten else {
      throw HTTPError(500, "Cannot redirect after headers have been written")
    }
    setStatus(status ?? (permanent ? 301 : 302))
    setHeader("Location", url)
    try await finish()
  }
}
