import NIOConcurrencyHelpers
import NIOCore
import NIOEmbedded
import Testing

@testable import Squall

/// The client's one timer for all body deadlines, on a loop whose clock the test moves.
@Suite struct DeadlineWatchTests {
  @Test func aDeadlineIsMetWithinOneTickAndOnlyOnce() {
    let loop = EmbeddedEventLoop()
    let watch = DeadlineWatch(loop: loop, tick: .milliseconds(50))
    let calls = NIOLockedValueBox(0)
    _ = watch.watch(until: loop.now + .milliseconds(120)) { calls.withLockedValue { $0 += 1 } }
    loop.advanceTime(by: .milliseconds(100))
    #expect(calls.withLockedValue { $0 } == 0, "not before its deadline")
    loop.advanceTime(by: .milliseconds(50))
    #expect(calls.withLockedValue { $0 } == 1, "at the first tick after its deadline")
    loop.advanceTime(by: .milliseconds(500))
    #expect(calls.withLockedValue { $0 } == 1, "once")
  }

  @Test func anUnwatchedDeadlineNeverFiresAndTheOthersStill() {
    let loop = EmbeddedEventLoop()
    let watch = DeadlineWatch(loop: loop, tick: .milliseconds(50))
    let fired = NIOLockedValueBox<[String]>([])
    let early = watch.watch(until: loop.now + .milliseconds(10)) { fired.withLockedValue { $0.append("early") } }
    _ = watch.watch(until: loop.now + .milliseconds(60)) { fired.withLockedValue { $0.append("late") } }
    watch.unwatch(early)
    loop.advanceTime(by: .milliseconds(200))
    #expect(fired.withLockedValue { $0 } == ["late"])
  }

  @Test func theTimerStopsWhenNothingIsWatchedAndRestarts() {
    let loop = EmbeddedEventLoop()
    let watch = DeadlineWatch(loop: loop, tick: .milliseconds(50))
    let fired = NIOLockedValueBox(0)
    let id = watch.watch(until: loop.now + .milliseconds(10_000)) { fired.withLockedValue { $0 += 1 } }
    watch.unwatch(id)
    loop.advanceTime(by: .milliseconds(50))  // the tick finds nothing and does not re-arm
    loop.advanceTime(by: .milliseconds(20_000))
    #expect(fired.withLockedValue { $0 } == 0)
    _ = watch.watch(until: loop.now + .milliseconds(30)) { fired.withLockedValue { $0 += 1 } }
    loop.advanceTime(by: .milliseconds(50))
    #expect(fired.withLockedValue { $0 } == 1, "a new watch starts the timer again")
  }
}
