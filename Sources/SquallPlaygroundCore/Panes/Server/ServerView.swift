import Foundation
import SquallValues

/// The server pane: status and address, the app and its routes, live counters, and the
/// settings list (port and options, then the editor's routes) with the selected line marked.
enum ServerView {
  static func draw<C: Canvas>(_ state: PlaygroundState, in rect: Rect, focused: Bool, into canvas: inout C) {
    let server = state.server
    if case .route(let form) = server.editor {
      drawForm(form, in: rect, into: &canvas)
      return
    }
    var lines: [(String, Style)] = []
    switch server.status {
    case .running: lines.append(("● running on http://\(server.host):\(server.port)/", .success))
    case .starting: lines.append(("◌ starting on port \(server.port)…", .info))
    case .stopped where server.counters.connectionsOpen > 0:
      let open = server.counters.connectionsOpen
      lines.append(("○ not listening; \(open) kept-alive connection\(open == 1 ? "" : "s") still served", .warning))
      lines.append(("  (stop() closes no connection: K closes them, s starts again)", .dim))
    case .stopped: lines.append(("○ stopped (s starts it on port \(server.port))", .dim))
    case .failed(let message):
      lines.append(("✗ " + message, .error))
      if let port = server.suggestedPort { lines.append(("  press n to use port \(port) instead", .warning)) }
    }
    lines.append(("App: " + server.appName, .normal))
    if let line = server.tornado.line { lines.append(line) }
    let counters = server.counters
    let classes = counters.statusClasses
    let refused = counters.refused > 0 ? " · refused \(counters.refused)" : ""
    lines.append(
      (
        "conns \(counters.connectionsOpen) · reqs \(counters.requests) · \(Int(server.requestsPerSecond)) req/s\(refused)",
        counters.refused > 0 ? .warning : .normal
      ))
    let chartRow = lines.count
    lines.append(("", .normal))  // drawn below: req/s sparkline and the status-class bar
    lines.append(
      (
        "2xx \(classes[1]) 3xx \(classes[2]) 4xx \(classes[3]) 5xx \(classes[4]) · in \(bytes(counters.bytesRead)) out \(bytes(counters.bytesWritten))",
        .dim
      ))
    lines += routeLines(server.builtInRoutes, width: rect.width - 1, detailed: state.zoomed).map { ($0, .normal) }
    for (index, line) in lines.prefix(rect.height).enumerated() {
      canvas.draw(
        CellWidth.truncate(" " + line.0, to: rect.width), x: rect.x, y: rect.y + index, width: rect.width, style: line.1
      )
    }
    if chartRow < rect.height {
      drawCharts(server, x: rect.x + 1, y: rect.y + chartRow, width: rect.width - 2, into: &canvas)
    }

    let listTop = rect.y + min(lines.count, rect.height)
    let rows = rect.y + rect.height - listTop
    guard rows > 0 else { return }
    var items: [String] = ["port".padded(22) + String(server.port)]
    for (index, name) in ServerOptions.names.enumerated() {
      items.append(name.padded(22) + server.options.value(at: index))
    }
    for route in server.routes { items.append("route ".padded(6) + route.summary) }
    if server.routes.isEmpty { items.append("(no routes yet: a adds one)") }
    let first = max(0, min(server.selection - rows + 1, items.count - rows))
    for row in 0..<min(rows, items.count - first) {
      let index = first + row
      let selected = index == server.selection && focused
      var text = (selected ? "›" : " ") + items[index]
      var style: Style = selected ? .selected : (index >= ServerPaneState.settingLines ? .info : .normal)
      if selected, case .option(let editIndex, let field) = server.editor, editIndex == index {
        let label = (index == 0 ? "port" : ServerOptions.names[index - 1]).padded(22)
        text = "›" + label + field.visible(width: max(1, rect.width - 25)).text + "▏"
        style = .focusedTitle
      }
      canvas.draw(
        CellWidth.pad(TerminalSafe.escape(text), to: rect.width), x: rect.x, y: listTop + row, width: rect.width,
        style: style)
    }
  }

  /// The app's routes: each with what it answers when the pane is zoomed, else their paths in
  /// as few lines as fit (`/greet/([^/]+)` written `/greet/NAME`). Pure.
  static func routeLines(_ routes: [RouteDescription], width: Int, detailed: Bool) -> [String] {
    func path(_ route: RouteDescription) -> String { route.pattern.replacingOccurrences(of: "([^/]+)", with: "NAME") }
    if detailed {
      return routes.map { "Route \(path($0))  →  \($0.handlerName) (\($0.summary))" }
    }
    if routes.count == 1, let route = routes.first {
      return ["Route \(path(route))  →  \(route.handlerName) (\(route.summary))"]
    }
    return CellWidth.wrap("Routes " + routes.map(path).joined(separator: " "), to: width, indent: "       ")
  }

  /// `▁▂▅█▃ req/s 1 min  █████▒▒` : requests per second over the last minute, then the
  /// share of each status class.
  private static func drawCharts<C: Canvas>(
    _ server: ServerPaneState, x: Int, y: Int, width: Int, into canvas: inout C
  ) {
    let label = " req/s · "
    let sparkWidth = max(0, min(ServerPaneState.rateHistoryLength, (width - CellWidth.of(label)) * 3 / 5))
    var column = x
    column += canvas.draw(
      Charts.sparkline(server.rateHistory, width: sparkWidth), x: column, y: y, width: sparkWidth, style: .info)
    column += canvas.draw(label, x: column, y: y, width: x + width - column, style: .dim)
    for (text, style) in Charts.statusBar(server.counters.statusClasses, width: x + width - column) {
      column += canvas.draw(text, x: column, y: y, width: x + width - column, style: style)
    }
  }

  private static func drawForm<C: Canvas>(_ form: RouteForm, in rect: Rect, into canvas: inout C) {
    canvas.draw(
      CellWidth.truncate(form.editing == nil ? " New route" : " Edit route", to: rect.width), x: rect.x, y: rect.y,
      width: rect.width, style: .title)
    let help = [
      "Body may use {1} {2} (captures), {name},", "{query:x} (query argument), {method}, {path}.",
      "Headers: 'Name: value; Other: value'.",
    ]
    for (index, line) in help.enumerated() where 2 + RouteForm.labels.count + index < rect.height {
      canvas.draw(
        CellWidth.truncate(" " + line, to: rect.width), x: rect.x, y: rect.y + 2 + RouteForm.labels.count + index,
        width: rect.width, style: .dim)
    }
    for (index, label) in RouteForm.labels.enumerated() where index + 1 < rect.height {
      let focused = index == form.focus
      let labelText = " " + label.padded(11)
      let fieldWidth = max(1, rect.width - CellWidth.of(labelText) - 1)
      let visible = form.fields[index].visible(width: fieldWidth)
      let value = TerminalSafe.escape(visible.text) + (focused ? "▏" : "")
      canvas.draw(
        CellWidth.pad(labelText + value, to: rect.width), x: rect.x, y: rect.y + 1 + index, width: rect.width,
        style: focused ? .selected : .normal)
    }
  }

  /// `512 B`, `1.5 KB`, `64 KB`, `9.9 MB`, `2.0 GB`: one decimal below 10 of a unit, rounded
  /// (never truncated: 9.96 MB is not "9 MB") above.
  static func bytes(_ count: Int) -> String {
    if count < 1024 { return "\(count) B" }
    var value = Double(count) / 1024
    for unit in ["KB", "MB", "GB"] {
      if value < 9.95 { return String(format: "%.1f", value) + " " + unit }
      if value < 1023.5 || unit == "GB" { return String(format: "%.0f", value) + " " + unit }
      value /= 1024
    }
    return "\(count) B"
  }
}

extension String {
  /// Padded with spaces to `width` columns (never truncated).
  func padded(_ width: Int) -> String {
    self + String(repeating: " ", count: max(1, width - CellWidth.of(self)))
  }
}
