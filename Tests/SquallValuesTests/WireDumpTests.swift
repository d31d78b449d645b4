import SquallValues
import Testing

/// The Raw view's reading of bytes: line ends shown, chunk sizes announced, binary as hex,
/// the rest of a broken framing shown as it is; never more than the limit.
@Suite struct WireDumpTests {
  @Test func aChunkedAnswerShowsItsChunkSizes() {
    let bytes = Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n".utf8)
    #expect(
      WireDump.lines(bytes) == [
        "HTTP/1.1 200 OK␍␊", "Transfer-Encoding: chunked␍␊", "␍␊", "5␍␊   ← a chunk of 5 bytes", "hello", "␍␊",
        "0␍␊   ← the last chunk", "␍␊",
      ])
  }

  @Test func aChunkSizeThatIsNotHexStopsTheFraming() {
    let lines = WireDump.lines(WireFault.badChunk.bytes())
    #expect(lines.contains("zz␍␊   ← not a hexadecimal size"))
    #expect(lines.contains("── not as the head framed it: as it is ──"))
    #expect(lines.last == "␍␊")
  }

  @Test func twoLengthsCannotFrameTheBody() {
    let lines = WireDump.lines(WireFault.twoLengths.bytes())
    #expect(Array(lines.suffix(2)) == ["── not as the head framed it: as it is ──", "hello"])
  }

  @Test func anEarlyHintIsItsOwnMessage() {
    let lines = WireDump.lines(WireFault.earlyHints.bytes())
    #expect(lines.first == "HTTP/1.1 103 Early Hints␍␊")
    #expect(lines.contains("HTTP/1.1 200 OK␍␊"))
    #expect(lines.last == "ok")
  }

  @Test func binaryIsAHexDumpWithOffsetsFromTheFirstByte() {
    let head = Array("HTTP/1.1 200 OK\r\nContent-Length: 18\r\n\r\n".utf8)
    let gzip: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03, 0xCB, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00, 0x41]
    let wide = WireDump.lines(head + gzip, width: 80)
    #expect(wide[3] == "0027  1f 8b 08 00 00 00 00 00 00 03 cb 48 cd c9 c9 07  |...........H....|")
    #expect(wide[4].hasPrefix("0037  00 41 ") && wide[4].hasSuffix("  |.A|"))
    let narrow = WireDump.lines(head + gzip, width: 40)
    #expect(narrow[3] == "0027  1f 8b 08 00 00 00 00 00  |........|")
  }

  @Test func controlBytesAreEscapedAndTheLimitIsSaid() {
    let bytes =
      Array("HTTP/1.1 200 OK\r\nX-Evil: \u{1B}[2J\r\n\r\n".utf8) + Array(repeating: UInt8(ascii: "a"), count: 100)
    let lines = WireDump.lines(bytes, limit: 40)
    #expect(lines[1] == "X-Evil: \\e[2J␍␊")
    #expect(lines.last == "… \(bytes.count - 40) more bytes (the first 40 are shown)")
  }

  @Test func everyFaultIsDumpedWithoutLosingAByte() {
    for fault in WireFault.allCases {
      let bytes = fault.bytes(.init(seconds: 0, bytes: 30, every: 0))
      #expect(WireDump.parts(bytes).flatMap(\.bytes) == bytes, "\(fault)")
    }
  }

  @Test func anAnswerIsReadFromItsBytesDechunkedAfterA103() {
    let chunked = Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1\r\n!\r\n0\r\n\r\n".utf8)
    let answer = WireDump.answer(chunked, closed: false)
    #expect(answer?.status == 200 && answer?.reason == "OK" && answer?.complete == true)
    #expect(answer?.body == Array("hello!".utf8))
    #expect(answer?.headers == [WireDump.HeaderPair(name: "Transfer-Encoding", value: "chunked")])
    let hinted = WireDump.answer(WireFault.earlyHints.bytes(), closed: true)
    #expect(hinted?.status == 200 && hinted?.body == Array("ok".utf8))
    let short = WireDump.answer(WireFault.shortBody.bytes(), closed: true)
    #expect(short?.complete == false && short?.body.count == 10)
    let toTheEnd = Array("HTTP/1.0 200 OK\r\n\r\nall of it".utf8)
    #expect(WireDump.answer(toTheEnd, closed: false)?.complete == false)
    #expect(WireDump.answer(toTheEnd, closed: true)?.complete == true)
    #expect(WireDump.answer(WireFault.garbageStatus.bytes(), closed: true) == nil)
    #expect(WireDump.answer(Array("HTTP/1.1 2".utf8), closed: false) == nil)
  }
}
