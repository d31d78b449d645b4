/// A `Range: bytes=…` request header, as Tornado's `StaticFileHandler` reads it: one range
/// (`0-9`, `5-`, `-3`); several ranges, or another unit, are ignored and the whole file is sent.
///
/// Pure: no I/O; never traps, whatever the numbers (`bytes=5-9223372036854775807` once did).
enum ByteRange {
  enum Result: Equatable {
    case none
    case unsatisfiable
    case range(Range<Int>)
  }

  /// Parses a single `bytes=` range; multiple ranges are ignored (the whole file is sent).
  static func parse(_ header: String, size: Int) -> Result {
    guard header.hasPrefix("bytes="), !header.contains(",") else { return .none }
    let spec = header.dropFirst("bytes=".count)
    let parts = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
    guard parts.count == 2 else { return .none }
    let start = Int(parts[0].trimmingSpaces())
    let end = Int(parts[1].trimmingSpaces())
    switch (start, end) {
    case (nil, let suffix?):
      // As Tornado: a suffix of zero bytes, or any suffix of an empty file, cannot be served.
      guard suffix > 0, size > 0 else { return .unsatisfiable }
      return .range(max(0, size - suffix)..<size)
    case (let first?, nil):
      guard first < size else { return .unsatisfiable }
      return .range(first..<size)
    case (let first?, let last?):
      guard first <= last else { return .none }
      guard first < size else { return .unsatisfiable }
      return .range(first..<min(last, size - 1) + 1)
    default:
      return .none
    }
  }
}
