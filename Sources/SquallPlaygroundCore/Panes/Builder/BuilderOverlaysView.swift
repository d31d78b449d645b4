import Foundation
import SquallRequests
import SquallValues

// The builder's overlays drawn: methods, history, collection, save, import, export, burst.

extension BuilderView {
  static func drawOverlay<C: Canvas>(
    _ overlay: BuilderState.Overlay, _ state: PlaygroundState, in pane: Rect, into canvas: inout C
  ) {
    var lines: [Item] = []
    var title = ""
    switch overlay {
    case .methods(let selection, let custom):
      title = "Method"
      for (index, method) in BuilderState.methods.enumerated() {
        lines.append(
          Item(
            (index == selection ? "› " : "  ") + method, index == selection ? .selected : .normal,
            current: index == selection))
      }
      let chosen = selection == BuilderState.methods.count
      lines.append(
        Item(
          (chosen ? "› " : "  ") + "other: " + (chosen ? custom.shown : TerminalSafe.escape(custom.text)),
          chosen ? .selected : .dim, current: chosen))
    case .history(let selection):
      title = "History"
      let items = state.builder.history
      for index in items.indices.reversed() {
        let item = items[index]
        lines.append(
          Item(
            (index == selection ? "› " : "  ")
              + "\(item.status) \(item.spec.method) \(TerminalSafe.escape(item.spec.url)) · \(LogView.milliseconds(item.duration))",
            index == selection ? .selected : LogView.statusStyle(item.status), current: index == selection))
      }
    case .collection(let names, let selection):
      title = "Saved requests"
      for (index, name) in names.enumerated() {
        lines.append(
          Item(
            (index == selection ? "› " : "  ") + TerminalSafe.escape(name), index == selection ? .selected : .normal,
            current: index == selection))
      }
    case .saveAs(let field):
      title = "Save as"
      lines.append(Item("name: " + field.shown, .selected))
      lines.append(Item("a file NAME.json in the collection folder", .dim))
    case .importCurl(let field):
      title = "Import a curl command"
      for text in CellWidth.wrap(field.shown, to: max(10, pane.width - 6)) {
        lines.append(Item(text, .selected))
      }
    case .export(let format, let text):
      title = "Export as \(format.rawValue)"
      // Code is cut into rows, never re-flowed: a row that goes on starts with ↪, so what is
      // read is what runs (y or s give the text itself).
      // Scrolled by whole lines of the code (↑↓ PgUp PgDn), with what is above said.
      let scroll = state.builder.exportScroll
      if scroll > 0 { lines.append(Item("↑ \(scroll) more", .dim)) }
      for part in text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(scroll) {
        let pieces = LessonsView.hardWrap(
          TerminalSafe.escape(String(part)), width: max(10, pane.width - 8), continuation: 2)
        for (number, piece) in pieces.enumerated() { lines.append(Item(number == 0 ? piece : "↪ " + piece, .normal)) }
      }
    case .burst(let count, let concurrency, _) where state.builder.spec.isWebSocket:
      title = "WebSockets at once"
      lines.append(Item("WebSockets   " + count.text + "▏", .selected))
      lines.append(Item("(1–10,000 to this URL, each left open and idle; Esc in the builder closes them)", .dim))
      _ = concurrency
    case .burst(let count, let concurrency, let onConcurrency):
      title = "Burst"
      lines.append(Item("requests     " + count.text + (onConcurrency ? "" : "▏"), onConcurrency ? .normal : .selected))
      lines.append(
        Item("at once      " + concurrency.text + (onConcurrency ? "▏" : ""), onConcurrency ? .selected : .normal))
      lines.append(Item("(1–10,000 requests, 1–200 at once, to this URL)", .dim))
      let limit = state.builder.maxClients
      lines.append(
        Item(
          "The client opens at most \(limit) connections (maxClients, in Options 5): more at once wait in its "
            + "queue, as in Tornado.", .dim))
    case .savePath(let field, let what):
      title = "Save \(state.builder.pendingExport != nil ? "the export" : "the response \(what.rawValue)") to"
      lines.append(Item(field.shown, .selected))
    }
    let width = max(
      20, min(pane.width - 2, max(CellWidth.of(title) + 8, (lines.map { CellWidth.of($0.text) }.max() ?? 0) + 4)))
    // A line wider than the box wraps under itself: nothing of a form's explanation is cut.
    let shown = lines.flatMap { item in
      CellWidth.wrap(item.text, to: max(1, width - 3), indent: " ").enumerated().map {
        Item($0.element, item.style, current: item.current && $0.offset == 0)
      }
    }
    let height = min(pane.height, shown.count + 2)
    guard height >= 3 else { return }
    // A list longer than the box keeps its selection in view, with marks for what is hidden.
    let window = ListWindow(count: shown.count, focus: shown.firstIndex(where: \.current), rows: height - 2)
    let box = Rect(
      x: pane.x + max(0, (pane.width - width) / 2), y: pane.y + max(0, (pane.height - height) / 2), width: width,
      height: height)
    canvas.fill(box, style: .normal)
    canvas.box(box, title: title, focused: true)
    window.draw(in: box.inner, into: &canvas) { index, row, canvas in
      canvas.draw(
        CellWidth.pad(" " + shown[index].text, to: box.width - 2), x: box.x + 1, y: box.y + 1 + row,
        width: box.width - 2, style: shown[index].style)
    }
  }
}
