import SquallValues

/// The command palette drawn over the panes: the matching commands with the pane they belong
/// to and their key.
enum PaletteView {
  static func draw<C: Canvas>(_ palette: PaletteState, size: Size, into canvas: inout C) {
    let found = PaletteState.matches(palette.list.query.text)
    let inner = min(size.width - 4, 84) - 2
    let paneWidth = 16
    let rows = found.map { binding in
      let summaryWidth = inner - paneWidth - CellWidth.of(binding.label) - 4
      return CellWidth.pad(binding.pane?.title ?? "Everywhere", to: paneWidth)
        + CellWidth.pad(CellWidth.truncate(binding.summary, to: summaryWidth), to: summaryWidth) + "  "
        + binding.label + " "
    }
    FilterListView.draw(
      palette.list, title: "Commands: \(found.count) of \(PaletteState.entries.count)", rows: rows,
      empty: "No command matches: Backspace widens the search.", maxWidth: 84, size: size, into: &canvas)
  }
}
