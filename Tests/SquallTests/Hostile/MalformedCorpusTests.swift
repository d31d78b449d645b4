import Foundation
import Squall
import SquallExamples
import SquallTestSupport
import Testing

/// More than a hundred malformed or unusual requests, each sent whole to Tornado running the
/// seed's app and to Squall's twin: Squall must give Tornado's status (or close without an
/// answer where Tornado does), except for the differences listed in `differences`, each with
/// the RFC that permits Squall's answer, and checked both ways (the difference must still
/// exist: a fix on either side shows up here). After every case Squall still serves.
@Suite(.enabled(if: TornadoReference.shouldRun, "needs `pip install tornado`"))
struct MalformedCorpusTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    var testDescription: String { name }
  }

  static func raw(_ name: String, _ text: String) -> Case { Case(name: name, bytes: Array(text.utf8)) }
  static func bytes(_ name: String, _ bytes: [UInt8]) -> Case { Case(name: name, bytes: bytes) }
  /// A request line and headers (Host added unless `host` is false), ended by a blank line.
  static func head(_ name: String, _ line: String, _ headers: [String] = [], host: Bool = true, body: String = "")
    -> Case
  {
    raw(name, ([line] + (host ? ["Host: x"] : []) + headers).joined(separator: "\r\n") + "\r\n\r\n" + body)
  }
  static func post(_ name: String, _ headers: [String], _ body: String) -> Case {
    head(name, "POST / HTTP/1.1", headers, body: body)
  }
  static func chunked(_ name: String, _ body: String) -> Case {
    post(name, ["Transfer-Encoding: chunked"], body)
  }

  static let cases: [Case] = {
    var cases: [Case] = []
    // Start lines.
    cases += [
      head("valid GET", "GET / HTTP/1.1"),
      head("lower-case method", "get / HTTP/1.1"),
      head("method with @", "G@T / HTTP/1.1"),
      head("method with a slash", "GE/T / HTTP/1.1"),
      head("empty method", " / HTTP/1.1"),
      head("two spaces after the method", "GET  / HTTP/1.1"),
      head("two spaces before the version", "GET /  HTTP/1.1"),
      head("tab as separator", "GET\t/\tHTTP/1.1"),
      head("trailing space after the version", "GET / HTTP/1.1 "),
      head("no version", "GET /"),
      head("no target", "GET HTTP/1.1"),
      head("only a target", "/ HTTP/1.1"),
      head("HTTP/1.2", "GET / HTTP/1.2"),
      head("HTTP/2.0 request line", "GET / HTTP/2.0"),
      head("HTTP/0.9 version", "GET / HTTP/0.9"),
      head("version without minor", "GET / HTTP/1"),
      head("lower-case protocol", "GET / http/1.1"),
      head("version with letters", "GET / HTTP/1.x"),
      head("two-digit major", "GET / HTTP/11.1"),
      head("version with trailing garbage", "GET / HTTP/1.1x"),
      head("extra word in the request line", "GET / HTTP/1.1 extra"),
      raw("garbage line", "GARBAGE\r\n\r\n"),
      raw("blank lines before the request", "\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n"),
      raw("HTTP/2 connection preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
      raw("TLS client hello", "\u{16}\u{03}\u{01}\u{00}\u{a5}\u{01}\u{00}\u{00}\u{a1}\u{03}\u{03}\r\n\r\n"),
      raw("SSH banner", "SSH-2.0-OpenSSH_9.2\r\n\r\n"),
    ]
    // Request targets.
    cases += [
      head("asterisk-form with GET", "GET * HTTP/1.1"),
      head("OPTIONS *", "OPTIONS * HTTP/1.1"),
      head("absolute-form", "GET http://x/ HTTP/1.1"),
      head("absolute-form, another host", "GET http://elsewhere.example/ HTTP/1.1"),
      head("absolute-form https", "GET https://x/ HTTP/1.1"),
      head("authority-form with GET", "GET x:80 HTTP/1.1"),
      head("CONNECT authority-form", "CONNECT x:443 HTTP/1.1"),
      head("target without a slash", "GET index.html HTTP/1.1"),
      head("percent alone", "GET /% HTTP/1.1"),
      head("invalid percent-encoding", "GET /%zz HTTP/1.1"),
      head("percent-encoded NUL", "GET /%00 HTTP/1.1"),
      head("percent-encoded CRLF", "GET /%0d%0a HTTP/1.1"),
      head("invalid percent-encoding in the query", "GET /?a=%zz HTTP/1.1"),
      head("fragment in the target", "GET /#frag HTTP/1.1"),
      head("only a query", "GET ?a=1 HTTP/1.1"),
      head("double slash path", "GET // HTTP/1.1"),
      head("dot segments", "GET /a/../ HTTP/1.1"),
      head("backslash in the path", "GET /\\ HTTP/1.1"),
      bytes(
        "raw UTF-8 in the target", Array("GET /caf".utf8) + [0xC3, 0xA9] + Array(" HTTP/1.1\r\nHost: x\r\n\r\n".utf8)),
      bytes(
        "invalid UTF-8 in the target", Array("GET /".utf8) + [0xFF, 0xFE] + Array(" HTTP/1.1\r\nHost: x\r\n\r\n".utf8)),
      bytes("DEL in the target", Array("GET /".utf8) + [0x7F] + Array(" HTTP/1.1\r\nHost: x\r\n\r\n".utf8)),
      bytes("NUL in the target", Array("GET /".utf8) + [0x00] + Array(" HTTP/1.1\r\nHost: x\r\n\r\n".utf8)),
      bytes("escape in the target", Array("GET /\u{1B}[2J HTTP/1.1\r\nHost: x\r\n\r\n".utf8)),
      head("very long target", "GET /" + String(repeating: "a", count: 8000) + " HTTP/1.1"),
    ]
    // Header syntax.
    cases += [
      head("header without a colon", "GET / HTTP/1.1", ["NoColon"]),
      head("space before the colon", "GET / HTTP/1.1", ["X-A : 1"]),
      head("empty header name", "GET / HTTP/1.1", [": value"]),
      head("space inside a header name", "GET / HTTP/1.1", ["X A: 1"]),
      head("header name with @", "GET / HTTP/1.1", ["X@A: 1"]),
      head("empty header value", "GET / HTTP/1.1", ["X-A:"]),
      head("header value with tabs", "GET / HTTP/1.1", ["X-A:\t1\t"]),
      head("obs-fold continuation line", "GET / HTTP/1.1", ["X-A: 1", " 2"]),
      head("obs-fold with a tab", "GET / HTTP/1.1", ["X-A: 1", "\t2"]),
      head("folded first header", "GET / HTTP/1.1", [" X-A: 1"], host: false),
      bytes("NUL in a header value", Array("GET / HTTP/1.1\r\nHost: x\r\nX-A: a".utf8) + [0] + Array("b\r\n\r\n".utf8)),
      bytes("bare CR in a header value", Array("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n".utf8)),
      bytes("escape in a header value", Array("GET / HTTP/1.1\r\nHost: x\r\nX-A: \u{1B}[31m\r\n\r\n".utf8)),
      bytes(
        "obs-text in a header value",
        Array("GET / HTTP/1.1\r\nHost: x\r\nX-A: ".utf8) + [0xE9, 0xFF] + Array("\r\n\r\n".utf8)),
      bytes("DEL in a header name", Array("GET / HTTP/1.1\r\nHost: x\r\nX".utf8) + [0x7F] + Array(": 1\r\n\r\n".utf8)),
      raw("LF-only line endings", "GET / HTTP/1.1\nHost: x\n\n"),
      raw("mixed line endings", "GET / HTTP/1.1\r\nHost: x\n\r\n"),
      raw("CR CR LF", "GET / HTTP/1.1\r\r\nHost: x\r\n\r\n"),
      head("many headers", "GET / HTTP/1.1", (0..<200).map { "X-H\($0): v" }),
      head("a 20 KB header", "GET / HTTP/1.1", ["X-Big: " + String(repeating: "b", count: 20_000)]),
    ]
    // Host.
    cases += [
      head("HTTP/1.1 without Host", "GET / HTTP/1.1", host: false),
      head("two Host headers", "GET / HTTP/1.1", ["Host: y"]),
      head("empty Host", "GET / HTTP/1.1", ["Host:"], host: false),
      head("Host with a port", "GET / HTTP/1.1", ["Host: x:8080"], host: false),
      head("Host with a space", "GET / HTTP/1.1", ["Host: x y"], host: false),
      head("Host with userinfo", "GET / HTTP/1.1", ["Host: user@x"], host: false),
      head("Host with a bad port", "GET / HTTP/1.1", ["Host: x:abc"], host: false),
      head("IPv6 Host", "GET / HTTP/1.1", ["Host: [::1]:80"], host: false),
      head("HTTP/1.0 without Host", "GET / HTTP/1.0", host: false),
    ]
    // Content-Length.
    cases += [
      post("valid Content-Length", ["Content-Length: 3"], "a=1"),
      post("negative Content-Length", ["Content-Length: -1"], ""),
      post("Content-Length with a plus sign", ["Content-Length: +3"], "a=1"),
      post("Content-Length with a decimal point", ["Content-Length: 3.0"], "a=1"),
      post("Content-Length in hex", ["Content-Length: 0x3"], "a=1"),
      post("Content-Length with letters", ["Content-Length: three"], "a=1"),
      post("empty Content-Length", ["Content-Length:"], ""),
      post("Content-Length list, equal", ["Content-Length: 3, 3"], "a=1"),
      post("Content-Length list, different", ["Content-Length: 3, 4"], "a=1"),
      post("two Content-Length headers, equal", ["Content-Length: 3", "Content-Length: 3"], "a=1"),
      post("two Content-Length headers, different", ["Content-Length: 3", "Content-Length: 4"], "a=1"),
      post("Content-Length with spaces around", ["Content-Length:  3  "], "a=1"),
      post("Content-Length with an underscore", ["Content-Length: 1_0"], "0123456789"),
      post("enormous Content-Length", ["Content-Length: 99999999999999999999999"], ""),
      post("Content-Length shorter than the body", ["Content-Length: 1"], "a=1"),
      head("Content-Length on GET", "GET / HTTP/1.1", ["Content-Length: 3"], body: "abc"),
      post(
        "Content-Length with Transfer-Encoding", ["Content-Length: 3", "Transfer-Encoding: chunked"],
        "3\r\nabc\r\n0\r\n\r\n"),
    ]
    // Transfer-Encoding.
    cases += [
      chunked("valid chunked body", "3\r\nabc\r\n0\r\n\r\n"),
      post("Transfer-Encoding: Chunked (capital)", ["Transfer-Encoding: Chunked"], "3\r\nabc\r\n0\r\n\r\n"),
      post("Transfer-Encoding: chunked, chunked", ["Transfer-Encoding: chunked, chunked"], "3\r\nabc\r\n0\r\n\r\n"),
      post("Transfer-Encoding: gzip, chunked", ["Transfer-Encoding: gzip, chunked"], "3\r\nabc\r\n0\r\n\r\n"),
      post("Transfer-Encoding: gzip", ["Transfer-Encoding: gzip"], ""),
      post("Transfer-Encoding: identity", ["Transfer-Encoding: identity"], ""),
      post("empty Transfer-Encoding", ["Transfer-Encoding:"], ""),
      post("Transfer-Encoding: x-chunked", ["Transfer-Encoding: x-chunked"], "3\r\nabc\r\n0\r\n\r\n"),
      post(
        "two Transfer-Encoding headers", ["Transfer-Encoding: chunked", "Transfer-Encoding: chunked"],
        "3\r\nabc\r\n0\r\n\r\n"),
      raw(
        "Transfer-Encoding on HTTP/1.0",
        "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"),
    ]
    // Chunks.
    cases += [
      chunked("chunk size not hex", "zz\r\nabc\r\n0\r\n\r\n"),
      chunked("negative chunk size", "-3\r\nabc\r\n0\r\n\r\n"),
      chunked("chunk size with 0x", "0x3\r\nabc\r\n0\r\n\r\n"),
      chunked("chunk size with a plus sign", "+3\r\nabc\r\n0\r\n\r\n"),
      chunked("chunk size with an underscore", "1_0\r\n0123456789abcdef\r\n0\r\n\r\n"),
      chunked("chunk size with a space", "3 \r\nabc\r\n0\r\n\r\n"),
      chunked("chunk extension", "3;name=value\r\nabc\r\n0\r\n\r\n"),
      chunked("chunk extension with a quoted string", "3;name=\"v\"\r\nabc\r\n0\r\n\r\n"),
      chunked("chunk extension with a bare quote", "3;\"\r\nabc\r\n0\r\n\r\n"),
      chunked("chunk longer than its size", "3\r\nabcdef\r\n0\r\n\r\n"),
      chunked("chunk data without CRLF", "3\r\nabc0\r\n\r\n"),
      chunked("chunk size overflowing 64 bits", "fffffffffffffffffff\r\nabc\r\n0\r\n\r\n"),
      chunked("trailer fields", "3\r\nabc\r\n0\r\nX-Trailer: 1\r\n\r\n"),
      chunked("LF-only chunk lines", "3\nabc\n0\n\n"),
      chunked("NUL in a chunk size", "3\u{0}\r\nabc\r\n0\r\n\r\n"),
    ]
    return cases
  }()

  /// What each server answered: the first status, or nil for a close without an answer.
  static func answer(_ bytes: [UInt8], port: Int) async throws -> Int? {
    try await blocking { () throws -> Int? in
      let socket = try RawSocket(port: port)
      try socket.send(bytes)
      let read = socket.read(until: { ParsedResponse.parseAll($0, closed: false)?.isEmpty == false }, timeout: 3)
      return ParsedResponse.parseAll(read.bytes, closed: read.closed)?.first?.status
    }
  }

  @Test(arguments: cases) func squallAnswersAsTornadoOrAsDocumented(_ testCase: Case) async throws {
    let tornadoPort = try await blocking { try TornadoReference.shared.port() }
    let tornado = try await Self.answer(testCase.bytes, port: tornadoPort)
    let app = Examples.named("hello")!.makeApp(Settings(logFunction: { _ in }))
    try await withServer(app) { port, _ async throws in
      let squall = try await Self.answer(testCase.bytes, port: port)
      if let difference = Self.differences[testCase.name] {
        #expect(tornado == difference.tornado, "Tornado's answer changed: update the table (\(testCase.name))")
        #expect(squall == difference.squall, "Squall's answer changed: update the table (\(testCase.name))")
      } else {
        #expect(
          squall == tornado,
          "\(testCase.name): Squall \(squall.map(String.init) ?? "closed"), Tornado \(tornado.map(String.init) ?? "closed")"
        )
      }
      let next = try await exchange(port, request("GET", "/"))
      #expect(next.statuses == [200], "the server goes on serving after \(testCase.name)")
    }
  }

  @Test func theCorpusHasMoreThanAHundredRequests() {
    #expect(Self.cases.count >= 100)
    #expect(Set(Self.cases.map(\.name)).count == Self.cases.count, "names are unique")
    #expect(Set(Self.differences.keys).isSubset(of: Set(Self.cases.map(\.name))))
  }

  /// Where Squall answers otherwise than Tornado 6.6.1, and why that is permitted.
  /// (`Sources/Squall/Squall.docc/DifferencesFromTornado.md` keeps the same list in words.)
  static let differences: [String: (tornado: Int?, squall: Int?, why: String)] = [
    "blank lines before the request": (
      400, 200, "RFC 9112 §2.2: a server SHOULD ignore at least one empty line before the request line"
    ),
    "HTTP/1.2": (200, 400, "NIOHTTP1 knows HTTP/1.0 and 1.1 only; RFC 9110 §6.2 lets a server refuse a version"),
    "lower-case method": (405, 400, "methods are case-sensitive (RFC 9110 §9.1); llhttp refuses unknown methods"),
    "authority-form with GET": (404, 400, "RFC 9112 §3.2.3: authority-form is for CONNECT only; §3.2 asks 400"),
    "target without a slash": (404, 400, "RFC 9112 §3.2.1: origin-form starts with /; an invalid target gets 400"),
    "only a query": (404, 400, "RFC 9112 §3.2.1, as above"),
    "raw UTF-8 in the target": (404, 400, "a request target is ASCII (RFC 3986 §2); invalid targets get 400"),
    "invalid UTF-8 in the target": (404, 400, "RFC 3986 §2, as above"),
    "LF-only line endings": (200, 400, "RFC 9112 §2.2: a recipient MAY accept a bare LF; refusing is allowed"),
    "mixed line endings": (200, 400, "RFC 9112 §2.2, as above"),
    "CR CR LF": (200, 400, "RFC 9112 §2.2: a bare CR MUST be treated as invalid (or replaced by SP)"),
    "LF-only chunk lines": (nil, 400, "RFC 9112 §2.2 and §7.1; Squall says 400 where Tornado only closes"),
    "Host with a bad port": (200, 400, "RFC 9112 §3.2: a Host with an invalid value MUST get 400"),
    "two Content-Length headers, equal": (
      405, 400, "RFC 9112 §6.3: a recipient MAY reject repeated Content-Length values (smuggling's raw material)"
    ),
    "Content-Length list, equal": (405, 400, "RFC 9112 §6.3, as above"),
    "chunk extension": (
      400, 405, "RFC 9112 §7.1.1: recipients MUST ignore unknown chunk extensions; Tornado refuses them"
    ),
    "chunk extension with a quoted string": (400, 405, "RFC 9112 §7.1.1, as above"),
    "trailer fields": (400, 405, "RFC 9112 §7.1.2: trailer fields are valid; Tornado refuses them"),
  ]
}
