import Testing

@testable import SquallPlaygroundCore

/// What terminals send for keys curses may not know, as tables: each form becomes its key,
/// an unknown sequence one `.unknown` that types nothing.
@Suite struct KeyDecoderTests {
  static func keys(_ text: String) -> [Key] { KeyDecoder.decode(text.unicodeScalars.map(\.value)) }

  @Test(arguments: [
    // Home and End in every form: VT220 (tmux, screen, rxvt), xterm's CSI and SS3.
    ("\u{1B}[1~", Key.home), ("\u{1B}[7~", .home), ("\u{1B}[H", .home), ("\u{1B}OH", .home),
    ("\u{1B}[4~", .end), ("\u{1B}[8~", .end), ("\u{1B}[F", .end), ("\u{1B}OF", .end),
    // Arrows, with and without modifiers (Ctrl-↑ is ↑), and in application mode.
    ("\u{1B}[A", .up), ("\u{1B}[1;5A", .up), ("\u{1B}OB", .down), ("\u{1B}[C", .right), ("\u{1B}[1;2D", .left),
    ("\u{1B}[3~", .delete), ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown), ("\u{1B}[5;5~", .pageUp),
    ("\u{1B}[Z", .backTab), ("\u{1B}OM", .enter),
    // Function keys: xterm, VT220, the Linux console, rxvt's modified forms.
    ("\u{1B}OP", .function(1)), ("\u{1B}OS", .function(4)), ("\u{1B}[1;2P", .function(1)),
    ("\u{1B}[11~", .function(1)), ("\u{1B}[15~", .function(5)), ("\u{1B}[17~", .function(6)),
    ("\u{1B}[21~", .function(10)), ("\u{1B}[24~", .function(12)), ("\u{1B}[[A", .function(1)),
    ("\u{1B}[[E", .function(5)), ("\u{1B}[7$", .home), ("\u{1B}[8^", .end),
    // Alt as Esc then the word keys of a field.
    ("\u{1B}b", .alt("b")), ("\u{1B}f", .alt("f")), ("\u{1B}d", .alt("d")),
  ])
  func eachFormIsItsKey(sequence: String, key: Key) {
    #expect(Self.keys(sequence) == [key], "\(Array(sequence.unicodeScalars))")
  }

  @Test(arguments: [
    ("\u{1B}[99~", "\\e[99~"), ("\u{1B}[2~", "\\e[2~"), ("\u{1B}[200~", "\\e[200~"), ("\u{1B}[1;5X", "\\e[1;5X"),
    ("\u{1B}[[Z", "\\e[[Z"),
    // Found by the fuzz harness: a control character ending a sequence is shown escaped, never raw.
    ("\u{1B}[[\u{7}", "\\e[[\\u{7}"),
  ])
  func anUnknownSequenceIsOneUnknownKey(sequence: String, shown: String) {
    #expect(Self.keys(sequence) == [.unknown(shown)])
  }

  @Test func nothingAroundASequenceIsLost() {
    #expect(
      Self.keys("ab\u{1B}[99~cd") == [
        .character("a"), .character("b"), .unknown("\\e[99~"), .character("c"), .character("d"),
      ])
    #expect(Self.keys("x\u{1B}[4~y") == [.character("x"), .end, .character("y")])
  }

  /// Esc, then text typed fast enough to arrive with it, is not a sequence: nothing is
  /// swallowed (`ESC O` is SS3 only with a final it knows; `ESC [` then a lower-case letter or
  /// nothing is typing; found by review).
  @Test func escThenTypedTextIsNotSwallowed() {
    #expect(Self.keys("\u{1B}Ok") == [.escape, .character("O"), .character("k")])
    #expect(Self.keys("\u{1B}O") == [.escape, .character("O")])
    #expect(Self.keys("\u{1B}OZ") == [.escape, .character("O"), .character("Z")])
    #expect(Self.keys("\u{1B}[a") == [.escape, .character("["), .character("a")])
    #expect(Self.keys("\u{1B}[") == [.escape, .character("[")])
    #expect(Self.keys("\u{1B}[12") == [.escape, .character("["), .character("1"), .character("2")])
    #expect(Self.keys("\u{1B}O\u{0}") == [.escape, .character("O")], "a NUL types nothing (once shown raw)")
  }

  @Test func escBeforeAnotherKeyStaysAnEsc() {
    #expect(Self.keys("\u{1B}") == [.escape])
    #expect(Self.keys("\u{1B}q") == [.escape, .character("q")])
    #expect(Self.keys("\u{1B}\u{1B}") == [.escape, .escape])
    #expect(Self.keys("\u{1B}\u{1B}[A") == [.escape, .up])
  }

  @Test func controlCharactersAndText() {
    #expect(Self.keys("\t\r\n\u{7F}\u{8}") == [.tab, .enter, .enter, .backspace, .backspace])
    #expect(Self.keys("\u{12}\u{3}") == [.control("r"), .control("c")])
    #expect(Self.keys("é→😀") == [.character("é"), .character("→"), .character("😀")])
    #expect(Self.keys("\u{0}\u{9B}") == [], "NUL and C1 controls type nothing")
  }
}

/// An unknown key reaches the reducer as `.unknown`: a note, and nothing typed or closed.
@Suite struct UnknownKeyTests {
  @Test func anUnknownKeyWhileTypingLeavesTheFieldAsItWas() {
    var state = Fixtures.state(width: 80, height: 24)
    state.focus = .builder
    _ = update(&state, .key(.character("u")))
    #expect(state.builder.isTyping)
    for character in "/abc" { _ = update(&state, .key(.character(character))) }
    let typed = state.builder.editor
    _ = update(&state, .key(.unknown("\\e[99~")))
    #expect(state.builder.isTyping, "the field stays open")
    #expect(state.builder.editor == typed, "nothing typed")
    #expect(state.message.contains("\\e[99~") && state.message.contains("? lists the keys"))
  }
}
