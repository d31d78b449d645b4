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
    // A summary cut to fit its row is shown whole under the list for the chosen command.
    let chosen = found.indices.contains(palette.list.selection) ? found[palette.list.selection] : nil
    let summaryWidth = chosen.map { inner - paneWidth - CellWidth.of($0.label) - 4 } ?? 0
    let detail = chosen.flatMap { CellWidth.of($0.summary) > summaryWidth ? $0.summary.capitalizedFirst : nil }
    FilterListView.draw(
      palette.list, title: "Commands: \(found.count) of \(PaletteState.entries.count)", rows: rows,
      empty: "No command matches: Backspace widens the search.", maxWidth: 84, size: size, detail: detail,
      into: &canvas)
  }
}
