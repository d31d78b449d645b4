import Foundation
import SquallRequests
import SquallValues

// The builder's sections as lines: params, headers, body, auth, options, with the row being
// edited and the headers the client adds by itself.

extension BuilderView {
  /// The lines of a compose section. Pure.
  static func sectionLines(_ state: PlaygroundState) -> [Item] {
    let builder = state.builder
    let section = builder.section
    let selected = builder.rowSelection[section] ?? 0
    var out: [Item] = []
    func table(_ rows: [RequestSpec.Row], separator: String, file: Bool = false) {
      for (index, row) in rows.enumerated() {
        if case .row(.table(index), let name, let value, let onValue) = builder.editor {
          out.append(editRow(name, value, onValue: onValue, separator: separator, section: section))
          continue
        }
        let mark = index == selected ? "›" : " "
        let check = row.enabled ? "☑" : "☐"
        let value = (file && row.isFile ? "@" : "") + row.value
        out.append(
          Item(
            "\(mark)\(check) \(TerminalSafe.escape(row.name))\(separator)\(TerminalSafe.escape(value))",
            index == selected ? .selected : (row.enabled ? .normal : .dim), current: index == selected))
        // A value with variables: what will be sent, or why there is nothing to send.
        if row.enabled, row.value.contains("{{") {
          let (expanded, missing) = state.variables.expand(row.value)
          let shown = missing.first.map { "✗ " + state.variables.whyMissing($0) } ?? "= " + expanded
          out.append(Item("     " + TerminalSafe.escape(shown), missing.isEmpty ? .dim : .error))
        }
      }
      if case .row(.table(let editing), let name, let value, let onValue) = builder.editor, editing >= rows.count {
        out.append(editRow(name, value, onValue: onValue, separator: separator, section: section))
      }
    }
    switch section {
    case .params:
      let rows = tableRows(builder, .params)
      table(rows, separator: " = ")
      if rows.isEmpty && builder.editor == nil {
        out.append(Item.note("No query parameters: a adds one to the URL.", .dim))
      }
    case .headers:
      table(builder.spec.headers, separator: ": ")
      out.append(Item.note("added by the client, as they will be sent:", .dim))
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
      case .none: out.append(Item.note("No body. k chooses raw, JSON, form or multipart.", .dim))
      case .raw, .json:
        // Its size as typed (before {{variables}}): a step that asks for "over 1000 bytes" can be seen done.
        let typed: String
        if case .body(let area) = builder.editor { typed = area.text } else { typed = builder.spec.body }
        out.append(Item("\(typed.utf8.count) bytes as typed", .dim))
        if kind == .json {
          if let problem = builder.spec.bodyProblem(state.variables) {
            out.append(Item.note("✗ " + problem, .error))
          } else {
            out.append(Item("✓ valid JSON", .success))
          }
        }
        if case .body(let area) = builder.editor {
          for (index, characters) in area.lines.enumerated() {
            let text = String(characters)
            let shown = index == area.row ? insertCursor(text, at: area.column) : text
            out.append(Item(TerminalSafe.escape(shown), .selected, current: index == area.row))
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
            Item.note(
              "No fields: a adds one" + (kind == .multipart ? "; f makes it a file (value = path)." : "."), .dim))
        }
      }
    case .auth:
      if case .auth(let user, let password, let onPassword) = builder.editor {
        out.append(
          Item(
            "User      " + TerminalSafe.escape(user.text) + (onPassword ? "" : "▏"), onPassword ? .normal : .selected,
            current: !onPassword))
        out.append(
          Item(
            "Password  " + String(repeating: "•", count: password.text.count) + (onPassword ? "▏" : ""),
            onPassword ? .selected : .normal, current: onPassword))
      } else {
        out.append(
          Item("User      " + (builder.spec.username.isEmpty ? "(none)" : TerminalSafe.escape(builder.spec.username))))
        out.append(Item("Password  " + String(repeating: "•", count: builder.spec.password.count)))
        out.append(Item.note("Basic auth: an Authorization header the client adds. e edits.", .dim))
      }
    case .options:
      for (index, option) in OptionRow.allCases.enumerated() {
        let mark = index == selected ? "›" : " "
        if case .option(let editing, let field) = builder.editor, editing == index {
          out.append(
            Item("›" + option.name.padded(20) + field.shown, .selected, current: true))
          continue
        }
        let value = option.shown(builder)
        var row = Item(
          mark + option.name.padded(20) + (value.isEmpty ? "default: " + option.defaultText : value),
          index == selected ? .selected : (value.isEmpty ? .dim : .normal), current: index == selected)
        row.wraps = true  // in a narrow pane the default's words go on below, not cut
        out.append(row)
      }
      out.append(
        Item.note(
          "variables: {{base}} = \(state.variables.values["base"] ?? "") · {{port}} = \(state.server.port)", .dim))
      let names = builder.userVariables.keys.sorted()
      for (offset, name) in names.enumerated() {
        let index = OptionsLine.variable(offset).index
        if case .row(.variable(offset), let nameField, let valueField, let onValue) = builder.editor {
          out.append(editRow(nameField, valueField, onValue: onValue, separator: " = ", section: .options))
          continue
        }
        out.append(
          Item(
            (index == selected ? "›" : " ")
              + "{{\(TerminalSafe.escape(name))}} = \(TerminalSafe.escape(builder.userVariables[name]!))",
            index == selected ? .selected : .normal, current: index == selected))
      }
      if case .row(.newVariable, let name, let value, let onValue) = builder.editor {
        out.append(editRow(name, value, onValue: onValue, separator: " = ", section: .options))
      }
    case .response: break
    }
    return out
  }

  static func editRow(
    _ name: TextField, _ value: TextField, onValue: Bool, separator: String, section: BuilderState.Section
  ) -> Item {
    var nameText = TerminalSafe.escape(name.text)
    if !onValue {
      nameText += "▏"
      if section == .headers, let completion = headerCompletion(name.text) {
        nameText += String(completion.dropFirst(name.text.count)) + " (Tab)"
      }
    }
    return Item(
      "›✎ " + nameText + separator + TerminalSafe.escape(value.text) + (onValue ? "▏" : ""), .selected, current: true)
  }

  static func insertCursor(_ text: String, at column: Int) -> String {
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
}
