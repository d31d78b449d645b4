/// A multi-line text editor for request bodies: arrows, Home/End, Enter for a new line, Tab
/// for two spaces, Backspace joining lines, Ctrl-K/U/W, Ctrl-Z undo; pasted text keeps its line
/// breaks. Pure.
package struct TextArea: Equatable, Sendable {
  package private(set) var lines: [[Character]]
  package private(set) var row = 0
  package private(set) var column = 0
  private var undoStack: [[[Character]]] = []

  package init(_ text: String = "") {
    lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
    if lines.isEmpty { lines = [[]] }
    row = lines.count - 1
    column = lines[row].count
  }

  package static func == (lhs: TextArea, rhs: TextArea) -> Bool {
    lhs.lines == rhs.lines && lhs.row == rhs.row && lhs.column == rhs.column
  }

  package var text: String { lines.map { String($0) }.joined(separator: "\n") }

  /// Applies an editing key; false for keys an editor does not use (Esc, Ctrl-R...).
  package mutating func apply(_ key: Key) -> Bool {
    let before = lines
    switch key {
    case .character(let character) where character.isNewline: newline()
    case .character(let character):
      guard character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else { return true }
      lines[row].insert(character, at: column)
      column += 1
    case .enter: newline()
    case .tab:
      lines[row].insert(contentsOf: "  ", at: column)
      column += 2
    case .backspace:
      if column > 0 {
        lines[row].remove(at: column - 1)
        column -= 1
      } else if row > 0 {
        column = lines[row - 1].count
        lines[row - 1] += lines.remove(at: row)
        row -= 1
      }
    case .delete:
      if column < lines[row].count {
        lines[row].remove(at: column)
      } else if row + 1 < lines.count {
        lines[row] += lines.remove(at: row + 1)
      }
    case .left:
      if column > 0 {
        column -= 1
      } else if row > 0 {
        row -= 1
        column = lines[row].count
      }
    case .right:
      if column < lines[row].count {
        column += 1
      } else if row + 1 < lines.count {
        row += 1
        column = 0
      }
    case .up: move(rows: -1)
    case .down: move(rows: 1)
    case .pageUp: move(rows: -10)
    case .pageDown: move(rows: 10)
    case .home, .control("a"): column = 0
    case .end, .control("e"): column = lines[row].count
    case .alt("b"): column = TextField.wordStart(lines[row], before: column)
    case .alt("f"): column = TextField.wordEnd(lines[row], after: column)
    case .control("k"): lines[row].removeLast(lines[row].count - column)
    case .control("u"):
      lines[row].removeFirst(column)
      column = 0
    case .control("w"):
      let start = TextField.wordStart(lines[row], before: column)
      lines[row].removeSubrange(start..<column)
      column = start
    case .control("z"):
      guard let previous = undoStack.popLast() else { return true }
      lines = previous
      row = min(row, lines.count - 1)
      column = min(column, lines[row].count)
      return true
    default:
      return false
    }
    if lines != before {
      undoStack.append(before)
      if undoStack.count > 100 { undoStack.removeFirst() }
    }
    return true
  }

  /// Inserts pasted text at the cursor, line breaks included.
  package mutating func insert(_ pasted: String) {
    for character in pasted { _ = apply(.character(character)) }
  }

  private mutating func newline() {
    let tail = Array(lines[row][column...])
    lines[row].removeLast(tail.count)
    lines.insert(tail, at: row + 1)
    row += 1
    column = 0
  }

  private mutating func move(rows: Int) {
    row = min(max(0, row + rows), lines.count - 1)
    column = min(column, lines[row].count)
  }
}
