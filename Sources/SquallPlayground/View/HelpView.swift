/// The `?` overlay: every key, by pane.
enum HelpView {
  static let sections: [(String, [(String, String)])] = [
    ("Everywhere", [
      ("Tab / Shift-Tab", "next / previous pane (or click a pane)"), ("F1 F2 F3 F4", "Server, Builder, Log, Lessons"),
      ("z / Esc", "zoom the pane full screen / back"), ("?", "this help"), ("q / Ctrl-C", "quit (the terminal is restored)"),
    ]),
    ("Server", [
      ("s / r", "start-stop / restart the server"), ("↑↓ Enter", "select and edit port, options, routes"),
      ("a / d", "add a route / delete the selected route"), ("n", "use the suggested free port"),
    ]),
    ("Request builder", [("e", "edit the URL (Enter sends)"), ("m", "next method"), ("Enter", "send")]),
    ("Log", [
      ("↑↓ Enter", "select, expand into headers, body and raw bytes"), ("/", "filter: text, GET, 404 or 4xx"),
      ("p / f", "pause / follow the newest"), ("c / e", "clear / export as HAR 1.2"),
    ]),
    ("Lessons", [("↑↓ Enter", "choose and read a lesson"), ("Esc", "back to the list")]),
  ]

  static func draw<C: Canvas>(size: Size, into canvas: inout C) {
    var lines: [(String, Style)] = []
    for (title, keys) in sections {
      lines.append((title, .title))
      for (key, meaning) in keys { lines.append(("  " + key.padded(16) + meaning, .normal)) }
    }
    let width = min(size.width - 4, 72)
    let height = min(size.height - 2, lines.count + 2)
    let rect = Rect(x: (size.width - width) / 2, y: (size.height - height) / 2, width: width, height: height)
    canvas.fill(rect, style: .normal)
    canvas.box(rect, title: "Keys (Esc closes)", focused: true)
    for (row, line) in lines.prefix(rect.height - 2).enumerated() {
      canvas.draw(CellWidth.truncate(" " + line.0, to: rect.width - 2), x: rect.x + 1, y: rect.y + 1 + row, width: rect.width - 2, style: line.1)
    }
  }
}
