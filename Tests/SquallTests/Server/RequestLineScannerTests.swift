import Testing

@testable import Squall

/// `RequestLineScanner` finds the request lines Tornado refuses and llhttp accepts, however
/// the bytes are framed and however they are split into reads.
@Suite struct RequestLineScannerTests {
  /// Scans `text` in reads of `chunk` bytes; returns each read's verdict that was not `.fine`,
  /// with the read's offset in the whole text.
  static func scan(_ text: String, chunk: Int = .max) -> (
    verdicts: [(at: Int, RequestLineScanner.Verdict)], stopped: Bool
  ) {
    var scanner = RequestLineScanner()
    let bytes = Array(text.utf8)
    var verdicts: [(at: Int, RequestLineScanner.Verdict)] = []
    var offset = 0
    while offset < bytes.count {
      let end = min(bytes.count, offset + min(chunk, bytes.count))
      let verdict = bytes[offset..<end].withUnsafeBytes { scanner.scan($0) }
      if verdict != .fine { verdicts.append((offset, verdict)) }
      offset = end
    }
    return (verdicts, scanner.hasStopped)
  }

  static let get = "GET / HTTP/1.1\r\nHost: x\r\n\r\n"

  @Test func wellFormedRequestsPass() {
    let result = Self.scan(Self.get + "POST /a?b=c HTTP/1.0\r\nHost: x\r\ncontent-length: 3\r\n\r\nabc" + Self.get)
    #expect(result.verdicts.isEmpty)
    #expect(!result.stopped)
  }

  @Test func aRunOfSpacesAnywhereInTheLineIsFound() {
    for line in ["GET  / HTTP/1.1", "GET /  HTTP/1.1", "GET   /   HTTP/1.1"] {
      let result = Self.scan(line + "\r\nHost: x\r\n\r\n")
      #expect(result.verdicts.map(\.1) == [.runOfSpaces(requestStart: 0)], "\(line)")
      #expect(result.stopped, "nothing after it is read")
    }
  }

  @Test func onlyTheHeadersThatFrameABodyAreRead() {
    // Lines whose names start elsewhere are skipped to their end: a look-alike frames nothing.
    let head = "POST / HTTP/1.1\r\nX-Content-Length: 5\r\nAccept: */*\r\nContent-Type: a\r\n\r\n"
    for chunk in [1, 2, 5, Int.max] {
      let result = Self.scan(head + "GET  / HTTP/1.1\r\n\r\n", chunk: chunk)
      #expect(result.verdicts.count == 1, "reads of \(chunk): no body, so the next line is a request line")
    }
  }

  @Test func thePipelinedRequestIsFoundWhereItStarts() {
    let first = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nGET  / a  b"
    let result = Self.scan(first + "\r\n" + "GET  / HTTP/1.1\r\n\r\n")
    #expect(result.verdicts.map(\.1) == [.runOfSpaces(requestStart: first.utf8.count + 2)], "blank lines are skipped")
  }

  @Test func aBodyThatLooksLikeABadRequestLineIsABody() {
    let body = "\r\nGET  / HTTP/1.1\r\n\r\n"
    let lengthFramed = "PUT / HTTP/1.1\r\nHost: x\r\nCONTENT-LENGTH:  \(body.utf8.count) \r\n\r\n" + body
    #expect(Self.scan(lengthFramed + Self.get).verdicts.isEmpty)
    let chunked =
      "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      + "\(String(body.utf8.count, radix: 16));name=\"a  b\"\r\n\(body)\r\n0\r\nX-Trailer: GET  /\r\n\r\n"
    for chunk in [1, 3, 7, Int.max] {
      #expect(Self.scan(chunked + Self.get, chunk: chunk).verdicts.isEmpty, "reads of \(chunk)")
      let found = Self.scan(chunked + "GET  / HTTP/1.1\r\n\r\n", chunk: chunk).verdicts
      #expect(found.count == 1, "reads of \(chunk)")
      if chunk == Int.max { #expect(found.first?.1 == .runOfSpaces(requestStart: chunked.utf8.count)) }
    }
  }

  @Test func aRequestSplitAcrossReadsIsFoundInTheReadThatCompletesTheRun() {
    let text = Self.get + "GET /  HTTP/1.1\r\n\r\n"
    let result = Self.scan(text, chunk: 1)
    #expect(result.verdicts.count == 1)
    #expect(result.verdicts.first?.at == Self.get.utf8.count + 6, "the second space")
    #expect(result.verdicts.first?.1 == .runOfSpaces(requestStart: nil), "the line began in an earlier read")
    let split = Self.scan(text, chunk: Self.get.utf8.count + 3)
    #expect(split.verdicts.map(\.1) == [.runOfSpaces(requestStart: nil)])
  }

  @Test func framingLeftToTheParserStopsTheScanner() {
    let cases = [
      "two Content-Lengths": "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\na",
      "gzip coding": "POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
      "Content-Length not a number": "POST / HTTP/1.1\r\nContent-Length: 1e3\r\n\r\n",
      "Upgrade": "GET / HTTP/1.1\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n",
      "CONNECT": "CONNECT x:443 HTTP/1.1\r\nHost: x:443\r\n\r\n",
      "Content-Length padded past the kept line":
        "POST / HTTP/1.1\r\nContent-Length:\(String(repeating: " ", count: 60))1\r\n\r\n",
      "chunk size not hexadecimal": "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    ]
    for (name, head) in cases {
      let result = Self.scan(head + "GET  / HTTP/1.1\r\n\r\n")
      #expect(result.verdicts.isEmpty, "\(name)")
      #expect(result.stopped, "\(name)")
    }
    #expect(!Self.scan("CONNECTX / HTTP/1.1\r\n\r\n").stopped, "only the method CONNECT")
    #expect(!Self.scan("GET / HTTP/1.1\r\nX-Upgrade: websocket\r\n\r\n").stopped, "only the header Upgrade")
  }
}
