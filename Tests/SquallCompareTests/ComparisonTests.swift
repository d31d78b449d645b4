import Foundation
import Testing

@testable import SquallCompare

/// The comparison of two answers, without servers: what is the same, normalised, documented
/// or different, and the verdict `squall compare` exits with.
struct ComparisonTests {
  static func hello(_ server: String, date: String, extra: [HeaderLine] = []) -> WireResponse {
    WireResponse(
      status: 200, reason: "OK",
      headers: [
        HeaderLine("Server", server), HeaderLine("Content-Type", "text/html; charset=UTF-8"),
        HeaderLine("Date", date), HeaderLine("Etag", "\"e02a\""), HeaderLine("Content-Length", "12"),
      ] + extra, body: Array("Hello, world".utf8), framing: "length", duration: 0.001)
  }

  @Test func dateAndServerAreSetAsideAndSaidSo() {
    let comparison = Comparison.compare(
      WireRequest(), tornado: Self.hello("TornadoServer/6.6.1", date: "a"),
      squall: Self.hello("SquallServer/0.1.0", date: "b"))
    #expect(comparison.verdict == .same)
    #expect(comparison.rows.first { $0.label == "Date" }?.kind == .normalised("the time of the answer"))
    #expect(comparison.rows.first { $0.label == "Server" }?.kind == .normalised("each server's name"))
    #expect(comparison.summary == "The same on the wire (Date and Server aside).")
  }

  @Test func allowOn405IsADocumentedDifference() {
    var tornado = Self.hello("T", date: "a")
    var squall = Self.hello("S", date: "a", extra: [HeaderLine("Allow", "GET")])
    tornado.status = 405
    tornado.reason = "Method Not Allowed"
    squall.status = 405
    squall.reason = "Method Not Allowed"
    let comparison = Comparison.compare(WireRequest(method: "POST"), tornado: tornado, squall: squall)
    #expect(comparison.verdict == .documented)
    let allow = comparison.rows.first { $0.label == "Allow" }
    #expect(allow?.tornado == "—" && allow?.squall == "GET")
    guard case .documented(let reason) = allow?.kind else {
      Issue.record("Allow is labelled with its reason")
      return
    }
    #expect(reason.contains("RFC 9110"))
    // Checked both ways: an Allow on a 200 is no documented difference.
    let other = Comparison.compare(
      WireRequest(), tornado: Self.hello("T", date: "a"),
      squall: Self.hello("S", date: "a", extra: [HeaderLine("Allow", "GET")]))
    #expect(other.verdict == .different)
  }

  @Test func anUnknownMethodIsOneDocumentedDifferenceOfTheWholeAnswer() {
    var tornado = Self.hello("T", date: "a")
    tornado.status = 405
    tornado.reason = "Method Not Allowed"
    let squall = WireResponse(
      status: 400, reason: "Bad Request",
      headers: [HeaderLine("Content-Length", "0"), HeaderLine("Connection", "close")],
      body: [], framing: "length")
    let comparison = Comparison.compare(WireRequest(method: "HED"), tornado: tornado, squall: squall)
    #expect(comparison.verdict == .documented, "\(CompareReport.lines(comparison))")
    #expect(comparison.rows.first?.kind == .documented(KnownDifference.all[1].reason))
    // One cause on several rows is one difference, named (it once read "7 documented differences").
    #expect(comparison.rows.filter { $0.kind == .documented(KnownDifference.all[1].reason) }.count > 1)
    #expect(
      comparison.summary
        == "The same apart from one documented difference (see README): \(KnownDifference.all[1].reason)")
    // Checked both ways: a known method answered 400 by Squall alone is a real difference.
    #expect(Comparison.compare(WireRequest(method: "GET"), tornado: tornado, squall: squall).verdict == .different)
  }

  @Test func valuesCaseOrderFramingAndBodiesAreCompared() {
    let tornado = Self.hello("T", date: "a")
    var squall = tornado
    squall.headers[1] = HeaderLine("content-type", "text/html; charset=UTF-8")
    #expect(Comparison.compare(WireRequest(), tornado: tornado, squall: squall).verdict == .different, "case")
    squall = tornado
    squall.headers.swapAt(3, 4)
    let reordered = Comparison.compare(WireRequest(), tornado: tornado, squall: squall)
    #expect(reordered.verdict == .different)
    #expect(reordered.rows.first { $0.label == "header order" }?.kind == .different)
    squall = tornado
    squall.framing = "chunked"
    #expect(Comparison.compare(WireRequest(), tornado: tornado, squall: squall).verdict == .different, "framing")
    squall = tornado
    squall.body = Array("Hello, World".utf8)
    let body = Comparison.compare(WireRequest(), tornado: tornado, squall: squall)
    #expect(body.rows.first { $0.label == "body" }?.squall == "12 bytes \"Hello, World\"")
    #expect(body.verdict == .different)
  }

  @Test func theReportSaysEachRowOnce() {
    let comparison = Comparison.compare(
      WireRequest(), tornado: Self.hello("TornadoServer/6.6.1", date: "a"),
      squall: Self.hello("SquallServer/0.1.0", date: "b"))
    let lines = CompareReport.lines(comparison, tornado: "Tornado 6.6.1")
    #expect(lines.contains("  status          same        HTTP/1.1 200 OK"))
    #expect(lines.last == "The same on the wire (Date and Server aside).")
    #expect(Comparison.describe([0, 1, 2]) == "3 bytes (binary)")
    #expect(Comparison.describe(Array("a\u{1B}b".utf8)) == "3 bytes \"a\\eb\"")
  }

  @Test func rawAnswersSayWhereTheyFirstDifferAndHowTheyEnded() {
    let tornado = RawAnswer(bytes: Array("HTTP/1.1 200 OK\r\n".utf8), end: .closed)
    let squall = RawAnswer(bytes: Array("HTTP/1.1 500 OK\r\n".utf8), end: .reset)
    let comparison = Comparison.compareRaw(tornado: tornado, squall: squall)
    #expect(comparison.verdict == .different)
    let first = comparison.rows.first { $0.label == "first difference" }
    #expect(first?.tornado == "at byte 9: 200 OK\\r\\n" && first?.squall == "at byte 9: 500 OK\\r\\n")
    #expect(comparison.rows.first { $0.label == "end" }?.kind == .different)
    let same = Comparison.compareRaw(tornado: tornado, squall: RawAnswer(bytes: tornado.bytes, end: .closed))
    #expect(same.verdict == .same && same.summary == "The same bytes on the wire, and the same end.")
  }

  @Test func aWebSocketSessionDiffersWhenARepliesOrTheCloseDiffer() {
    let head = WireResponse(
      status: 101, reason: "Switching Protocols",
      headers: [HeaderLine("Upgrade", "websocket"), HeaderLine("Sec-Websocket-Accept", "a=")], body: [], framing: "none"
    )
    var other = head
    other.headers[1] = HeaderLine("Sec-Websocket-Accept", "b=")
    let tornado = WebSocketSession(handshake: head, replies: [["text \"hi\""]], closeCode: 1000)
    let same = WebSocketSession(handshake: other, replies: [["text \"hi\""]], closeCode: 1000)
    let request = WireRequest(target: "/ws")
    #expect(Comparison.compareWebSocket(request, messages: ["hi"], tornado: tornado, squall: same).verdict == .same)
    var silent = same
    silent.replies = [[]]
    let quiet = Comparison.compareWebSocket(request, messages: ["hi"], tornado: tornado, squall: silent)
    #expect(quiet.verdict == .different)
    #expect(quiet.rows.contains { $0.label == "→ hi" && $0.squall == "nothing back" })
    var closed = same
    closed.closeCode = 1001
    #expect(
      Comparison.compareWebSocket(request, messages: ["hi"], tornado: tornado, squall: closed).verdict == .different)
  }
}
