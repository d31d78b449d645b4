import Testing

@testable import SquallPlayground

/// When the UI takes the hosted server's exchanges: every drain, or only now and then under a
/// flood, never so while a lesson is open.
@Suite struct ServedIntakeTests {
  let start = ContinuousClock.now

  private func at(_ milliseconds: Int) -> ContinuousClock.Instant { start + .milliseconds(milliseconds) }

  @Test func aModestRateIsTakenWithEveryDrain() {
    var intake = ServedIntake(now: at(0))
    for step in 1...30 {  // 300 a second: 10 every 33 ms
      #expect(intake.isDue(at: at(33 * step)))
      intake.took(10, droppedSoFar: 0, at: at(33 * step), keepEveryExchange: false)
    }
    #expect(!intake.flooded)
    #expect(intake.nextTake == nil)
  }

  @Test func aFloodIsTakenEveryQuarterSecondAndItsEndIsNoticed() {
    var intake = ServedIntake(now: at(0))
    // 45,000 a second: 1,500 every 33 ms, measured over the first 200 ms.
    for step in 1...7 { intake.took(1_500, droppedSoFar: 0, at: at(33 * step), keepEveryExchange: false) }
    #expect(intake.flooded)
    #expect(!intake.isDue(at: at(231 + 100)), "a drain in between leaves them waiting")
    #expect(intake.isDue(at: at(231 + 250)))
    #expect(intake.nextTake == at(231 + 250))
    // Taken a quarter second later: 2,000 kept by the queue, 9,250 dropped there: still a flood.
    intake.took(2_000, droppedSoFar: 9_250, at: at(481), keepEveryExchange: false)
    #expect(intake.flooded)
    // The flood is over: 50 in the next quarter second.
    intake.took(50, droppedSoFar: 9_250, at: at(731), keepEveryExchange: false)
    #expect(!intake.flooded)
    #expect(intake.isDue(at: at(740)))
  }

  @Test func withALessonOpenEveryExchangeIsTakenAtOnce() {
    var intake = ServedIntake(now: at(0))
    for step in 1...7 { intake.took(1_500, droppedSoFar: 0, at: at(33 * step), keepEveryExchange: false) }
    #expect(intake.flooded)
    intake.took(0, droppedSoFar: 0, at: at(500), keepEveryExchange: true)
    #expect(!intake.flooded)
    for step in 1...10 {
      #expect(intake.isDue(at: at(500 + 33 * step)))
      intake.took(1_500, droppedSoFar: 0, at: at(500 + 33 * step), keepEveryExchange: true)
    }
    #expect(!intake.flooded)
  }
}
