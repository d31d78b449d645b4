/// The `?` overlay: every key, by pane.
enum HelpView {
  static let sections: [(String, [(String, String)])] = [
    (
      "Everywhere",
      [
        ("Tab/S-Tab", "next / previous pane"), ("F1 … F4", "jump to a pane"), ("click", "focus a pane"),
        ("z / Esc", "zoom / unzoom a pane"), ("?", "this help"), ("q / Ctrl-C", "quit"),
      ]
    ),
    (
      "Server",
      [
        ("s / r / K", "start-stop / restart / close connections"), ("↑↓ Enter", "edit port and options"),
        ("Space", "toggle an option"),
        ("a / d / u", "add / delete / undo delete"), ("A", "switch app: hello / echo"), ("n", "use the free port"),
      ]
    ),
    (
      "Request builder",
      [
        ("Enter Ctrl-R", "send · Esc cancels"), ("u / m", "edit the URL / choose the method"),
        ("1-6 ←→", "params headers body auth options response"), ("a e d Space", "add / edit / delete / on-off"),
        ("k / E", "body kind / edit in $EDITOR"), ("[ ] / n", "response tabs / search / next"),
        ("H o w N", "history / open / save / new request"), ("i x B", "import curl / export / burst"),
      ]
    ),
    (
      "Log",
      [
        ("↑↓ Enter", "select / expand"), ("PgUp PgDn", "scroll the details"), ("/", "filter: GET, 404, 4xx…"),
        ("x", "clear the filter"), ("p / f", "pause / follow"), ("c / e", "clear / export HAR 1.2"),
      ]
    ),
    (
      "Lessons",
      [
        ("↑↓ Enter", "choose / open"), ("h", "a hint, one at a time"), ("n / p", "next / previous step"),
        ("R", "reset the lesson"), ("Esc", "back to the list"),
      ]
    ),
  ]

  static func draw<C: Canvas>(size: Size, into canvas: inout C) {
    func lines(_ part: ArraySlice<(String, [(String, String)])>) -> [(String, Style)] {
      var out: [(String, Style)] = []
      for (title, keys) in part {
        out.append((title, .title))
        for (key, meaning) in keys { out.append(("  " + key.padded(12) + meaning, .normal)) }
      }
      return out
    }
    let all = lines(sections[...])
    // One column when it fits, else two side by side.
    let columns: [[(String, Style)]] =
      all.count + 2 <= size.height - 2
      ? [all]
      // Two columns of similar height: Everywhere, Server, Lessons | Request builder, Log.
      : [lines([sections[0], sections[1], sections[4]][...]), lines([sections[2], sections[3]][...])]
    let columnWidth = min(66, (size.width - 6) / columns.count)
    let width = columnWidth * columns.count + 2
    let height = min(size.height - 2, (columns.map(\.count).max() ?? 0) + 2)
    let rect = Rect(x: (size.width - width) / 2, y: (size.height - height) / 2, width: width, height: height)
    canvas.fill(rect, style: .normal)
    canvas.box(rect, title: "Keys (Esc closes)", focused: true)
    for (column, content) in columns.enumerated() {
      for (row, line) in content.prefix(rect.height - 2).enumerated() {
        canvas.draw(
          CellWidth.truncate(" " + line.0, to: columnWidth), x: rect.x + 1 + column * columnWidth, y: rect.y + 1 + row,
          width: columnWidth, style: line.1)
      }
    }
  }
}
