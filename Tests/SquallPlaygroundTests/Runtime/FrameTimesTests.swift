import Testing

@testable import SquallPlayground
@testable import SquallPlaygroundCore

/// The frame-time histogram behind `squall --stats`.
@Suite struct FrameTimesTests {
  @Test func percentilesComeFromTheBucketsAndNeverExceedTheLongestFrame() {
    var times = FrameTimes()
    #expect(times.percentile(0.99) == .zero && times.summary == "frames 0: p50 0.0 ms, p99 0.0 ms, max 0.0 ms")
    for _ in 0..<98 { times.record(.microseconds(250)) }
    times.record(.milliseconds(12))
    times.record(.milliseconds(40))
    #expect(times.count == 100)
    #expect(times.percentile(0.5) == .microseconds(300), "the upper edge of the 0.2–0.3 ms bucket")
    #expect(times.percentile(0.99) == .microseconds(12_100))
    #expect(times.percentile(1) == .milliseconds(40))
    #expect(times.longest == .milliseconds(40))
    #expect(times.summary == "frames 100: p50 0.3 ms, p99 12.1 ms, max 40.0 ms")
  }

  @Test func framesLongerThanTheHistogramCountInItsLastBucket() {
    var times = FrameTimes()
    times.record(.seconds(3))
    times.record(.microseconds(10))
    #expect(times.percentile(0.5) == .microseconds(100))
    #expect(times.percentile(1) == .seconds(3), "the exact maximum")
  }
}
