import Testing

@testable import SquallPlaygroundCore

/// An open log entry's raw view (`r`) belongs to that entry: the next one opens parsed (a
/// learner saw every later entry as bytes alone, or "no raw bytes here").
@Suite struct LogEntryViewTests {
  @Test func rawBytesDoNotStickToTheNextEntry() {
    var state = Fixtures.state()
    Fixtures.busyLog(&state)
    state.focus = .log
    _ = update(&state, .key(.enter))
    _ = update(&state, .key(.character("r")))
    #expect(state.log.expanded && state.log.rawOnly)
    _ = update(&state, .key(.escape))
    #expect(!state.log.rawOnly, "closing the entry leaves its raw view")
    _ = update(&state, .key(.up))
    _ = update(&state, .key(.enter))
    #expect(state.log.expanded && !state.log.rawOnly, "the next entry opens parsed")
  }
}
