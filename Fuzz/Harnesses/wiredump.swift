// WireDump: never traps; its parts are the bytes, nothing lost or added, whatever they are
// (any framing, any lie in the head); every line it shows is terminal-safe, and a dump of a
// message over the limit shows no more than the limit.
func check(_ bytes: [UInt8]) {
  let parts = WireDump.parts(bytes)
  require(parts.flatMap(\.bytes) == bytes, "the parts of \(bytes) are not its bytes")
  require(!parts.contains { $0.bytes.isEmpty }, "an empty part of \(bytes)")
  for width in [40, 80] {
    for line in WireDump.lines(bytes, width: width, limit: 512) {
      require(
        !line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) },
        "line \(line.debugDescription) is not terminal-safe")
    }
  }
  // A chunked framing that the fuzzer's bytes follow stays lossless too.
  let framed = Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".utf8) + bytes
  require(WireDump.parts(framed).flatMap(\.bytes) == framed, "a chunked body of \(bytes) lost bytes")
  checkAnswer(bytes)
  checkAnswer(framed)
}

// The answer read from any bytes never traps, and its body is never longer than the bytes.
func checkAnswer(_ bytes: [UInt8]) {
  for closed in [false, true] {
    if let answer = WireDump.answer(bytes, closed: closed) {
      require(answer.body.count <= bytes.count, "an answer's body is longer than its bytes")
    }
  }
}
