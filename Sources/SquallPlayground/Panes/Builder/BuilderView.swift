import Foundation
import Squall
import SquallRequests

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
    let method = TerminalSafe.escape(builder.spec.method.uppercased())
    let label = method + " ▾ "
    var x = rect.x + 1
    x += canvas.draw(label, x: x, y: y, width: rect.width - 1, style: .bold)
    let fieldWidth = max(4, rect.x + rect.width - x - 1)
    if case .url(let field) = builder.editor {
      let visible = field.visible(width: fieldWidth - 1)
      canvas.draw(
        CellWidth.pad(TerminalSafe.escape(visible.text) + "▏", to: fieldWidth), x: x, y: y, width: fieldWidth,
        style: .selected)
    } else {
      canvas.draw(
        CellWidth.pad(TerminalSafe.escape(builder.spec.url), to: fieldWidth), x: x, y: y, width: fieldWidth,
        style: .normal)
    }
    y += 1
    // The URL's check, or the request in flight.
    if let flight = builder.inFlight {
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
    switch builder.section {
    case .response: drawResponse(state, in: body, into: &canvas)
    default:
      let lines = sectionLines(state)
      for (index, item) in lines.prefix(body.height).enumerated() {
        canvas.draw(
          CellWidth.pad(" " + item.text, to: body.width), x: body.x, y: body.y + index, width: body.width,
          style: item.style)
      }
    }
    if let overlay = builder.overlay { drawOverlay(overlay, state, in: rect, into: &canvas) }
  }

  private static func drawTabs<C: Canvas>(_ builder: BuilderState, x: Int, y: Int, width: Int, into canvas: inout C) {
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
    for section in BuilderState.Section.allCases {
      var title = short ? "\(section.rawValue)\(section.shortTitle)" : "\(section.rawValue) \(section.title)"
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
    init(_ text: String, _ style: Style = .normal) {
      self.text = text
      self.style = style
    }
  }

  /// The lines of a compose section. Pure.
  static func sectionLines(_ state: PlaygroundState) -> [Item] {
    let builder = state.builder
    let section = builder.section
    let selected = builder.rowSelection[section] ?? 0
    var out: [Item] = []
    func table(_ rows: [RequestSpec.Row], separator: String, file: Bool = false) {
      for (index, row) in rows.enumerated() {
        if case .row(let editing, let name, let value, let onValue) = builder.editor, editing == index {
          out.append(editRow(name, value, onValue: onValue, separator: separator, section: section))
          continue
        }
        let mark = index == selected ? "›" : " "
        let check = row.enabled ? "☑" : "☐"
        let value = (file && row.isFile ? "@" : "") + row.value
        out.append(
          Item(
            "\(mark)\(check) \(TerminalSafe.escape(row.name))\(separator)\(TerminalSafe.escape(value))",
            index == selected ? .selected : (row.enabled ? .normal : .dim)))
        // A value with variables: what will be sent, or why there is nothing to send.
        if row.enabled, row.value.contains("{{") {
          let (expanded, missing) = state.variables.expand(row.value)
          let shown = missing.first.map { "✗ " + state.variables.whyMissing($0) } ?? "= " + expanded
          out.append(Item("     " + TerminalSafe.escape(shown), missing.isEmpty ? .dim : .error))
        }
      }
      if case .row(let editing, let name, let value, let onValue) = builder.editor, editing >= rows.count {
        out.append(editRow(name, value, onValue: onValue, separator: separator, section: section))
      }
    }
    switch section {
    case .params:
      let rows = tableRows(builder, .params)
      table(rows, separator: " = ")
      if rows.isEmpty && builder.editor == nil { out.append(Item("No query parameters: a adds one to the URL.", .dim)) }
    case .headers:
      table(builder.spec.headers, separator: ": ")
      out.append(Item("added by the client, as they will be sent:", .dim))
      for (name, value) in automaticHeaders(state) {
        out.append(Item("   \(name): \(TerminalSafe.escape(value))", .dim))
      }
    case .body:
      let kind = builder.spec.bodyKind
      out.append(
        Item(
          "kind: \(kind.rawValue)"
            + (builder.spec.header("Content-Type") == nil
              ? kind.contentType.map { " → Content-Type: \($0)" } ?? "" : " (Content-Type set by hand)"),
          .bold))
      switch kind {
      case .none: out.append(Item("No body. k chooses raw, JSON, form or multipart.", .dim))
      case .raw, .json:
        if kind == .json {
          if let problem = builder.spec.bodyProblem(state.variables) {
            out.append(Item("✗ " + problem, .error))
          } else {
            out.append(Item("✓ valid JSON", .success))
          }
        }
        if case .body(let area) = builder.editor {
          for (index, characters) in area.lines.enumerated() {
            let text = String(characters)
            let shown = index == area.row ? insertCursor(text, at: area.column) : text
            out.append(Item(TerminalSafe.escape(shown), .selected))
          }
        } else {
          for text in builder.spec.body.split(separator: "\n", omittingEmptySubsequences: false) {
            out.append(Item(TerminalSafe.escape(String(text))))
          }
        }
      case .form, .multipart:
        table(builder.spec.fields, separator: " = ", file: kind == .multipart)
        if builder.spec.fields.isEmpty && builder.editor == nil {
          out.append(
            Item("No fields: a adds one" + (kind == .multipart ? "; f makes it a file (value = path)." : "."), .dim))
        }
      }
    case .auth:
      if case .auth(let user, let password, let onPassword) = builder.editor {
        out.append(
          Item(
            "User      " + TerminalSafe.escape(user.text) + (onPassword ? "" : "▏"), onPassword ? .normal : .selected))
        out.append(
          Item(
            "Password  " + String(repeating: "•", count: password.text.count) + (onPassword ? "▏" : ""),
            onPassword ? .selected : .normal))
      } else {
        out.append(
          Item("User      " + (builder.spec.username.isEmpty ? "(none)" : TerminalSafe.escape(builder.spec.username))))
        out.append(Item("Password  " + String(repeating: "•", count: builder.spec.password.count)))
        out.append(Item("Basic auth: an Authorization header the client adds. e edits.", .dim))
      }
    case .options:
      for (index, option) in OptionRow.allCases.enumerated() {
        let mark = index == selected ? "›" : " "
        if case .option(let editing, let field) = builder.editor, editing == index {
          out.append(Item("›" + option.name.padded(20) + TerminalSafe.escape(field.text) + "▏", .selected))
          continue
        }
        let value = option.value(builder)
        out.append(
          Item(
            mark + option.name.padded(20) + (value.isEmpty ? "default: " + option.defaultText : value),
            index == selected ? .selected : (value.isEmpty ? .dim : .normal)))
      }
      out.append(
        Item("variables: {{base}} = \(state.variables.values["base"] ?? "") · {{port}} = \(state.server.port)", .dim))
      let names = builder.userVariables.keys.sorted()
      for (offset, name) in names.enumerated() {
        let index = OptionRow.allCases.count + offset
        if case .row(let editing, let nameField, let valueField, let onValue) = builder.editor, editing == -offset - 2 {
          out.append(editRow(nameField, valueField, onValue: onValue, separator: " = ", section: .options))
          continue
        }
        out.append(
          Item(
            (index == selected ? "›" : " ")
              + "{{\(TerminalSafe.escape(name))}} = \(TerminalSafe.escape(builder.userVariables[name]!))",
            index == selected ? .selected : .normal))
      }
      if case .row(let editing, let name, let value, let onValue) = builder.editor, editing == -1 {
        out.append(editRow(name, value, onValue: onValue, separator: " = ", section: .options))
      }
    case .response: break
    }
    return out
  }

  private static func editRow(
    _ name: TextField, _ value: TextField, onValue: Bool, separator: String, section: BuilderState.Section
  ) -> Item {
    var nameText = TerminalSafe.escape(name.text)
    if !onValue {
      nameText += "▏"
      if section == .headers, let completion = headerCompletion(name.text) {
        nameText += String(completion.dropFirst(name.text.count)) + " (Tab)"
      }
    }
    return Item("›✎ " + nameText + separator + TerminalSafe.escape(value.text) + (onValue ? "▏" : ""), .selected)
  }

  private static func insertCursor(_ text: String, at column: Int) -> String {
    var characters = Array(text)
    characters.insert("▏", at: min(column, characters.count))
    return String(characters)
  }

  /// The headers async-http-client and NIO add on the way out, as `squall fetch -v` shows them.
  static func automaticHeaders(_ state: PlaygroundState) -> [(String, String)] {
    let spec = state.builder.spec
    var out: [(String, String)] = []
    if spec.header("User-Agent") == nil { out.append(("User-Agent", HTTPClientDefaults().userAgent)) }
    if !spec.username.isEmpty || !spec.password.isEmpty { out.append(("Authorization", "Basic …")) }
    let url = URLComponents(string: spec.resolvedURL(state.variables).url)
    if let host = url?.host { out.append(("host", host + (url?.port.map { ":\($0)" } ?? ""))) }
    let verb = spec.method.uppercased()
    if spec.bodyKind != .none || BodyMethods.expectBody(verb) {
      let size: String
      switch spec.bodyKind {
      case .raw, .json: size = String(state.variables.expand(spec.body).text.utf8.count)
      case .none: size = "0"
      case .form, .multipart: size = "(the encoded body's size)"
      }
      out.append(("Content-Length", size))
      if spec.header("Content-Type") == nil, let type = spec.bodyKind.contentType {
        out.append(("Content-Type", type + (spec.bodyKind == .multipart ? "; boundary=…" : "")))
      } else if spec.header("Content-Type") == nil, verb == "POST" {
        // As Tornado's client: a POST says it is a form unless told otherwise.
        out.append(("Content-Type", "application/x-www-form-urlencoded"))
      }
    }
    if spec.options.decompressResponse ?? true, spec.header("Accept-Encoding") == nil {
      out.append(("Accept-Encoding", "gzip"))
    }
    return out
  }

  private static func drawResponse<C: Canvas>(_ state: PlaygroundState, in rect: Rect, into canvas: inout C) {
    let builder = state.builder
    var y = rect.y
    guard rect.height > 0 else { return }
    if builder.burst == nil {
      guard let response = builder.response else {
        let text =
          builder.inFlight != nil ? "Waiting for the answer…" : "Nothing sent yet: Ctrl-R sends the request."
        canvas.draw(CellWidth.pad(" " + text, to: rect.width), x: rect.x, y: y, width: rect.width, style: .dim)
        return
      }
      let entry = response.entry
      if entry.error == nil {
        let status =
          "\(entry.status) \(TerminalSafe.escape(entry.reason)) · \(ServerView.bytes(entry.responseBodySize)) · \(LogView.milliseconds(entry.duration))"
        canvas.draw(
          CellWidth.pad(" " + status, to: rect.width), x: rect.x, y: y, width: rect.width,
          style: LogView.statusStyle(entry.status))
        y += 1
        if y < rect.y + rect.height {
          var column = rect.x + 1
          for tab in BuilderState.ResponseTab.allCases {
            column += canvas.draw(
              "[\(tab.title)]", x: column, y: y, width: rect.x + rect.width - column,
              style: tab == builder.responseTab ? .selected : .dim)
            column += canvas.draw(" ", x: column, y: y, width: max(0, rect.x + rect.width - column), style: .normal)
          }
          if case .search(let field) = builder.editor {
            canvas.draw(
              "/" + TerminalSafe.escape(field.text) + "▏", x: column, y: y, width: max(0, rect.x + rect.width - column),
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

  private static func drawOverlay<C: Canvas>(
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
