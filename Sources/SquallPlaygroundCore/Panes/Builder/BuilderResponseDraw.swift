import Foundation
import SquallRequests
import SquallValues

// The Response section drawn: the status line, the tabs, the lines of the tab in view.

extension BuilderView {
  static func drawResponse<C: Canvas>(_ state: PlaygroundState, in rect: Rect, into canvas: inout C) {
    let builder = state.builder
    var y = rect.y
    guard rect.height > 0 else { return }
    if builder.burst == nil {
      guard let response = builder.response else {
        let text =
          builder.inFlight != nil ? "Waiting for the answer…" : "Nothing sent yet: Ctrl-R sends the request."
        canvas.drawWrapped(text, in: rect, style: .dim)
        return
      }
      let entry = response.entry
      if entry.error == nil {
        let asserts = builder.assertVerdicts.map { " · " + BuilderResponseView.assertSummary($0) } ?? ""
        let status =
          "\(entry.status) \(TerminalSafe.escape(entry.reason)) · \(ServerView.bytes(entry.responseBodySize)) · \(LogView.milliseconds(entry.duration))"
          + asserts
        canvas.draw(
          CellWidth.pad(" " + status, to: rect.width), x: rect.x, y: y, width: rect.width,
          style: LogView.statusStyle(entry.status))
        y += 1
        if y < rect.y + rect.height {
          var column = rect.x + 1
          // The titles whole when they fit, else their first letters ([B] [H] [T] [C]).
          let titles = BuilderState.ResponseTab.allCases.map { "[\($0.title)]" }
          let fits = titles.map(CellWidth.of).reduce(0, +) + titles.count <= rect.width - 1
          for tab in BuilderState.ResponseTab.allCases {
            let title = fits ? "[\(tab.title)]" : "[\(tab.title.prefix(tab == builder.responseTab ? 4 : 1))]"
            column += canvas.draw(
              title, x: column, y: y, width: rect.x + rect.width - column,
              style: tab == builder.responseTab ? .selected : .dim)
            column += canvas.draw(" ", x: column, y: y, width: max(0, rect.x + rect.width - column), style: .normal)
          }
          if case .search(let field) = builder.editor {
            canvas.draw(
              "/" + field.shown, x: column, y: y, width: max(0, rect.x + rect.width - column),
              style: .selected)
          }
          y += 1
        }
      }
    }
    let lines = BuilderResponseView.lines(builder, width: rect.width - 2)
    let rows = rect.y + rect.height - y
    guard rows > 0 else { return }
    let first = min(builder.responseScroll, max(0, lines.count - 1))
    for (index, item) in lines.dropFirst(first).prefix(rows).enumerated() {
      let highlighted = !builder.search.isEmpty && item.text.lowercased().contains(builder.search.lowercased())
      canvas.draw(
        CellWidth.pad(" " + item.text, to: rect.width), x: rect.x, y: y + index, width: rect.width,
        style: highlighted ? .warning : item.style)
    }
  }
}
