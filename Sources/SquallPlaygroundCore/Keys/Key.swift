/// A key press, decoded from the terminal.
package enum Key: Hashable, Sendable {
  case character(Character)
  case control(Character)  // Ctrl-A ... Ctrl-Z, as the lower-case letter
  case alt(Character)  // Esc then a character, as terminals send Alt-b, Alt-f
  case enter, escape, tab, backTab, backspace, delete
  case up, down, left, right, home, end, pageUp, pageDown
  case function(Int)
  /// An escape sequence the terminal sent that is no key Squall knows (`\e[99~`), as shown.
  case unknown(String)

  /// How help, the keys bar, the palette and README write the key. Pure.
  package var label: String {
    switch self {
    case .character(" "): "Space"
    case .character(let character): String(character)
    case .control(let character): "Ctrl-" + character.uppercased()
    case .alt(let character): "Alt-" + character.uppercased()
    case .enter: "Enter"
    case .escape: "Esc"
    case .tab: "Tab"
    case .backTab: "S-Tab"
    case .backspace: "Backspace"
    case .delete: "Delete"
    case .up: "↑"
    case .down: "↓"
    case .left: "←"
    case .right: "→"
    case .home: "Home"
    case .end: "End"
    case .pageUp: "PgUp"
    case .pageDown: "PgDn"
    case .function(let number): "F\(number)"
    case .unknown(let sequence): sequence
    }
  }
}
