import SquallValues
import Testing

@testable import SquallValues

/// Untrusted bytes never reach the terminal raw.
@Suite struct TerminalSafeTests {
  @Test func terminalSafeEscapesControlsAndInvalidUTF8() {
    #expect(TerminalSafe.escape([0x1B, 0x5B, 0x32, 0x4A, 0x41, 0x00, 0xFF, 0x0D]) == "\\e[2JA\\x00\\xff\\r")
    #expect(TerminalSafe.escape("é→✓\u{202E}") == "é→✓\\u{202e}")
    #expect(TerminalSafe.escape("a\nb", keepNewlines: true) == "a\nb")
  }
}
