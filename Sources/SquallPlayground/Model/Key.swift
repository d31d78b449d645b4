/// A key press, decoded from the terminal.
public enum Key: Equatable, Sendable {
  case character(Character)
  case control(Character)  // Ctrl-A ... Ctrl-Z, as the lower-case letter
  case alt(Character)  // Esc then a character, as terminals send Alt-b, Alt-f
  case enter, escape, tab, backTab, backspace, delete
  case up, down, left, right, home, end, pageUp, pageDown
  case function(Int)
}
