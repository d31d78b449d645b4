/// A size in terminal cells.
package struct Size: Equatable, Sendable {
  package var width: Int
  package var height: Int
  package init(width: Int, height: Int) {
    self.width = width
    self.height = height
  }
}

/// A rectangle of cells; `x`, `y` are the top-left corner.
package struct Rect: Equatable, Sendable {
  package var x: Int
  package var y: Int
  package var width: Int
  package var height: Int

  package init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }

  /// The area inside a one-cell border.
  package var inner: Rect { Rect(x: x + 1, y: y + 1, width: width - 2, height: height - 2) }

  package func contains(x px: Int, y py: Int) -> Bool {
    px >= x && px < x + width && py >= y && py < y + height
  }
}

/// What a cell means; the terminal backend maps roles to colours or, without colour, to
/// bold/reverse/dim.
package enum Style: UInt8, Sendable, CaseIterable {
  case normal, dim, bold, border, focusedBorder, title, focusedTitle, selected, statusBar, key
  case success, redirect, clientError, serverError, info, error, warning, inbound, outbound
}

/// Where a screen is drawn: the terminal, or an in-memory grid in tests.
package protocol Canvas {
  /// The drawable area.
  var size: Size { get }
  /// Draws `text` from (`x`, `y`), clipped to `width` columns; returns the columns used.
  /// The text must already be safe (see `TerminalSafe`).
  @discardableResult
  mutating func draw(_ text: String, x: Int, y: Int, width: Int, style: Style) -> Int
  /// Fills a rectangle with spaces of `style`.
  mutating func fill(_ rect: Rect, style: Style)
}

extension Canvas {
  @discardableResult
  package mutating func draw(_ text: String, x: Int, y: Int, style: Style = .normal) -> Int {
    draw(text, x: x, y: y, width: size.width - x, style: style)
  }

  /// A box with a title in its top border.
  package mutating func box(_ rect: Rect, title: String, focused: Bool) {
    guard rect.width >= 2, rect.height >= 2 else { return }
    let border: Style = focused ? .focusedBorder : .border
    let horizontal = focused ? "━" : "─"
    let vertical = focused ? "┃" : "│"
    let corners = focused ? ("┏", "┓", "┗", "┛") : ("┌", "┐", "└", "┘")
    let line = String(repeating: horizontal, count: rect.width - 2)
    draw(corners.0 + line + corners.1, x: rect.x, y: rect.y, width: rect.width, style: border)
    draw(corners.2 + line + corners.3, x: rect.x, y: rect.y + rect.height - 1, width: rect.width, style: border)
    for row in (rect.y + 1)..<(rect.y + rect.height - 1) {
      draw(vertical, x: rect.x, y: row, width: 1, style: border)
      draw(vertical, x: rect.x + rect.width - 1, y: row, width: 1, style: border)
    }
    let label = focused ? " ▶ \(title) " : " \(title) "
    // A title wider than its box ends in "…" (boxes size to their title where they can).
    draw(
      CellWidth.truncate(label, to: max(0, rect.width - 4)), x: rect.x + 2, y: rect.y, width: rect.width - 4,
      style: focused ? .focusedTitle : .title)
  }
}

extension Canvas {
  /// A sentence drawn after a space, wrapped at spaces over `rect`'s rows (continuations
  /// indented); returns the rows it took. Rows beyond `rect` are not drawn: give it the room.
  @discardableResult
  package mutating func drawWrapped(_ text: String, in rect: Rect, style: Style) -> Int {
    let rows = CellWidth.wrap(text, to: max(10, rect.width - 2), indent: "  ")
    for (row, line) in rows.prefix(rect.height).enumerated() {
      draw(" " + line, x: rect.x, y: rect.y + row, width: rect.width, style: style)
    }
    return min(rows.count, rect.height)
  }
}
