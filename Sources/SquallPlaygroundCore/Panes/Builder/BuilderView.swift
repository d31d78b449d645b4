import Foundation
import SquallRequests
import SquallValues

/// The request builder: method and URL, the URL's check, the section tabs, then the section
/// (params, headers, body, auth, options) or the response; overlays on top.
enum BuilderView {
  static func draw<C: Canvas>(_ state: PlaygroundState, in rect: Rect, focused: Bool, into canvas: inout C) {
    guard rect.height > 0, rect.width > 4 else { return }
    let builder = state.builder
    var y = rect.y
    func line(_ text: String, _ style: Style = .normal) {
      guard y < rect.y + rect.height else { return }
      canvas.draw(CellWidth.pad(" " + text, to: rect.width), x: rect.x, y: y, width: rect.width, style: style)
      y += 1
    }
    // Method and URL.
    let method = builder.spec.isWebSocket ? "WS" : TerminalSafe.escape(builder.spec.method.uppercased())
    let label = method + (builder.spec.isWebSocket ? " ⇄ " : " ▾ ")
    var x = rect.x + 1
    x += canvas.draw(label, x: x, y: y, width: rect.width - 1, style: .bold)
    let fieldWidth = max(4, rect.x + rect.width - x - 1)
    if case .url(let field) = builder.editor {
      canvas.draw(
        CellWidth.pad(field.shown(width: fieldWidth), to: fieldWidth), x: x, y: y, width: fieldWidth, style: .selected)
    } else {
      canvas.draw(
        CellWidth.pad(TerminalSafe.escape(builder.spec.url), to: fieldWidth), x: x, y: y, width: fieldWidth,
        style: .normal)
    }
    y += 1
    // The URL's check, or the request in flight.
    if builder.spec.isWebSocket {
      if let problem = builder.spec.webSocketURLProblem(state.variables) {
        for text in CellWidth.wrap("✗ " + TerminalSafe.escape(problem), to: rect.width - 2, indent: "  ") {
          line(text, .error)
        }
      } else {
        line(
          webSocketStatus(builder, state, width: rect.width - 2), builder.webSocket?.isOpen == true ? .success : .dim)
      }
    } else if let flight = builder.inFlight {
      let elapsed = max(0, state.now.timeIntervalSince(flight.startedAt))
      line("◌ Sending \(flight.method)… \(Int(elapsed)) s · Esc cancels", .info)
    } else if let problem = builder.spec.urlProblem(state.variables) {
      for text in CellWidth.wrap("✗ " + TerminalSafe.escape(problem), to: rect.width - 2, indent: "  ") {
        line(text, .error)
      }
    } else if let note = builder.spec.bodyNote {
      for text in CellWidth.wrap("⚠ " + note, to: rect.width - 2, indent: "  ") { line(text, .info) }
    } else {
      line("→ " + TerminalSafe.escape(builder.spec.wireURL(state.variables)), .dim)
    }
    drawTabs(builder, x: rect.x + 1, y: y, width: rect.width - 2, into: &canvas)
    y += 1
    let body = Rect(x: rect.x, y: y, width: rect.width, height: rect.y + rect.height - y)
    if builder.showsWire, builder.editor == nil {  // what is being typed stays in view
      drawWire(builder, in: body, into: &canvas)
      if let overlay = builder.overlay { drawOverlay(overlay, state, in: rect, into: &canvas) }
      return
    }
    switch builder.section {
    case .response where builder.spec.isWebSocket: drawWebSocket(builder, in: body, into: &canvas)
    case .response: drawResponse(state, in: body, into: &canvas)
    default:
      // The selected row, or the one being typed in, stays in view; marks say what is hidden.
      let lines = sectionLines(state).flatMap { $0.rows(width: body.width - 2) }
      let window = ListWindow(count: lines.count, focus: lines.lastIndex(where: \.current), rows: body.height)
      window.draw(in: body, into: &canvas) { index, row, canvas in
        canvas.draw(
          CellWidth.pad(" " + lines[index].text, to: body.width), x: body.x, y: body.y + row, width: body.width,
          style: lines[index].style)
      }
    }
    if let overlay = builder.overlay { drawOverlay(overlay, state, in: rect, into: &canvas) }
  }

  /// The request's exact bytes (`W`): each line as sent, a long one going on after `↪`.
  /// The wire bytes' lines at `width`, a long one going on after `↪`. Pure.
  static func wireLines(_ builder: BuilderState, width: Int) -> [Item] {
    let title = "On the wire, each line ending CRLF (W again hides them):"
    return CellWidth.wrap(title, to: max(10, width - 2), indent: "  ").map { Item($0, .dim) }
      + (builder.wire?.lines ?? ["◌ building…"]).flatMap { line in
        CellWidth.wrap(line, to: max(10, width - 2), indent: "↪ ").map {
          Item($0, builder.wire?.problem == nil ? .normal : .error)
        }
      }
  }

  static func drawWire<C: Canvas>(_ builder: BuilderState, in rect: Rect, into canvas: inout C) {
    guard rect.height > 0 else { return }
    let lines = wireLines(builder, width: rect.width)
    // Scrolled by ↑↓ PgUp PgDn, never past the last line; marks say what is hidden.
    let start = Scroll.clamped(builder.wireScroll, lines: lines.count, rows: max(1, rect.height - 1))
    let window = ListWindow(count: lines.count, focus: nil, rows: rect.height, start: start)
    window.draw(in: rect, into: &canvas) { index, row, canvas in
      canvas.draw(
        CellWidth.pad(" " + lines[index].text, to: rect.width), x: rect.x, y: rect.y + row, width: rect.width,
        style: lines[index].style)
    }
  }

  static func drawTabs<C: Canvas>(_ builder: BuilderState, x: Int, y: Int, width: Int, into canvas: inout C) {
    for tab in tabs(builder, x: x, width: width) {
      canvas.draw(
        tab.title, x: tab.columns.lowerBound, y: y, width: tab.columns.count,
        style: tab.section == builder.section ? .selected : .dim)
    }
  }

  /// Where each section's tab is drawn, for the view and for mouse clicks. Pure.
  static func tabs(_ builder: BuilderState, x: Int, width: Int) -> [(
    section: BuilderState.Section, title: String, columns: Range<Int>
  )] {
    var out: [(section: BuilderState.Section, title: String, columns: Range<Int>)] = []
    var column = x
    let limit = x + width
    let short = width < 60  // "1 Par 2 Hdr …" when the full titles do not fit
    func title(_ section: BuilderState.Section, tiny: Bool) -> String {
      var title =
        tiny && section != builder.section
        ? "\(section.rawValue)"
        : short ? "\(section.rawValue)\(section.shortTitle)" : "\(section.rawValue) \(section.title)"
      switch section {
      case .params:
        let count = QueryParameters.rows(of: builder.spec.url).count
        if count > 0 { title += "(\(count))" }
      case .headers: if !builder.spec.headers.isEmpty { title += "(\(builder.spec.headers.count))" }
      case .body: if builder.spec.bodyKind != .none { title += "·" + builder.spec.bodyKind.rawValue }
      case .auth: if !builder.spec.username.isEmpty { title += "·basic" }
      case .response: if let status = builder.response?.entry.status { title += "·\(status)" }
      case .options: break
      }
      return title
    }
    // Narrower still (a lesson beside the builder at 80 columns): the others as their digit,
    // the current one named, so that no title is cut.
    let sections = BuilderState.Section.allCases
    let tiny = sections.map { CellWidth.of(title($0, tiny: false)) + 1 }.reduce(0, +) - 1 > width
    for section in sections {
      let title = title(section, tiny: tiny)
      guard column < limit else { break }
      let shown = CellWidth.clip(title, to: limit - column)
      let end = column + CellWidth.of(shown)
      out.append((section, shown, column..<end))
      column = end + 1
    }
    return out
  }

  struct Item {
    var text: String
    var style: Style
    /// The line the list keeps in view: the selected row, the one being typed in, the cursor's.
    var current: Bool
    /// A sentence (a note, a problem, a hint) wraps at spaces; a row of data is cut with "…".
    var wraps = false
    init(_ text: String, _ style: Style = .normal, current: Bool = false) {
      self.text = text
      self.style = style
      self.current = current
    }
    /// A sentence that wraps at `width` rather than being cut.
    static func note(_ text: String, _ style: Style = .dim) -> Item {
      var item = Item(text, style)
      item.wraps = true
      return item
    }
    /// The item as the rows it takes at `width` columns (continuations indented).
    func rows(width: Int) -> [Item] {
      guard wraps else { return [self] }
      return CellWidth.wrap(text, to: max(10, width), indent: "  ").map { Item($0, style, current: current) }
    }
  }

}
