/// The `?` overlay: the keys of the focused pane, of everywhere, of the overlays and editors
/// (`Modal`) and of text fields, made from the keymaps (`Keymap`, `Modal`, `FieldKeys`). Columns side by side as the width allows; ↑↓ scroll
/// what does not fit.
enum HelpView {
  /// The narrowest column (two need twice this), and the width of a column's keys part.
  static let columnWidth = 58
  static let keyWidth = 16

  /// The help's lines for `pane` in columns `width` wide: titles, then "keys  what they do",
  /// a long description wrapped under itself (never cut). Pure.
  static func lines(for pane: Pane, width: Int) -> [(text: String, title: Bool)] {
    var out: [(String, Bool)] = []
    let indent = String(repeating: " ", count: keyWidth + 1)
    func section(_ title: String, _ rows: [(String, String)]) {
      if !out.isEmpty { out.append(("", false)) }
      out.append((title, true))
      for (keys, summary) in rows {
        let wrapped = CellWidth.wrap(" " + keys.padded(keyWidth - 1) + " " + summary, to: width - 1, indent: indent)
        out += wrapped.map { ($0, false) }
      }
    }
    // A key bound more than once in the pane (↑ in the list, in an open entry, in the timeline)
    // says where each binding works.
    let bindings = Keymap.bindings(of: pane)
    let repeated = Set(
      Dictionary(grouping: bindings, by: \.label).filter { $0.value.count > 1 }.keys)
    section(
      pane.title,
      bindings.map { binding in
        let place = repeated.contains(binding.label) && binding.when != .always ? " — \(binding.when.place)" : ""
        return (binding.label, binding.summary + place)
      })
    section("Everywhere", Keymap.bindings(of: nil).map { ($0.label, $0.summary) })
    section("In a text field", FieldKeys.bindings.map { ($0.label, $0.summary) })
    // Then what takes the keyboard for a while: this pane's overlays and editors, then those
    // over every pane (↓ scrolls to them at 80x24).
    let own = Modal.allCases.filter { $0.panes.contains(pane) && $0.panes.count < Pane.allCases.count }
    let everywhere = Modal.allCases.filter { $0.panes.count == Pane.allCases.count }
    for modal in own + everywhere {
      section(modal.title, modal.rows.map { ($0.keys.isEmpty ? "(typing)" : $0.keys, $0.explained) })
    }
    return out
  }

  /// The overlay's frame and how many columns it draws, for a screen of `size`.
  static func frame(_ size: Size) -> (rect: Rect, columns: Int) {
    let columns = max(1, min(2, (size.width - 4) / columnWidth))
    let width = min(size.width - 4, columns * 70 + 2)
    let height = size.height - 2
    return (Rect(x: (size.width - width) / 2, y: 1, width: width, height: height), columns)
  }

  /// The largest scroll that still fills the overlay.
  static func maxScroll(_ state: PlaygroundState) -> Int {
    let (rect, columns) = frame(state.size)
    return max(0, lines(for: state.focus, width: (rect.width - 2) / columns).count - columns * (rect.height - 2))
  }

  static func draw<C: Canvas>(_ state: PlaygroundState, into canvas: inout C) {
    let (rect, columns) = frame(state.size)
    let width = (rect.width - 2) / columns
    let all = lines(for: state.focus, width: width)
    let rows = rect.height - 2
    let scroll = min(state.helpScroll, maxScroll(state))
    let more = all.count > columns * rows
    canvas.fill(rect, style: .normal)
    canvas.box(
      rect, title: "Keys (Esc closes)\(more ? " · ↑↓ scroll" : "") · Ctrl-P finds any command by name", focused: true)
    for (index, line) in all.dropFirst(scroll).prefix(columns * rows).enumerated() {
      let column = index / rows
      canvas.draw(
        CellWidth.truncate(" " + line.text, to: width), x: rect.x + 1 + column * width, y: rect.y + 1 + index % rows,
        width: width, style: line.title ? .title : .normal)
    }
  }
}
