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

  @Test func aRequestGoesIdleReadingRespondingIdle() {
    var machine = ConnectionStateMachine(limits: Self.limits, openedAt: Self.opened)
    #expect(machine.received(.head(Self.head(.POST))) == .handle)
    #expect(machine.receivedHead(Self.head(.POST)) == .readBody(sendContinue: false))
    #expect(machine.receivedBody(count: 4) == .append)
    #expect(machine.receivedEnd() == .respond)
    #expect(machine.state == .responding)
    #expect(machine.bodyTimerFired() == .ignore, "no timer interrupts a response")
    #expect(machine.responseEnded(at: Self.opened) == .readNext)
    #expect(machine.state == .idle && machine.received(.end(nil)) == .handle)
  }

  /// As NIO's `HTTPServerPipelineHandler`: a pipelined request waits, in order, while a
  /// response is written; reading pauses meanwhile and resumes (with the read asked for) once
  /// the kept parts are handled.
  @Test func pipelinedPartsWaitAndReadingPausesUntilTheResponseEnds() {
    var machine = ConnectionStateMachine(limits: Self.limits, openedAt: Self.opened)
    let passes = machine.readRequested()
    #expect(passes, "nothing in flight: reads pass")
    _ = machine.receivedHead(Self.head())
    _ = machine.receivedEnd()
    #expect(machine.received(.head(Self.head(.GET, .http1_1, [("Host", "b")]))) == .deferred)
    #expect(machine.received(.end(nil)) == .deferred)
    let keptError = machine.received(error: HTTPParserError.invalidVersion)
    #expect(keptError == .deferred)
    #expect(machine.readPaused)
    let passesWhilePaused = machine.readRequested()
    #expect(!passesWhilePaused, "paused: the read waits")
    #expect(machine.nextDeferred() == nil, "nothing is handed back while the response is written")
    #expect(machine.resumeReading() == false, "nor does reading resume")
    #expect(machine.responseEnded(at: Self.opened) == .readNext)
    guard case .part(.head(let next))? = machine.nextDeferred() else {
      Issue.record("the kept head comes first")
      return
    }
    #expect(next.headers["Host"] == ["b"])
    _ = machine.receivedHead(next)
    guard case .part(.end)? = machine.nextDeferred() else {
      Issue.record("then its end")
      return
    }
    #expect(machine.receivedEnd() == .respond)
    #expect(machine.nextDeferred() == nil, "the kept error waits for the second response")
    #expect(machine.resumeReading() == false, "still answering: still paused")
    #expect(machine.responseEnded(at: Self.opened) == .readNext)
    guard case .failure? = machine.nextDeferred() else {
      Issue.record("then the kept error")
      return
    }
    #expect(machine.nextDeferred() == nil)
    let resumes = machine.resumeReading()
    #expect(resumes, "the read asked for while paused happens now")
    #expect(!machine.readPaused && machine.resumeReading() == false, "once")
  }

  /// The idle timer fires once per period; the machine says whether the connection waited the
  /// whole `limit` for a head or when to look again.
  @Test func theIdleTimerClosesOnlyAfterAFullPeriodWithoutAHead() {
    let opened = Self.opened
    let limit = TimeAmount.milliseconds(2000)
    var machine = ConnectionStateMachine(limits: Self.limits, openedAt: opened)
    #expect(machine.idleTimerFired(at: opened + .milliseconds(2000), limit: limit) == .close)
    #expect(machine.state == .closed)

    var busy = ConnectionStateMachine(limits: Self.limits, openedAt: opened)
    _ = busy.receivedHead(Self.head())
    #expect(
      busy.idleTimerFired(at: opened + .milliseconds(2000), limit: limit) == .checkAgain(in: limit),
      "a request in flight: a full period later")
    _ = busy.receivedEnd()
    #expect(busy.responseEnded(at: opened + .milliseconds(3000)) == .readNext)
    #expect(
      busy.idleTimerFired(at: opened + .milliseconds(4000), limit: limit) == .checkAgain(in: .milliseconds(1000)),
      "idle for 1 s of 2: look again in 1 s")
    #expect(busy.idleTimerFired(at: opened + .milliseconds(5000), limit: limit) == .close)
  }

  @Test func theStateMachineRefusesWhatTornadoRefuses() {
    var tooLong = ConnectionStateMachine(limits: Self.limits, openedAt: Self.opened)
    #expect(
      tooLong.receivedHead(Self.head(.POST, .http1_1, [("Host", "a"), ("Content-Length", "11")]))
        == .refuse(.contentLengthTooLong, "Content-Length 11 is over maxBodySize (10 bytes)"))
    let afterRefusal = tooLong.received(error: HTTPParserError.invalidVersion)
    #expect(tooLong.state == .closed && afterRefusal == .drop)

    var growing = ConnectionStateMachine(limits: Self.limits, openedAt: Self.opened)
    _ = growing.receivedHead(Self.head(.POST))
    #expect(growing.receivedBody(count: 6) == .append)
    #expect(growing.receivedBody(count: 5) == .refuse(.bodyTooLong, "body larger than maxBodySize (10 bytes)"))

    var noHost = ConnectionStateMachine(limits: Self.limits, openedAt: Self.opened)
    guard case .refuse(.missingHost, _) = noHost.receivedHead(Self.head(.GET, .http1_1, [])) else {
      Issue.record("HTTP/1.1 without Host must be refused")
      return
    }
  }

  @Test func expectContinueIsAnsweredOnlyOnHTTP11() {
    var machine = ConnectionStateMachine(limits: Self.limits, openedAt: Self.opened)
    #expect(
      machine.receivedHead(Self.head(.POST, .http1_1, [("Host", "a"), ("Expect", "100-Continue")]))
        == .readBody(sendContinue: true))
    var old = ConnectionStateMachine(limits: Self.limits, openedAt: Self.opened)
    #expect(
      old.receivedHead(Self.head(.POST, .http1_0, [("Expect", "100-continue")])) == .readBody(sendContinue: false))
  }

  @Test func halfCloseAndTimersFollowTheState() {
    var idle = ConnectionStateMachine(limits: Self.limits, openedAt: Self.opened)
    #expect(idle.receivedInputClosed() == .close, "nothing in flight: close now")
    #expect(idle.receivedInputClosed() == .ignore)
    var busy = ConnectionStateMachine(limits: Self.limits, openedAt: Self.opened)
    _ = busy.receivedHead(Self.head())
    _ = busy.receivedEnd()
    #expect(busy.receivedInputClosed() == .finishThenClose, "answer what is in flight first")
    #expect(busy.responseEnded(at: Self.opened) == .close, "then close")

    var reading = ConnectionStateMachine(limits: Self.limits, openedAt: Self.opened)
    _ = reading.receivedHead(Self.head(.POST))
    #expect(
      reading.idleTimerFired(at: Self.opened, limit: .milliseconds(5000)) == .checkAgain(in: .milliseconds(5000)),
      "the idle timer is for heads")
    #expect(reading.bodyTimerFired() == .close)
    #expect(reading.state == .closed)
    #expect(reading.received(.end(nil)) == .drop)
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
