/// An in-memory screen: what tests render into and compare with golden files.
package struct GridCanvas: Canvas {
  package struct Cell: Equatable, Sendable {
    /// The character, or "" for the second column of a wide character.
    package var text: String
    package var style: Style
  }

  package let size: Size
  package private(set) var cells: [[Cell]]

  package init(width: Int, height: Int) {
    size = Size(width: width, height: height)
    cells = Array(repeating: Array(repeating: Cell(text: " ", style: .normal), count: width), count: height)
  }

  @discardableResult
  package mutating func draw(_ text: String, x: Int, y: Int, width: Int, style: Style) -> Int {
    guard y >= 0, y < size.height, x >= 0, x < size.width else { return 0 }
    let limit = min(width, size.width - x)
    var column = x
    for scalar in text.unicodeScalars {
      let cellWidth = CellWidth.of(scalar)
      if cellWidth == 0 {
        // A zero-width joiner is not drawn: terminals disagree on joining (tmux 3.3 draws
        // 👨‍👩 in one wide cell, xterm in two), and a disagreement shifts the rest of the row
        // and leaves debris. Without it every terminal draws the parts, as `CellWidth` counts.
        if scalar == "\u{200D}" { continue }
        if column > x { cells[y][column - 1].text.unicodeScalars.append(scalar) }
        continue
      }
      if column - x + cellWidth > limit { break }
      clearOverlap(y: y, from: column, to: column + cellWidth)
      cells[y][column] = Cell(text: String(scalar), style: style)
      if cellWidth == 2 { cells[y][column + 1] = Cell(text: "", style: style) }
      column += cellWidth
    }
    return column - x
  }

  /// Before cells `from..<to` of row `y` are written: a wide character that only partly lies
  /// in them loses its other half too (a space takes it), as curses and terminals do. Without
  /// this an overlay's border drawn over the right half of `漢` left its left half, and the row
  /// one cell too wide (found by `UpdateFuzzTests`).
  private mutating func clearOverlap(y: Int, from: Int, to: Int) {
    if from > 0, from < size.width, cells[y][from].text.isEmpty {
      cells[y][from - 1] = Cell(text: " ", style: cells[y][from - 1].style)
    }
    if to < size.width, cells[y][to].text.isEmpty {
      cells[y][to] = Cell(text: " ", style: cells[y][to].style)
    }
  }

  package mutating func fill(_ rect: Rect, style: Style) {
    for row in max(0, rect.y)..<min(size.height, rect.y + rect.height) {
      let from = max(0, rect.x)
      let to = min(size.width, rect.x + rect.width)
      if from < to { clearOverlap(y: row, from: from, to: to) }
      for column in from..<to {
        cells[row][column] = Cell(text: " ", style: style)
      }
    }
  }

  /// The screen as text, one line per row, trailing spaces kept so sizes are visible.
  package var text: String {
    cells.map { row in row.map(\.text).joined() }.joined(separator: "\n")
  }

  /// Row `y` as text.
  package func line(_ y: Int) -> String { cells[y].map(\.text).joined() }

  /// The style at a cell.
  package func style(x: Int, y: Int) -> Style { cells[y][x].style }
}
