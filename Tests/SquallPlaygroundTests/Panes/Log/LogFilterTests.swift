import SquallChecks
import Testing

@testable import SquallPlaygroundCore

/// The Log's filter reads the check grammar, keeps its one-word short forms, and says what is
/// wrong with a query that does not read instead of showing an empty list without a word.
@Suite struct LogFilterTests {
  static func visible(_ filter: String) -> [String] {
    var state = Fixtures.state()
    Fixtures.busyLog(&state)
    state.log.filter = TextField(filter)
    return state.log.visible.map { "\($0.status) \($0.target)" }
  }

  @Test func queriesFilterByAnyField() {
    #expect(Self.visible("status >= 400 and status < 500") == ["405 /", "404 /missing?q=caf%C3%A9"])
    #expect(Self.visible("method == HEAD or path == /missing") == ["405 /", "404 /missing?q=caf%C3%A9"])
    #expect(Self.visible("query contains caf") == ["404 /missing?q=caf%C3%A9"])
    #expect(Self.visible("direction == sent and error == none") == ["200 http://127.0.0.1:8888/"])
    #expect(Self.visible("body contains \"404: Not Found\"") == ["404 /missing?q=caf%C3%A9"])
    #expect(Self.visible("not direction == served").count == 2)
  }

  @Test func oneWordKeepsTheShortForm() {
    #expect(Self.visible("4xx") == ["405 /", "404 /missing?q=caf%C3%A9"])
    #expect(LogFilter("GET") == .text("GET"))
    #expect(LogFilter("status") == .text("status"), "a field alone is a word to look for")
    #expect(LogFilter("  ") == .none)
  }

  @Test func aQueryThatDoesNotReadSaysWhy() {
    guard case .invalid(let error) = LogFilter("status = 404") else {
      Issue.record("a query with a mistake is not searched for as text")
      return
    }
    #expect(error.column == 8)
    #expect(Self.visible("status = 404").isEmpty)
    #expect(
      LogView.noMatch(LogFilter("status = 404"))
        == "The filter reads as a query but column 8: \"=\" is not a comparison; write == != < <= > or >=. "
        + "A single word filters text (404, 4xx, POST, refused).")
  }

  /// Found in review: a filter starting with a dot (the first key of `.json`) trapped.
  @Test func aFilterOfDotsIsText() {
    #expect(LogFilter(".") == .text("."))
    #expect(LogFilter(". json") == .text(". json"))
    #expect(Self.visible(".").count == 2, "text in the targets, as any word")
    guard case .invalid(let error) = LogFilter("  status = 404") else {
      Issue.record("a query with a mistake")
      return
    }
    #expect(error.column == 10, "the column in the text as typed")
  }
}
