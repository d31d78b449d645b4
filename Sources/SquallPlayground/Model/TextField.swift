/// A one-line text input with a cursor.
public struct TextField: Equatable, Sendable {
  public var text: String
  /// Cursor position in characters.
  public var cursor: Int

  public init(_ text: String = "") {
    self.text = text
    cursor = text.count
  }

  /// Applies an editing key; returns false for keys a text field does not use.
  public mutating func apply(_ key: Key) -> Bool {
    var characters = Array(text)
    switch key {
    case .character(let character):
      guard !character.isNewline, character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else {
        return true
      }
      characters.insert(character, at: cursor)
      cursor += 1
    case .backspace:
      guard cursor > 0 else { return true }
      characters.remove(at: cursor - 1)
      cursor -= 1
    case .delete:
      guard cursor < characters.count else { return true }
      characters.remove(at: cursor)
    case .left: cursor = max(0, cursor - 1)
    case .right: cursor = min(characters.count, cursor + 1)
    case .home, .control("a"): cursor = 0
    case .end, .control("e"): cursor = characters.count
    case .control("u"):
      characters.removeFirst(cursor)
      cursor = 0
    case .control("k"):
      characters.removeLast(characters.count - cursor)
    default:
      return false
    }
    text = String(characters)
    return true
  }

  /// The visible part for a field `width` columns wide, keeping the cursor in view, and the
  /// cursor's column in it.
  public func visible(width: Int) -> (text: String, cursorColumn: Int) {
    let characters = Array(text)
    let start = max(0, cursor - max(1, width - 1))
    let shown = String(characters[start..<min(characters.count, start + width)])
    return (shown, cursor - start)
  }
}
