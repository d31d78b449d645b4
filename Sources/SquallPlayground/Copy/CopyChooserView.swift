import Squall

/// The `y` chooser drawn over the panes: the filter, then each value with what it is, the
/// chosen one marked (readable without colour), and the variable it becomes.
enum CopyChooserView {
  static func draw<C: Canvas>(_ chooser: CopyChooser, size: Size, into canvas: inout C) {
    let shown = chooser.shown
    let width = min(size.width - 4, 96)
    let height = min(size.height - 4, max(6, shown.count + 4))
    let rect = Rect(x: (size.width - width) / 2, y: 2, width: width, height: height)
    canvas.fill(rect, style: .normal)
    canvas.box(rect, title: "Copy a value into a variable: \(shown.count) of \(chooser.choices.count)", focused: true)
    let inner = rect.inner
    let query = chooser.query.visible(width: inner.width - 4)
    canvas.draw(
      CellWidth.pad(" › " + TerminalSafe.escape(query.text) + "▏", to: inner.width), x: inner.x, y: inner.y,
      width: inner.width, style: .bold)
    let rows = inner.height - 1
    guard !shown.isEmpty else {
      canvas.draw(
        " Nothing matches: Backspace widens the search.", x: inner.x, y: inner.y + 1, width: inner.width, style: .dim)
      return
    }
    let first = max(0, min(chooser.selection - rows + 1, shown.count - rows))
    let labelWidth = min(36, inner.width / 2)
    for (row, choice) in shown.dropFirst(first).prefix(rows).enumerated() {
      let index = first + row
      let value = TerminalSafe.escape(choice.value).replacingOccurrences(of: "\n", with: "↵")
      let line =
        (index == chooser.selection ? "›" : " ")
        + CellWidth.pad(CellWidth.truncate(TerminalSafe.escape(choice.label), to: labelWidth - 1), to: labelWidth)
        + "{{\(choice.variable)}} = " + value
      canvas.draw(
        CellWidth.pad(CellWidth.truncate(line, to: inner.width), to: inner.width), x: inner.x, y: inner.y + 1 + row,
        width: inner.width, style: index == chooser.selection ? .selected : .normal)
    }
  }
}
