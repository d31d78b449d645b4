import SquallValues

/// A one-line text input with a cursor, the keys of a shell prompt, and undo.
///
/// Keys: the table `FieldKeys` (←→, Home/End and Ctrl-A/E, Alt-B/Alt-F word moves,
/// Backspace/Delete, Ctrl-W, Ctrl-U/Ctrl-K, Ctrl-Z undo), which help and README list too.
///
/// A field opened on a value it edits starts with the whole value selected, as in every form
/// UI: typing replaces it, Backspace or Delete clears it, an arrow key, Home or End keeps it
/// for editing. (Typing after the old value once made `maxBufferSize` 1048576001000.) Pure.
package struct TextField: Equatable, Sendable {
  package var text: String
  /// Cursor position in characters.
  package var cursor: Int
  /// Whether the whole text is selected: the next character typed replaces it.
  package private(set) var selectsAll = false
  /// Earlier texts, newest last (bounded), for Ctrl-Z.
  private var undoStack: [String] = []

  /// A field holding `text`, the cursor at its end; `selectingAll` selects it (for a field
  /// opened on a value: typing replaces it).
  package init(_ text: String = "", selectingAll: Bool = false) {
    self.text = text
    cursor = text.count
    selectsAll = selectingAll && !text.isEmpty
  }

  package static func == (lhs: TextField, rhs: TextField) -> Bool {
    lhs.text == rhs.text && lhs.cursor == rhs.cursor && lhs.selectsAll == rhs.selectsAll
  }

  /// Selects the whole text (a form's field entered with Tab), so typing replaces it.
  package mutating func selectAll() {
    selectsAll = !text.isEmpty
    cursor = text.count
  }

  /// What a key does to a selected whole: typing replaces it, deleting clears it, moving
  /// keeps it. nil when the key is not about the selection (the field then applies it).
  private mutating func applyToSelection(_ key: Key) -> Bool? {
    guard selectsAll else { return nil }
    if case .character(let character) = key {
      guard Self.isTypable(character) else { return nil }  // the field ignores it, the selection stays
      replaceSelection(with: String(character))
      return true
    }
    guard let edit = FieldKeys.edit(for: key) else { return nil }
    if edit.deletes {
      replaceSelection(with: "")
      return true
    }
    selectsAll = false
    if edit.moves {
      // Left, Home or a word left keeps the whole for editing from its start; the others from its end.
      cursor = [.left, .home, .wordLeft].contains(edit) ? 0 : text.count
      return true
    }
    return nil  // undo: applied by the field
  }

  private mutating func replaceSelection(with replacement: String) {
    selectsAll = false
    undoStack.append(text)  // one Ctrl-Z after the first key brings the whole value back
    if undoStack.count > 100 { undoStack.removeFirst() }
    text = replacement
    cursor = text.count
  }

  /// Whether a character is text to insert (not a line break or a control character).
  static func isTypable(_ character: Character) -> Bool {
    !character.isNewline && character.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
  }

  /// Applies an editing key (see `FieldKeys`); returns false for keys a text field does not use.
  package mutating func apply(_ key: Key) -> Bool {
    if let handled = applyToSelection(key) { return handled }
    var characters = Array(text)
    let before = text
    cursor = min(max(0, cursor), characters.count)  // `text` may have been set from outside
    if case .character(let character) = key {
      guard Self.isTypable(character) else { return true }
      characters.insert(character, at: cursor)
      cursor += 1
    } else {
      guard let edit = FieldKeys.edit(for: key) else { return false }
      switch edit {
      case .deleteBack:
        guard cursor > 0 else { return true }
        characters.remove(at: cursor - 1)
        cursor -= 1
      case .deleteForward:
        guard cursor < characters.count else { return true }
        characters.remove(at: cursor)
      case .left: cursor = max(0, cursor - 1)
      case .right: cursor = min(characters.count, cursor + 1)
      case .home: cursor = 0
      case .end: cursor = characters.count
      case .wordLeft: cursor = Self.wordStart(characters, before: cursor)
      case .wordRight: cursor = Self.wordEnd(characters, after: cursor)
      case .deleteWordBack:
        let start = Self.wordStart(characters, before: cursor)
        characters.removeSubrange(start..<cursor)
        cursor = start
      case .deleteToStart:
        characters.removeFirst(cursor)
        cursor = 0
      case .deleteToEnd:
        characters.removeLast(characters.count - cursor)
      case .undo:
        guard let previous = undoStack.popLast() else { return true }
        text = previous
        cursor = min(cursor, previous.count)
        return true
      }
    }
    let after = String(characters)
    // Joining can merge neighbours into one character: a typed joiner or combining mark (a
    // terminal sends them one by one) joins what precedes it. Count the cursor again.
    cursor = min(String(characters[..<cursor]).count, after.count)
    if after != before {
      undoStack.append(before)
      if undoStack.count > 100 { undoStack.removeFirst() }
    }
    text = after
    return true
  }

  /// Inserts text as typed or pasted (line breaks become spaces in a one-line field).
  package mutating func insert(_ pasted: String) {
    for character in pasted { _ = apply(.character(character.isNewline ? " " : character)) }
  }

  static func wordStart(_ characters: [Character], before index: Int) -> Int {
    var position = index
    while position > 0, !isWord(characters[position - 1]) { position -= 1 }
    while position > 0, isWord(characters[position - 1]) { position -= 1 }
    return position
  }

  static func wordEnd(_ characters: [Character], after index: Int) -> Int {
    var position = index
    while position < characters.count, !isWord(characters[position]) { position += 1 }
    while position < characters.count, isWord(characters[position]) { position += 1 }
    return position
  }

  static func isWord(_ character: Character) -> Bool { character.isLetter || character.isNumber || character == "_" }

  /// The visible part for a field `width` columns wide, keeping the cursor in view, and the
  /// cursor's column in it. Counts columns (`CellWidth`), so wide characters never push the
  /// cursor out of the field.
  /// The field as drawn: the part that fits `width` around the cursor, escaped (nothing typed
  /// reaches the terminal raw), with the cursor mark `▏` where the next character goes. Pure.
  package func shown(width: Int) -> String {
    let window = visible(width: max(1, width - 1))
    let characters = Array(window.text)
    var column = 0
    var split = 0
    while split < characters.count && column < window.cursorColumn {
      column += CellWidth.of(String(characters[split]))
      split += 1
    }
    return TerminalSafe.escape(String(characters[..<split])) + "▏" + TerminalSafe.escape(String(characters[split...]))
  }

  /// Unbounded: the whole text with the cursor mark in it.
  package var shown: String { shown(width: Int.max / 2) }

  package func visible(width: Int) -> (text: String, cursorColumn: Int) {
    let characters = Array(text)
    let cursor = min(max(0, self.cursor), characters.count)
    var start = cursor
    var beforeCursor = 0
    while start > 0 {
      let columns = CellWidth.of(String(characters[start - 1]))
      if beforeCursor + columns > max(1, width - 1) { break }
      beforeCursor += columns
      start -= 1
    }
    var end = cursor
    var used = beforeCursor
    while end < characters.count {
      let columns = CellWidth.of(String(characters[end]))
      if used + columns > width { break }
      used += columns
      end += 1
    }
    return (String(characters[start..<end]), beforeCursor)
  }
}
