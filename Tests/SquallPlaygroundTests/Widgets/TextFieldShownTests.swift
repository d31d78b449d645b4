import Testing

@testable import SquallPlaygroundCore

/// A field is drawn with its cursor where the next character goes, its text escaped, and the
/// part around the cursor when it is longer than the room (a learner found the mark always at
/// the end, whatever ← had done).
@Suite struct TextFieldShownTests {
  @Test func theCursorMarkIsWhereTheNextCharacterGoes() {
    var field = TextField("abcdef")
    #expect(field.shown == "abcdef▏")
    _ = field.apply(.left)
    _ = field.apply(.left)
    #expect(field.shown == "abcd▏ef")
    _ = field.apply(.character("X"))
    #expect(field.shown == "abcdX▏ef")
    _ = field.apply(.home)
    #expect(field.shown == "▏abcdXef")
  }

  @Test func aLongTextShowsTheCursorsPartAndIsEscaped() {
    var field = TextField(String(repeating: "x", count: 50) + "\u{1B}[2J")
    #expect(field.shown(width: 12).hasSuffix("▏") && field.shown(width: 12).contains("\\e"))
    _ = field.apply(.home)
    #expect(field.shown(width: 12) == "▏xxxxxxxxxxx")
  }
}

/// The log filter's hint says what `/` says (help, palette): `refused` was missing from it.
@Suite struct FilterHintTests {
  @Test func theFilterHintIsTheBindingsWords() {
    var state = Fixtures.state(width: 120, height: 40)
    state.focus = .log
    _ = update(&state, .key(.character("/")))
    #expect(keyHints(state) == "filter: a word (404, 4xx, GET) or a query (status >= 400) · Enter/Esc done")
  }
}
