import Squall

/// The command palette drawn over the panes: the query, then the matching commands with the
/// pane they belong to and their key, the chosen one highlighted.
enum PaletteView {
  static func draw<C: Canvas>(_ palette: PaletteState, size: Size, into canvas: inout C) {
    let found = PaletteState.matches(palette.query.text)
    let width = min(size.width - 4, 84)
    let height = min(size.height - 4, max(6, found.count + 4))
    let rect = Rect(x: (size.width - width) / 2, y: 2, width: width, height: height)
    canvas.fill(rect, style: .normal)
    canvas.box(rect, title: "Commands: \(found.count) of \(PaletteState.entries.count)", focused: true)
    let inner = rect.inner
    let query = palette.query.visible(width: inner.width - 4)
    canvas.draw(
      CellWidth.pad(" › " + TerminalSafe.escape(query.text) + "▏", to: inner.width), x: inner.x, y: inner.y,
      width: inner.width, style: .bold)
    let rows = inner.height - 1
    guard !found.isEmpty else {
      canvas.draw(
        " No command matches: Backspace widens the search.", x: inner.x, y: inner.y + 1, width: inner.width,
        style: .dim)
      return
    }
    // The chosen row stays in view.
    let first = max(0, min(palette.selection - rows + 1, found.count - rows))
    let paneWidth = 16
    for (row, binding) in found.dropFirst(max(0, first)).prefix(rows).enumerated() {
      let index = max(0, first) + row
      let keys = binding.label
      let summaryWidth = inner.width - paneWidth - CellWidth.of(keys) - 4
      // The chosen row is marked, not only coloured: readable without colour.
      let line =
        (index == palette.selection ? "›" : " ") + CellWidth.pad(binding.pane?.title ?? "Everywhere", to: paneWidth)
        + CellWidth.pad(CellWidth.truncate(binding.summary, to: summaryWidth), to: summaryWidth) + "  " + keys + " "
      canvas.draw(
        line, x: inner.x, y: inner.y + 1 + row, width: inner.width,
        style: index == palette.selection ? .selected : .normal)
    }
  }
}
