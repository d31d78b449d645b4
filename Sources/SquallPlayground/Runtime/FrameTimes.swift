import Foundation

/// How long the UI loop's frames took, from the moment it woke (a key, network events, a
/// tick) to the frame handed to the terminal: the events' `update`s, `render` and the
/// terminal's refresh. Kept as a histogram of 0.1 ms buckets up to 1 s (and the exact
/// maximum), so a run of any length costs 8 KB. `squall --stats` prints it on exit.
///
/// Pure: no I/O; recording is an increment.
struct FrameTimes: Sendable, Equatable {
  /// Bucket `i` counts frames of `i * resolution` up to `(i + 1) * resolution`; the last bucket
  /// also takes every longer frame.
  static let resolution: Duration = .microseconds(100)
  static let bucketCount = 10_000

  private var buckets = [Int](repeating: 0, count: FrameTimes.bucketCount)
  private(set) var count = 0
  private(set) var longest: Duration = .zero

  init() {}

  mutating func record(_ frame: Duration) {
    let index = Int(frame / Self.resolution)
    buckets[min(max(0, index), Self.bucketCount - 1)] += 1
    count += 1
    longest = max(longest, frame)
  }

  /// The time under which `fraction` of the frames took, to the bucket's upper edge (never
  /// more than the longest frame); zero before any frame.
  func percentile(_ fraction: Double) -> Duration {
    guard count > 0 else { return .zero }
    let wanted = max(1, Int((fraction * Double(count)).rounded(.up)))
    var seen = 0
    for (index, frames) in buckets.enumerated() {
      seen += frames
      if seen >= wanted {
        return index == Self.bucketCount - 1 ? longest : min(longest, Self.resolution * (index + 1))
      }
    }
    return longest
  }

  /// `frames 1204: p50 0.3 ms, p99 2.1 ms, max 8.7 ms`.
  var summary: String {
    func ms(_ duration: Duration) -> String {
      let value = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
      return String(format: "%.1f ms", value)
    }
    return "frames \(count): p50 \(ms(percentile(0.5))), p99 \(ms(percentile(0.99))), max \(ms(longest))"
  }
}
