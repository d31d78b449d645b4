// Range headers of static files: never trap, and a range served lies within the file and
// holds at least one byte. The first two bytes of the input choose the file's size.
func check(_ bytes: [UInt8]) {
  guard bytes.count >= 2 else { return }
  let size = Int(bytes[0]) << 8 | Int(bytes[1])
  let header = text(Array(bytes.dropFirst(2)))
  for candidate in [header, "bytes=" + header] {
    if case .range(let range) = ByteRange.parse(candidate, size: size) {
      require(
        range.lowerBound >= 0 && range.upperBound <= size && !range.isEmpty,
        "\(candidate.debugDescription) gave \(range) for \(size) bytes")
    }
  }
}
