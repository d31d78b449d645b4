import SquallValues

/// A list filtered as the user types, drawn over the panes: the command palette and the `y`
/// chooser. Holds the query and the chosen row; the owner says what the rows are.
package struct FilterList: Equatable, Sendable {
  package var query = TextField()
  package var selection = 0

  package init() {}

  /// What a key did.
  enum Outcome: Equatable {
    /// Esc: close the list, nothing chosen.
    case closed
    /// Enter on row `index`; nil when no row matches.
    case chosen(Int?)
    /// The query or the selection moved.
    case changed
  }

  /// Applies a key for a list of `count` matching rows: typing filters (back to the first
  /// row), ↑↓ or Ctrl-P/Ctrl-N and PgUp/PgDn choose, Enter picks, Esc closes. Pure.
  mutating func apply(_ key: Key, count: Int) -> Outcome {
    let last = max(0, count - 1)
    switch key {
    case .escape: return .closed
    case .enter: return .chosen(selection < count ? selection : nil)
    case .up, .control("p"): selection = max(0, selection - 1)
    case .down, .control("n"): selection = min(last, selection + 1)
    case .pageUp: selection = max(0, selection - 10)
    case .pageDown: selection = min(last, selection + 10)
    default:
      let before = query.text
      _ = query.apply(key)
      if query.text != before { selection = 0 }
    }
    return .changed
  }
}

/// Draws a `FilterList`: a box with a title, the query, then the rows, the chosen one marked
/// with › (readable without colour) and kept in view.
enum FilterListView {
  static func draw<C: Canvas>(
    _ list: FilterList, title: String, rows: [String], empty: String, maxWidth: Int, size: Size,
    detail: String? = nil, into canvas: inout C
  ) {
    let width = min(size.width - 4, maxWidth)
    // The chosen row's whole text, wrapped under the list, when a row had to be cut.
    let details = detail.map { CellWidth.wrap($0, to: max(10, width - 4), indent: "  ") } ?? []
    let height = min(size.height - 4, max(6, rows.count + 4 + details.count))
    let rect = Rect(x: (size.width - width) / 2, y: 2, width: width, height: height)
    canvas.fill(rect, style: .normal)
    canvas.box(rect, title: title, focused: true)
    let inner = rect.inner
    let query = list.query
    canvas.draw(
      CellWidth.pad(" › " + query.shown(width: inner.width - 3), to: inner.width), x: inner.x, y: inner.y,
      width: inner.width, style: .bold)
    let shownDetails = details.prefix(max(0, inner.height - 4))
    let visible = inner.height - 1 - shownDetails.count
    for (offset, text) in shownDetails.enumerated() {
      canvas.draw(
        CellWidth.pad(" " + text, to: inner.width), x: inner.x, y: inner.y + 1 + visible + offset, width: inner.width,
        style: .info)
    }
    guard !rows.isEmpty else {
      canvas.draw(" " + empty, x: inner.x, y: inner.y + 1, width: inner.width, style: .dim)
      return
    }
    let area = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: visible)
    let window = ListWindow(count: rows.count, focus: list.selection, rows: visible)
    window.draw(in: area, into: &canvas) { index, row, canvas in
      let chosen = index == list.selection
      let line = (chosen ? "›" : " ") + rows[index]
      canvas.draw(
        CellWidth.pad(CellWidth.truncate(line, to: inner.width), to: inner.width), x: inner.x,
        y: area.y + row, width: inner.width, style: chosen ? .selected : .normal)
    }
  }
}
