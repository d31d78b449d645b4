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
    // The header, each line with its priority: when the settings list needs the room, the
    // least needed lines give way (the routes shrink to one line first), never the state.
    var header: [(text: String, style: Style, keep: Int)] = []
    switch server.status {
    case .running:
      // The address whole, in the longest form that fits: never a cut port.
      let address = "http://\(server.host):\(server.port)/"
      // (The status bar below always shows the whole address.)
      let forms = ["● running on " + address, "● running on :\(server.port)"]
      header.append((forms.first { CellWidth.of($0) <= rect.width - 1 } ?? forms[1], .success, 0))
    case .starting: header.append(("◌ starting on port \(server.port)…", .info, 0))
    case .stopped where server.counters.connectionsOpen > 0:
      let open = server.counters.connectionsOpen
      header.append(("○ not listening; \(open) kept-alive connection\(open == 1 ? "" : "s") still served", .warning, 0))
      header.append(("  (stop() closes no connection: K closes them, s starts again)", .dim, 2))
    case .stopped: header.append(("○ stopped (s starts it on port \(server.port))", .dim, 0))
    case .failed(let message):
      for text in CellWidth.wrap("✗ " + message, to: rect.width - 2, indent: "  ") { header.append((text, .error, 0)) }
      if let port = server.suggestedPort { header.append(("  press n to use port \(port) instead", .warning, 0)) }
    }
    let width = rect.width - 1
    // A line with shorter forms: the longest that fits whole.
    func fitted(_ forms: [String]) -> String { forms.first { CellWidth.of($0) <= width } ?? forms[forms.count - 1] }
    let appName = server.appName
    let shortApp = appName.split(separator: " ", maxSplits: 1).first.map(String.init) ?? appName
    header.append((fitted(["App: " + appName, "App: " + shortApp]), .normal, 2))
    if let line = server.tornado.line { header.append((line.0, line.1, 1)) }
    let counters = server.counters
    let classes = counters.statusClasses
    let refused = counters.refused > 0 ? " · refused \(counters.refused)" : ""
    // WebSockets once there were any: each is one of the connections, held open by the loop.
    let sockets = counters.webSocketsTotal > 0 ? " (\(counters.webSocketsOpen) ws)" : ""
    // With WebSockets open, what they cost: the process's memory beside their count.
    let memory = counters.webSocketsOpen > 0 && counters.memoryKB > 0 ? " · mem \(counters.memoryKB / 1024) MB" : ""
    header.append(
      (
        fitted([
          "conns \(counters.connectionsOpen)\(sockets)\(memory) · reqs \(counters.requests) · \(Int(server.requestsPerSecond)) req/s\(refused)",
          "conns \(counters.connectionsOpen)\(sockets)\(memory) · reqs \(counters.requests)\(refused)",
          "conns \(counters.connectionsOpen)\(sockets)\(memory)",
        ]),
        counters.refused > 0 ? .warning : .normal, 1
      ))
    let chartMarker = "\u{0}chart"
    header.append((chartMarker, .normal, 4))  // drawn below: req/s sparkline and the status-class bar
    header.append(
      (
        fitted([
          "2xx \(classes[1]) 3xx \(classes[2]) 4xx \(classes[3]) 5xx \(classes[4]) · in \(bytes(counters.bytesRead)) out \(bytes(counters.bytesWritten))",
          "2xx \(classes[1]) 3xx \(classes[2]) 4xx \(classes[3]) 5xx \(classes[4])",
        ]),
        .dim, 5
      ))

    var items: [String] = ["port".padded(22) + String(server.port)]
    for (index, name) in ServerOptions.names.enumerated() {
      items.append(name.padded(22) + server.options.value(at: index))
    }
    for route in server.routes { items.append("route ".padded(6) + route.summary) }
    if server.routes.isEmpty { items.append("(no routes of your own yet: a adds one)") }

    // The list gets what it needs, at least half the pane; the header the rest.
    let routes = routeLines(server.builtInRoutes, width: rect.width - 1, detailed: state.zoomed)
    let fullHeader = header.count + routes.count
    let listRows = min(items.count, max(rect.height - fullHeader, rect.height / 2))
    var budget = max(0, rect.height - listRows)
    var routeRows = routes
    if header.count + routeRows.count > budget, routes.count > 1 {
      routeRows = [shortRoutes(server.builtInRoutes, width: rect.width - 1)]
    }
    var shown = header + routeRows.map { ($0, Style.normal, 3) }
    for level in stride(from: 5, through: 1, by: -1) where shown.count > budget {
      shown.removeAll { $0.keep == level }
    }
    budget = min(budget, shown.count)
    for (index, line) in shown.prefix(budget).enumerated() {
      if line.text == chartMarker {
        drawCharts(server, x: rect.x + 1, y: rect.y + index, width: rect.width - 2, into: &canvas)
        continue
      }
      canvas.draw(
        CellWidth.truncate(" " + line.text, to: rect.width), x: rect.x, y: rect.y + index, width: rect.width,
        style: line.style)
    }

    let list = Rect(x: rect.x, y: rect.y + budget, width: rect.width, height: rect.height - budget)
    guard list.height > 0 else { return }
    let window = ListWindow(count: items.count, focus: server.selection, rows: list.height)
    window.draw(in: list, into: &canvas) { index, row, canvas in
      let selected = index == server.selection && focused
      var text = (selected ? "›" : " ") + items[index]
      var style: Style = selected ? .selected : (index >= ServerPaneState.settingLines ? .info : .normal)
      if selected, case .option(let editIndex, let field) = server.editor, editIndex == index {
        // In a narrow pane the name takes only its own width: the value being typed is seen whole.
        let name = index == 0 ? "port" : ServerOptions.names[index - 1]
        let label = list.width >= 40 ? name.padded(22) : name + " "
        text = "›" + label + field.shown(width: max(1, list.width - CellWidth.of(label) - 2))
        style = .focusedTitle
      }
      canvas.draw(
        CellWidth.pad(TerminalSafe.escape(text), to: list.width), x: list.x, y: list.y + row, width: list.width,
        style: style)
    }
  }

  /// The app's routes in one line: as many paths as fit, then how many more and where to see them.
  static func shortRoutes(_ routes: [RouteDescription], width: Int) -> String {
    let paths = routes.map { $0.pattern.replacingOccurrences(of: "([^/]+)", with: "NAME") }
    var line = "Routes (\(routes.count)):"
    for (index, path) in paths.enumerated() {
      let rest = routes.count - index - 1
      let tail = rest > 0 ? " +\(rest) (z)" : ""
      guard CellWidth.of(line + " " + path + tail) <= width - 1 else {
        let more = " +\(routes.count - index) (z lists all)"
        return line + (CellWidth.of(line + more) <= width - 1 ? more : " +\(routes.count - index) (z)")
      }
      line += " " + path
    }
    return line
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
    let help = RouteForm.rows[min(form.focus, RouteForm.rows.count - 1)].help
    let top = 2 + RouteForm.labels.count
    canvas.drawWrapped(
      help, in: Rect(x: rect.x, y: rect.y + top, width: rect.width, height: max(0, rect.height - top)), style: .dim)
    for (index, label) in RouteForm.labels.enumerated() where index + 1 < rect.height {
      let focused = index == form.focus
      let labelText = " " + label.padded(11)
      let fieldWidth = max(1, rect.width - CellWidth.of(labelText) - 1)
      let value =
        focused
        ? form.fields[index].shown(width: fieldWidth)
        : TerminalSafe.escape(form.fields[index].visible(width: fieldWidth).text)
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
