import Foundation
import SquallRequests
import SquallValues

// Typing in the builder: the URL, a row's name and value, the body, the search.

extension BuilderState {
  mutating func type(_ key: Key, _ context: BuilderContext, _ reply: inout PaneReply) -> [Effect] {
    guard let editor = self.editor else { return [] }
    if key != .escape { self.escapeDiscards = false }
    switch editor {
    case .url(var field):
      switch key {
      case .escape:
        self.spec.url = field.text
        self.editor = nil
      case .enter:
        self.spec.url = field.text
        self.editor = nil
        return send(context, &reply)
      default:
        _ = field.apply(key)
        self.editor = .url(field)
        self.spec.url = field.text  // the params table follows as you type
      }
    case .row(let target, var name, var value, let onValue):
      switch key {
      case .escape:
        // Done, as Esc in the URL: the row is kept as typed (an empty new one is dropped); an
        // invalid name keeps the field open and says why, and a second Esc leaves the row as it was.
        if self.escapeDiscards {
          self.editor = nil
          self.escapeDiscards = false
          self.rowRefused = false
          reply.say("The row is left as it was.")
          return []
        }
        if let effects = commitEditor(context, &reply) { return effects }
        self.escapeDiscards = true
        // The commit's own refusal (in this reply, not read from the status bar), with the way out.
        reply.say(
          (reply.message?.text ?? "The row cannot be saved as it is.") + " Esc again leaves the row as it was.", .error)
        return []
      case .tab where !onValue:
        if self.section == .headers, let completion = headerCompletion(name.text) {
          name = TextField(completion)
          self.editor = .row(target, name: name, value: value, onValue: false)
        } else {
          value.selectAll()
          self.editor = .row(target, name: name, value: value, onValue: true)
        }
      case .tab, .backTab:
        if onValue { name.selectAll() } else { value.selectAll() }
        self.editor = .row(target, name: name, value: value, onValue: !onValue)
      case .enter:
        if !onValue {
          value.selectAll()
          self.editor = .row(target, name: name, value: value, onValue: true)
        } else {
          return commitRow(target, name: name.text, value: value.text, context, &reply)
        }
      default:
        if onValue { _ = value.apply(key) } else { _ = name.apply(key) }
        self.editor = .row(target, name: name, value: value, onValue: onValue)
      }
    case .body(var area):
      switch key {
      case .escape:
        self.spec.body = area.text
        self.editor = nil
        if let problem = self.spec.bodyProblem(variables(context)) { reply.say(problem, .error) }
      default:
        _ = area.apply(key)
        self.spec.body = area.text
        self.editor = .body(area)
      }
    case .auth(var user, var password, let onPassword):
      switch key {
      case .escape: return commitEditor(context, &reply) ?? []  // done, as in a row: what was typed is kept
      case .tab, .backTab, .up, .down:
        if onPassword { user.selectAll() } else { password.selectAll() }
        self.editor = .auth(user: user, password: password, onPassword: !onPassword)
      case .enter:
        if !onPassword {
          self.editor = .auth(user: user, password: password, onPassword: true)
        } else {
          self.spec.username = user.text
          self.spec.password = password.text
          self.editor = nil
          reply.say(
            user.text.isEmpty && password.text.isEmpty ? "No authentication." : "Basic auth set for \(user.text).")
        }
      default:
        if onPassword { _ = password.apply(key) } else { _ = user.apply(key) }
        self.editor = .auth(user: user, password: password, onPassword: onPassword)
      }
    case .option(let index, var field):
      switch key {
      case .escape: self.editor = nil
      case .enter:
        let option = OptionRow.allCases[index]
        if let problem = option.set(&self, field.text) {
          reply.say(problem, .error)
          return []
        }
        self.editor = nil
        let value = option.shown(self)
        if option == .maxClients {
          reply.say(
            "maxClients = \(self.maxClients): at most \(self.maxClients) requests in flight at once; "
              + "more wait in the client's queue.")
          return [.setMaxClients(self.maxClients)]
        }
        reply.say("\(option.name) = \(value.isEmpty ? "the client's default, " + option.defaultText : value)")
      default:
        _ = field.apply(key)
        self.editor = .option(index: index, field: field)
      }
    case .search(var field):
      switch key {
      case .escape: self.editor = nil
      case .enter:
        self.search = field.text
        self.editor = nil
        jumpToMatch(after: -1, context, &reply)
      default:
        _ = field.apply(key)
        self.editor = .search(field)
      }
    }
    return []
  }

  /// Commits what is being typed as its own Enter would, before a key that acts beyond the
  /// field (Ctrl-R sends, F1–F4 go to a pane, Ctrl-P opens the palette): nothing typed is lost.
  /// nil when the value is invalid: the field stays open and the message says why. The effects
  /// are the commit's own (a variable saved, the client's maxClients set).
  mutating func commitEditor(_ context: BuilderContext, _ reply: inout PaneReply) -> [Effect]? {
    guard let editor = self.editor else { return [] }
    switch editor {
    case .url(let field):
      self.spec.url = field.text
    case .row(let target, let name, let value, _):
      // A new row (or variable) left empty is nothing to keep.
      let empty = name.text.trimmingCharacters(in: .whitespaces).isEmpty && value.text.isEmpty
      if case .table(let row) = target, row >= tableRows(self, self.section).count, empty { break }
      if case .newVariable = target, empty { break }
      let effects = commitRow(target, name: name.text, value: value.text, context, &reply)
      return self.editor == nil ? effects : nil
    case .body(let area):
      self.spec.body = area.text
    case .auth(let user, let password, _):
      self.spec.username = user.text
      self.spec.password = password.text
    case .option(let index, let field):
      let option = OptionRow.allCases[index]
      if let problem = option.set(&self, field.text) {
        reply.say(problem + " (the field is still open: correct it, or Esc to leave it as it was)", .error)
        return nil
      }
      self.editor = nil
      return option == .maxClients ? [.setMaxClients(self.maxClients)] : []
    case .search:
      break
    }
    self.editor = nil
    return []
  }

  mutating func commitRow(
    _ target: BuilderState.RowTarget, name: String, value: String, _ context: BuilderContext, _ reply: inout PaneReply
  ) -> [Effect] {
    let section = self.section
    let trimmed = name.trimmingCharacters(in: .whitespaces)
    let index: Int
    switch target {
    case .table(let row): index = row
    case .variable, .newVariable:
      guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
        reply.say("A variable name is a word, such as token; use it as {{token}}.", .error)
        self.rowRefused = true
        return []
      }
      if case .variable(let offset) = target,
        let old = tableRows(self, .options).dropFirst(OptionsLine.variable(offset).index).first
      {
        self.userVariables[old.name] = nil
      }
      self.userVariables[trimmed] = value
      self.editor = nil
      self.rowRefused = false
      reply.say("{{\(trimmed)}} = \(value)")
      return [.saveVariables(self.userVariables)]
    }
    if section == .headers, !trimmed.isEmpty, !HeaderField.isValidName(trimmed) {
      reply.say("\"\(trimmed)\" is not a valid header name: letters, digits and - only, no spaces.", .error)
      self.rowRefused = true
      return []
    }
    var rows = tableRows(self, section)
    var row = RequestSpec.Row(trimmed, value)
    if index < rows.count {
      row.enabled = rows[index].enabled
      row.isFile = rows[index].isFile
      rows[index] = row
    } else {
      rows.append(row)
    }
    setTableRows(&self, section, rows)
    self.rowSelection[section] = min(index, rows.count - 1)
    self.editor = nil
    // The error that kept the row open is mended: it no longer stands in the status bar.
    if self.rowRefused { reply.say("Saved \(trimmed.isEmpty ? "the row" : trimmed).") }
    self.rowRefused = false
    return []
  }
}
