// RequestLineScanner: the verdict does not depend on how the bytes are split into reads.
// The first byte of the input chooses the reads' size (1 to 256 bytes); the rest is the stream.
func check(_ bytes: [UInt8]) {
  guard let first = bytes.first else { return }
  let stream = Array(bytes.dropFirst())
  let whole = verdicts(stream, readSize: max(stream.count, 1))
  let split = verdicts(stream, readSize: Int(first) + 1)
  require(
    whole.found == split.found,
    "run of spaces: \(whole.found) in one read, \(split.found) in reads of \(Int(first) + 1)")
  if let start = split.foundAt {
    require(
      whole.foundAt == start, "the violating request starts at \(whole.foundAt ?? -1) in one read, \(start) split")
  }
  require(whole.stopped == split.stopped, "stopped: \(whole.stopped) in one read, \(split.stopped) split")
}

/// Whether a run of spaces was reported, where its request started (an offset in the stream,
/// when the verdict says), and whether the scanner stopped.
func verdicts(_ stream: [UInt8], readSize: Int) -> (found: Bool, foundAt: Int?, stopped: Bool) {
  var scanner = RequestLineScanner()
  var offset = 0
  while offset < stream.count {
    let end = min(stream.count, offset + readSize)
    let verdict = stream[offset..<end].withUnsafeBytes { scanner.scan($0) }
    if case .runOfSpaces(let start) = verdict {
      // Where the request began is known only when it began in this read.
      return (true, start.map { offset + $0 }, scanner.hasStopped)
    }
    offset = end
  }
  return (false, nil, scanner.hasStopped)
}
