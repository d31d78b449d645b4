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
      title = "Method (↑↓ Enter, or type one)"
      for (index, method) in BuilderState.methods.enumerated() {
        lines.append(Item((index == selection ? "› " : "  ") + method, index == selection ? .selected : .normal))
      }
      let chosen = selection == BuilderState.methods.count
      lines.append(
        Item(
          (chosen ? "› " : "  ") + "other: " + TerminalSafe.escape(custom.text) + (chosen ? "▏" : ""),
          chosen ? .selected : .dim))
    case .history(let selection):
      title = "History (Enter loads · r re-sends · Esc)"
      let items = state.builder.history
      for index in items.indices.reversed() {
        let item = items[index]
        lines.append(
          Item(
            (index == selection ? "› " : "  ")
              + "\(item.status) \(item.spec.method) \(TerminalSafe.escape(item.spec.url)) · \(LogView.milliseconds(item.duration))",
            index == selection ? .selected : LogView.statusStyle(item.status)))
      }
    case .collection(let names, let selection):
      title = "Saved requests (Enter loads · Esc)"
      for (index, name) in names.enumerated() {
        lines.append(
          Item((index == selection ? "› " : "  ") + TerminalSafe.escape(name), index == selection ? .selected : .normal)
        )
      }
    case .saveAs(let field):
      title = "Save as (Enter · Esc)"
      lines.append(Item("name: " + TerminalSafe.escape(field.text) + "▏", .selected))
      lines.append(Item("a file NAME.json in the collection folder", .dim))
    case .importCurl(let field):
      title = "Import a curl command (paste, Enter · Esc)"
      for text in CellWidth.wrap(TerminalSafe.escape(field.text) + "▏", to: max(10, pane.width - 6)) {
        lines.append(Item(text, .selected))
      }
    case .export(let format, let text):
      title = "Export as \(format.rawValue) (Tab: curl/swift/python · s saves · Esc)"
      for part in text.split(separator: "\n", omittingEmptySubsequences: false) {
        for wrapped in CellWidth.wrap(TerminalSafe.escape(String(part)), to: max(10, pane.width - 6), indent: "    ") {
          lines.append(Item(wrapped))
        }
      }
    case .burst(let count, let concurrency, let onConcurrency):
      title = "Burst (Tab next field · Enter runs · Esc)"
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
      title =
        "Save \(state.builder.pendingExport != nil ? "the export" : "the response \(what.rawValue)") to (Enter · Esc)"
      lines.append(Item(TerminalSafe.escape(field.text) + "▏", .selected))
    }
    let width = max(
      20, min(pane.width - 2, max(CellWidth.of(title) + 4, (lines.map { CellWidth.of($0.text) }.max() ?? 0) + 4)))
    // A line wider than the box wraps under itself: nothing of a form's explanation is cut.
    let shown = lines.flatMap { item in
      CellWidth.wrap(item.text, to: max(1, width - 3), indent: " ").map { Item($0, item.style) }
    }
    let height = min(pane.height, shown.count + 2)
    guard height >= 3 else { return }
    let box = Rect(
      x: pane.x + max(0, (pane.width - width) / 2), y: pane.y + max(0, (pane.height - height) / 2), width: width,
      height: height)
    canvas.fill(box, style: .normal)
    canvas.box(box, title: title, focused: true)
    for (index, item) in shown.prefix(height - 2).enumerated() {
      canvas.draw(
        CellWidth.pad(" " + item.text, to: box.width - 2), x: box.x + 1, y: box.y + 1 + index, width: box.width - 2,
        style: item.style)
    }
  }
}
