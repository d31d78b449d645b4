import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Squall
import SquallTestSupport
import SquallValues
import Testing

@testable import ClientErrorClassification
@testable import Squall

/// The pieces the server core is made of, one at a time: the connection state machine, the
/// framing rules, the request builder, the shared header check, the `Date` cache, the error
/// classification, and a responder that is not an `Application`.
@Suite struct ServerCoreTests {
  static let limits = ConnectionStateMachine.Limits(maxBodySize: 10, maxBodySizeName: "maxBodySize", noKeepAlive: false)
  /// When the machines' connections opened: the machine reads no clock, the tests give it times.
  static let opened = NIODeadline.uptimeNanoseconds(1_000_000_000)

  static func head(
    _ method: HTTPMethod = .GET, _ version: HTTPVersion = .http1_1, _ headers: [(String, String)] = [("Host", "a")]
  ) -> HTTPRequestHead {
    HTTPRequestHead(version: version, method: method, uri: "/", headers: HTTPHeaders(headers))
  }

  static func request(_ head: HTTPRequestHead, number: Int = 1, bodySize: Int = 0, status: UInt? = nil)
    -> ConnectionStateMachine.Request
  {
    .init(head: head, number: number, bodySize: bodySize, keepAlive: true, status: status)
  }

  /// A request and its response, event by event, as the handler sees them: each answer is
  /// the one thing the handler does.
  @Test func aRequestGoesIdleReadingRespondingIdle() {
    var machine = ConnectionStateMachine(limits: Self.limits, openedAt: Self.opened)
    let post = Self.head(.POST)
    #expect(machine.received(.head(post)) == .readBody(post, declaredLength: nil, sendContinue: false))
    let bytes = ByteBuffer(string: "abcd")
    #expect(machine.received(.body(bytes)) == .appendBody(bytes))
    #expect(machine.received(.end(nil)) == .respond(Self.request(post, bodySize: 4)))
    #expect(machine.state == .responding(Self.request(post, bodySize: 4)))
    #expect(machine.bodyTimerFired() == .wait, "no timer interrupts a response")
    let ok = HTTPResponseHead(version: .http1_1, status: .ok, headers: ["Content-Length": "2"])
    let later = Self.opened + .milliseconds(1000)
    #expect(
      machine.write(request: 1, head: ok, body: ByteBuffer(string: "ok"), end: true, active: true, now: later)
        == .write(.init(head: ok, body: ByteBuffer(string: "ok"), ended: Self.request(post, bodySize: 4, status: 200))))
    #expect(machine.state == .idle(since: later))
    #expect(
      machine.write(request: 1, head: nil, body: ByteBuffer(), end: true, active: true, now: later) == .failWrite,
      "a writer of an ended response writes nothing more")
    #expect(machine.nextKept() == .wait, "nothing was kept")
    let get = Self.head()
    #expect(machine.received(.head(get)) == .readBody(get, declaredLength: nil, sendContinue: false))
    #expect(machine.received(.end(nil)) == .respond(Self.request(get, number: 2)), "requests are numbered")
  }

  /// What the responder leaves undone, the machine ends: a bare `500` when nothing was
  /// written, a close when the head is out, a close when the connection was handed over.
  @Test func aResponderThatReturnsWithoutEndingIsEndedForIt() {
    var silent = ConnectionStateMachine(limits: Self.limits, openedAt: Self.opened)
    _ = silent.received(.head(Self.head()))
    _ = silent.received(.end(nil))
    guard
      case .write(let parts) = silent.responderReturned(request: 1, active: true, now: Self.opened),
      let head = parts.head, let ended = parts.ended
    else {
      Issue.record("an unanswered request gets a 500")
      return
    }
    #expect(head.status == .internalServerError && head.headers["Content-Length"] == ["0"] && ended.status == 500)
    #expect(silent.responderReturned(request: 1, active: true, now: Self.opened) == .wait, "once")

    var halfway = ConnectionStateMachine(limits: Self.limits, openedAt: Self.opened)
    _ = halfway.received(.head(Self.head()))
    _ = halfway.received(.end(nil))
    let started = halfway.write(
      request: 1, head: HTTPResponseHead(version: .http1_1, status: .ok), body: ByteBuffer(string: "a"), end: false,
      active: true, now: Self.opened)
    guard case .write(let first) = started else {
      Issue.record("the head goes out")
      return
    }
    #expect(first.head?.headers["Transfer-Encoding"] == ["chunked"] && first.ended == nil)
    #expect(halfway.detach(request: 1, active: true) == .failWrite, "too late to hand the connection over")
    #expect(halfway.responderReturned(request: 1, active: true, now: Self.opened) == .close)
    #expect(halfway.state == .closed)

    var handed = ConnectionStateMachine(limits: Self.limits, openedAt: Self.opened)
    _ = handed.received(.head(Self.head()))
    _ = handed.received(.end(nil))
    #expect(handed.detach(request: 1, active: true) == .detach(Self.request(Self.head())))
    #expect(handed.received(.head(Self.head())) == .wait, "HTTP reads nothing more on it")
    #expect(handed.responderReturned(request: 1, active: true, now: Self.opened) == .close)
  }

  /// As NIO's `HTTPServerPipelineHandler`: a pipelined request waits, in order, while a
  /// response is written; reading pauses meanwhile and resumes (with the read asked for) once
  /// the kept parts are handled.
  @Test func pipelinedPartsWaitAndReadingPausesUntilTheResponseEnds() {
    var machine = ConnectionStateMachine(limits: Self.limits, openedAt: Self.opened)
    #expect(machine.readRequested() == .read, "nothing in flight: reads pass")
    _ = machine.received(.head(Self.head()))
    _ = machine.received(.end(nil))
    let second = Self.head(.GET, .http1_1, [("Host", "b")])
    #expect(machine.received(.head(second)) == .wait)
    #expect(machine.received(.end(nil)) == .wait)
    #expect(machine.received(error: HTTPParserError.invalidVersion) == .wait)
    #expect(machine.readPaused)
    #expect(machine.readRequested() == .wait, "paused: the read waits")
    #expect(machine.nextKept() == .wait, "nothing is handed back while the response is written")
    let done = HTTPResponseHead(version: .http1_1, status: .noContent)
    _ = machine.write(request: 1, head: done, body: ByteBuffer(), end: true, active: true, now: Self.opened)
    #expect(
      machine.nextKept() == .readBody(second, declaredLength: nil, sendContinue: false), "the kept head comes first")
    #expect(machine.nextKept() == .respond(Self.request(second, number: 2)), "then its end")
    #expect(machine.nextKept() == .wait, "the kept error waits for the second response")
    #expect(machine.readPaused, "still answering: still paused")
    _ = machine.write(request: 2, head: done, body: ByteBuffer(), end: true, active: true, now: Self.opened)
    guard case .refuse(let refusal) = machine.nextKept() else {
      Issue.record("then the kept error")
      return
    }
    #expect(refusal.cause == .malformedRequest && refusal.words == .malformed(.parser(.invalidVersion)))
    #expect(machine.nextKept() == .wait, "a refusal closes: the read is not passed on")

    var resumed = ConnectionStateMachine(limits: Self.limits, openedAt: Self.opened)
    _ = resumed.received(.head(Self.head()))
    _ = resumed.received(.end(nil))
    _ = resumed.received(.head(second))
    _ = resumed.readRequested()
    _ = resumed.write(request: 1, head: done, body: ByteBuffer(), end: true, active: true, now: Self.opened)
    #expect(resumed.nextKept() == .readBody(second, declaredLength: nil, sendContinue: false))
    #expect(resumed.nextKept() == .read, "the read asked for while paused happens now")
    #expect(!resumed.readPaused && resumed.nextKept() == .wait, "once")
  }

  /// The idle timer fires once per period; the machine says whether the connection waited the
  /// whole `limit` for a head or when to look again.
  @Test func theIdleTimerClosesOnlyAfterAFullPeriodWithoutAHead() {
    let opened = Self.opened
    var limits = Self.limits
    limits.idleConnectionTimeout = 2
    var machine = ConnectionStateMachine(limits: limits, openedAt: opened)
    #expect(machine.activated(at: opened) == .armIdleTimer(.milliseconds(2000)))
    guard case .refuse(let refusal) = machine.idleTimerFired(at: opened + .milliseconds(2000)) else {
      Issue.record("a whole period without a head closes")
      return
    }
    #expect(refusal.cause == .idleTimeout && refusal.status == nil)
    #expect(refusal.words == .said("no complete request within idleConnectionTimeout (2s): connection closed"))
    #expect(machine.state == .closed)

    var busy = ConnectionStateMachine(limits: limits, openedAt: opened)
    _ = busy.received(.head(Self.head()))
    #expect(
      busy.idleTimerFired(at: opened + .milliseconds(2000)) == .armIdleTimer(.milliseconds(2000)),
      "a request in flight: a full period later")
    _ = busy.received(.end(nil))
    _ = busy.write(
      request: 1, head: HTTPResponseHead(version: .http1_1, status: .noContent), body: ByteBuffer(), end: true,
      active: true, now: opened + .milliseconds(3000))
    #expect(
      busy.idleTimerFired(at: opened + .milliseconds(4000)) == .armIdleTimer(.milliseconds(1000)),
      "idle for 1 s of 2: look again in 1 s")
    guard case .refuse = busy.idleTimerFired(at: opened + .milliseconds(5000)) else {
      Issue.record("then it closes")
      return
    }
    var none = ConnectionStateMachine(limits: Self.limits, openedAt: opened)
    #expect(none.activated(at: opened) == .wait, "no idleConnectionTimeout: no timer")
  }

  @Test func theStateMachineRefusesWhatTornadoRefuses() {
    var tooLong = ConnectionStateMachine(limits: Self.limits, openedAt: Self.opened)
    let announced = Self.head(.POST, .http1_1, [("Host", "a"), ("Content-Length", "11")])
    #expect(
      tooLong.received(.head(announced))
        == .refuse(
          .init(
            cause: .contentLengthTooLong, words: .said("Content-Length 11 is over maxBodySize (10 bytes)"),
            status: 400, head: announced, headIsNew: true)))
    #expect(tooLong.received(error: HTTPParserError.invalidVersion) == .wait)
    #expect(tooLong.state == .closed)

    var growing = ConnectionStateMachine(limits: Self.limits, openedAt: Self.opened)
    _ = growing.received(.head(Self.head(.POST)))
    #expect(growing.received(.body(ByteBuffer(string: "123456"))) == .appendBody(ByteBuffer(string: "123456")))
    #expect(
      growing.received(.body(ByteBuffer(string: "12345")))
        == .refuse(
          .init(
            cause: .bodyTooLong, words: .said("body larger than maxBodySize (10 bytes)"), status: 400,
            head: Self.head(.POST), bodyBytesReceived: 11)))

    var noHost = ConnectionStateMachine(limits: Self.limits, openedAt: Self.opened)
    guard case .refuse(let refusal) = noHost.received(.head(Self.head(.GET, .http1_1, []))) else {
      Issue.record("HTTP/1.1 without Host must be refused")
      return
    }
    #expect(refusal.cause == .missingHost && refusal.status == 400)

    // A socket that fails (the client reset it, as wrk does when it stops) is a lost
    // connection, not a malformed request: no 400 to nobody, no refusal, whatever the state.
    let reset = IOError(errnoCode: ECONNRESET, reason: "read(descriptor:pointer:size:)")
    var idle = ConnectionStateMachine(limits: Self.limits, openedAt: Self.opened)
    #expect(idle.received(error: reset) == .close)
    #expect(idle.state == .closed)
    var reading = ConnectionStateMachine(limits: Self.limits, openedAt: Self.opened)
    _ = reading.received(.head(Self.head(.POST)))
    #expect(reading.received(error: reset) == .close)
    #expect(reading.received(error: reset) == .wait, "closed already")

    var huge = ConnectionStateMachine(limits: Self.limits, openedAt: Self.opened)
    guard case .refuse(let overflow) = huge.received(error: HTTPParserError.headerOverflow) else {
      Issue.record("a head past maxHeaderSize is refused")
      return
    }
    #expect(overflow.cause == .headTooLarge && overflow.status == nil, "Tornado closes without an answer")
  }

  @Test func expectContinueIsAnsweredOnlyOnHTTP11() {
    var machine = ConnectionStateMachine(limits: Self.limits, openedAt: Self.opened)
    let asks = Self.head(.POST, .http1_1, [("Host", "a"), ("Expect", "100-Continue")])
    #expect(machine.received(.head(asks)) == .readBody(asks, declaredLength: nil, sendContinue: true))
    var old = ConnectionStateMachine(limits: Self.limits, openedAt: Self.opened)
    let oldAsks = Self.head(.POST, .http1_0, [("Expect", "100-continue")])
    #expect(old.received(.head(oldAsks)) == .readBody(oldAsks, declaredLength: nil, sendContinue: false))
  }

  @Test func halfCloseAndTimersFollowTheState() {
    var idle = ConnectionStateMachine(limits: Self.limits, openedAt: Self.opened)
    #expect(idle.receivedInputClosed() == .close, "nothing in flight: close now")
    #expect(idle.receivedInputClosed() == .wait)
    var busy = ConnectionStateMachine(limits: Self.limits, openedAt: Self.opened)
    _ = busy.received(.head(Self.head()))
    _ = busy.received(.end(nil))
    #expect(busy.receivedInputClosed() == .wait, "answer what is in flight first")
    guard
      case .write(let parts) = busy.write(
        request: 1, head: HTTPResponseHead(version: .http1_1, status: .noContent), body: ByteBuffer(), end: true,
        active: true, now: Self.opened)
    else {
      Issue.record("the response goes out")
      return
    }
    #expect(parts.ended?.keepAlive == false && parts.head?.headers["Connection"] == ["close"], "then close")
    #expect(busy.state == .closed)

    var limits = Self.limits
    limits.bodyTimeout = 0.5
    limits.idleConnectionTimeout = 5
    var reading = ConnectionStateMachine(limits: limits, openedAt: Self.opened)
    _ = reading.received(.head(Self.head(.POST)))
    #expect(
      reading.idleTimerFired(at: Self.opened) == .armIdleTimer(.milliseconds(5000)), "the idle timer is for heads")
    guard case .refuse(let refusal) = reading.bodyTimerFired() else {
      Issue.record("a body late past bodyTimeout is refused")
      return
    }
    #expect(refusal.words == .said("the body did not arrive within bodyTimeout (0.5s)"))
    #expect(reading.state == .closed)
    #expect(reading.received(.end(nil)) == .wait)
  }

  @Test func framingIsTornados() {
    func framed(_ request: HTTPRequestHead, _ headers: [(String, String)] = [], status: HTTPResponseStatus = .ok)
      -> (HTTPHeaders, Bool)
    {
      var head = HTTPResponseHead(version: .http1_1, status: status, headers: HTTPHeaders(headers))
      let keepAlive = ResponseFraming.frame(
        &head, for: request, keepAlive: ResponseFraming.canKeepAlive(request, noKeepAlive: false))
      return (head.headers, keepAlive)
    }
    let chunked = framed(Self.head())
    #expect(chunked.0["Transfer-Encoding"] == ["chunked"] && chunked.1)
    let sized = framed(Self.head(), [("Content-Length", "5")])
    #expect(sized.0.count == 1 && sized.1)
    let old = framed(Self.head(.GET, .http1_0, [("Connection", "keep-alive")]), [("Content-Length", "5")])
    #expect(old.0["Connection"] == ["Keep-Alive"] && old.1)
    let oldUnsized = framed(Self.head(.GET, .http1_0, [("Connection", "keep-alive")]))
    #expect(
      !oldUnsized.1 && oldUnsized.0["Transfer-Encoding"].isEmpty,
      "an HTTP/1.0 body of unknown size ends with the connection")
    let closing = framed(
      Self.head(.GET, .http1_1, [("Host", "a"), ("Connection", "close")]), [("Content-Length", "0")])
    #expect(closing.0["Connection"] == ["close"])
    #expect(!closing.1)
    let head = framed(Self.head(.HEAD), [])
    #expect(head.0["Transfer-Encoding"].isEmpty, "no body is framed for HEAD")
    #expect(framed(Self.head(), status: .notModified).0["Transfer-Encoding"].isEmpty)
    #expect(
      !ResponseFraming.canKeepAlive(Self.head(.POST, .http1_0, [("Connection", "keep-alive")]), noKeepAlive: false))
    #expect(!ResponseFraming.canKeepAlive(Self.head(), noKeepAlive: true))
  }

  @Test func proxyHeadersAreTrustedOnlyAsTornadoDoes() {
    let forwarded = ProxyHeaders(
      HTTPHeaders([("X-Forwarded-For", "1.1.1.1, 2.2.2.2 "), ("X-Forwarded-Proto", "http, https")]))
    #expect(forwarded.remoteIP == "2.2.2.2" && forwarded.scheme == "https")
    // As Tornado: the scheme as written (HTTPS is not https), a repeated header's lines joined
    // with ",", and a value that is no IP address ignored.
    #expect(ProxyHeaders(HTTPHeaders([("X-Forwarded-Proto", "HTTPS")])).scheme == nil)
    #expect(
      ProxyHeaders(HTTPHeaders([("X-Forwarded-For", "1.1.1.1"), ("X-Forwarded-For", "2.2.2.2")])).remoteIP == "2.2.2.2")
    #expect(ProxyHeaders(HTTPHeaders([("X-Real-Ip", "not-an-ip"), ("X-Forwarded-For", "1.1.1.1")])).remoteIP == nil)
    #expect(ProxyHeaders(HTTPHeaders([("X-Real-Ip", "::1")])).remoteIP == "::1")
    let real = ProxyHeaders(
      HTTPHeaders([("X-Real-Ip", "3.3.3.3"), ("X-Forwarded-For", "1.1.1.1"), ("X-Scheme", "gopher")]))
    #expect(real.remoteIP == "3.3.3.3" && real.scheme == nil)
    let request = RequestBuilder.request(
      head: Self.head(.GET, .http1_0, [("X-Real-Ip", "3.3.3.3"), ("Content-Encoding", "gzip")]), body: [],
      remote: "127.0.0.1", startTime: .now, xheaders: false, decompressRequest: true)
    #expect(request.remoteIP == "127.0.0.1" && request.version == "HTTP/1.0" && request.body.isEmpty)
    #expect(!request.headers.contains(name: "Content-Encoding"), "the body was inflated: the handler sees it plain")
  }

  @Test func oneHeaderCheckForEveryone() {
    #expect(HeaderField.isValidName("X-Trace_1"))
    for bad in ["", "X Trace", "X:Trace", "Ünï", "X\r\nY"] { #expect(!HeaderField.isValidName(bad), "\(bad)") }
    #expect(HeaderField.isValidValue(" text/html; q=0.9\t"))
    #expect(HeaderField.isValidValue("café"))
    for bad in ["a\r\nSet-Cookie: x", "a\u{0}b", "a\u{1B}[31m", "a\u{7F}"] {
      #expect(!HeaderField.isValidValue(bad), "\(bad.debugDescription)")
    }
    #expect(HeaderField.problem(name: "X-A", value: "ok") == nil)
    #expect(HeaderField.problem(name: "X A", value: "ok")?.hasPrefix("\"X A\" is not a valid header name") == true)
    #expect(
      HeaderField.problem(name: "X-A", value: "a\u{1B}b")?.hasSuffix(#""a\eb""#) == true, "escaped for a terminal")
    #expect(HeaderField.isValidMethod("PURGE") && !HeaderField.isValidMethod("GET /"))
  }

  @Test func theDateHeaderIsCachedPerSecond() {
    let first = HTTPDate.nowFormatted
    let parsed = HTTPDate(parsing: first)
    #expect(parsed != nil)
    #expect(abs(parsed!.secondsSince1970 - Int(time(nil))) <= 1)
    #expect(HTTPDate.nowFormatted.hasSuffix(" GMT"))
  }

  @Test func clientErrorsAreClassifiedByType() {
    #expect(TransportFailure(IOError(errnoCode: ECONNREFUSED, reason: "connect")) == .connectionRefused)
    #expect(TransportFailure(IOError(errnoCode: ECONNRESET, reason: "read")) == .connectionReset)
    #expect(TransportFailure(ChannelError.ioOnClosedChannel) == .staleConnection, "a pooled connection closed")
    #expect(AsyncHTTPClient.mayRetry("POST", after: .staleConnection), "nothing was written")
    // A handful of transports whatever timeouts a program computes.
    #expect(AsyncHTTPClient.readTimeoutBucket(0.3) == 500 && AsyncHTTPClient.readTimeoutBucket(20) == 20_000)
    #expect(Set((1...1000).map { AsyncHTTPClient.readTimeoutBucket(Double($0) / 10) }).count <= 15)
    // A Location with a space is resolved as urljoin does, not refused.
    #expect(AsyncHTTPClient.resolve("/a b", against: "http://127.0.0.1:8/x") == "http://127.0.0.1:8/a%20b")
    #expect(!AsyncHTTPClient.mayRetry("GET", after: .connectionClosed), "it may have been processed")
    #expect(TransportFailure(ChannelError.connectTimeout(.milliseconds(1000))) == .connectTimeout)
    #expect(TransportFailure(SocketAddressError.unsupported) == .dns)
    // A body-reading task the client's deadline cancelled, or the caller's cancellation.
    #expect(TransportFailure(CancellationError()) == .cancelled)
    #expect(
      TransportFailure(HTTPParserError.invalidStatus)
        == .malformedResponse("the status line is not HTTP/1.x NNN reason"))
  }
}
