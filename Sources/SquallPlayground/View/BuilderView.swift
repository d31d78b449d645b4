import Squall

/// The request builder: method, URL field, and the last response.
enum BuilderView {
  static func draw<C: Canvas>(_ state: PlaygroundState, in rect: Rect, focused: Bool, into canvas: inout C) {
    let builder = state.builder
    var y = rect.y
    func line(_ text: String, _ style: Style = .normal) {
      guard y < rect.y + rect.height else { return }
      canvas.draw(CellWidth.pad(" " + text, to: rect.width), x: rect.x, y: y, width: rect.width, style: style)
      y += 1
    }
    line("Method  \(builder.method)   (m: next method)", .bold)
    let fieldWidth = max(4, rect.width - 8)
    let visible = builder.url.visible(width: fieldWidth - 1)
    let field = TerminalSafe.escape(visible.text) + (builder.editing ? "▏" : "")
    line("URL     " + field, builder.editing ? .selected : .normal)
    line(builder.inFlight ? "Sending…" : "e edits the URL · Enter sends it", .dim)
    guard let response = builder.lastResponse else {
      line("")
      line("Send a request to the server on the left;", .dim)
      line("it appears in the Log pane as → and ←.", .dim)
      return
    }
    line("")
    if let error = response.error {
      line("✗ " + TerminalSafe.escape(error), .error)
      return
    }
    line(
      "\(response.status) \(TerminalSafe.escape(response.reason)) · \(ServerView.bytes(response.responseBodySize)) · \(LogView.milliseconds(response.duration))",
      LogView.statusStyle(response.status))
    let body = DetailView.bodyLines(
      response.responseBody, total: response.responseBodySize, headers: response.responseHeaders)
    for text in body.prefix(max(0, rect.y + rect.height - y)) { line(text, .normal) }
  }
}
