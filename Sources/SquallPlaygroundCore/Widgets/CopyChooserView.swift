import SquallValues

/// The `y` chooser drawn over the panes: each value with what it is and the variable it
/// becomes.
enum CopyChooserView {
  static func draw<C: Canvas>(_ chooser: CopyChooser, size: Size, into canvas: inout C) {
    let shown = chooser.shown
    let labelWidth = min(36, (min(size.width - 4, 96) - 2) / 2)
    let rows = shown.map { choice in
      CellWidth.pad(CellWidth.truncate(TerminalSafe.escape(choice.label), to: labelWidth - 1), to: labelWidth)
        + "{{\(choice.variable)}} = " + TerminalSafe.escape(choice.value).replacingOccurrences(of: "\n", with: "↵")
    }
    FilterListView.draw(
      chooser.list, title: "Copy a value into a variable: \(shown.count) of \(chooser.choices.count)", rows: rows,
      empty: "Nothing matches: Backspace widens the search.", maxWidth: 96, size: size, into: &canvas)
  }
}
