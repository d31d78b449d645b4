import Testing

@testable import SquallPlayground
@testable import SquallPlaygroundCore

/// Sizes in the log, the builder and the server pane.
@Suite struct ByteSizeTests {
  @Test func sizesAreRoundedWithADecimalBelowTenNeverTruncated() {
    let cases: [(Int, String)] = [
      (0, "0 B"), (1023, "1023 B"), (1024, "1.0 KB"), (1536, "1.5 KB"), (10_188, "9.9 KB"), (10_189, "10 KB"),
      (65_536, "64 KB"), (1_048_000, "1023 KB"), (1_048_064, "1.0 MB"), (10_440_000, "10 MB"),
      (10_380_000, "9.9 MB"), (104_857_600, "100 MB"), (3 << 30, "3.0 GB"), (5000 << 30, "5000 GB"),
    ]
    for (count, expected) in cases { #expect(ServerView.bytes(count) == expected, "\(count) bytes") }
  }
}
