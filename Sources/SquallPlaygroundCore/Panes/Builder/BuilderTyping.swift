import Foundation
import SquallRequests
import SquallValues

// Typing in the builder: the URL, a row's name and value, the body, the search.

func updateEditor(_ state: inout PlaygroundState, _ key: Key) -> [Effect] {
  guard let editor = state.builder.editor else { return [] }
  if key != .escape { state.builder.escapeDiscards = false }
  switch editor {
  case .url(var field):
    switch key {
    case .escape:
      state.builder.spec.url = field.text
      state.builder.editor = nil
    case .enter:
      state.builder.spec.url = field.text
      state.builder.editor = nil
      return sendRequest(&state)
    default:
      _ = field.apply(key)
      state.builder.editor = .url(field)
      state.builder.spec.url = field.text  // the params table follows as you type
    }
  case .row(let target, var name, var value, let onValue):
    switch key {
    case .escape:
      // Done, as Esc in the URL: the row is kept as typed (an empty new one is dropped); an
      // invalid name keeps the field open and says why, and a second Esc leaves the row as it was.
      if state.builder.escapeDiscards {
        state.builder.editor = nil
        state.builder.escapeDiscards = false
        state.setMessage("The row is left as it was.")
        return []
      }
      if let effects = commitEditor(&state) { return effects }
      state.builder.escapeDiscards = true
      state.setMessage(state.message + " Esc again leaves the row as it was.", error: true)
      return []
    case .tab where !onValue:
      if state.builder.section == .headers, let completion = headerCompletion(name.text) {
        name = TextField(completion)
        state.builder.editor = .row(target, name: name, value: value, onValue: false)
      } else {
        value.selectAll()
        state.builder.editor = .row(target, name: name, value: value, onValue: true)
      }
    case .tab, .backTab:
      if onValue { name.selectAll() } else { value.selectAll() }
      state.builder.editor = .row(target, name: name, value: value, onValue: !onValue)
    case .enter:
      if !onValue {
        value.selectAll()
        state.builder.editor = .row(target, name: name, value: value, onValue: true)
      } else {
        return commitRow(&state, target, name: name.text, value: value.text)
      }
    default:
      if onValue { _ = value.apply(key) } else { _ = name.apply(key) }
      state.builder.editor = .row(target, name: name, value: value, onValue: onValue)
    }
  case .body(var area):
    switch key {
    case .escape:
      state.builder.spec.body = area.text
      state.builder.editor = nil
      if let problem = state.builder.spec.bodyProblem(state.variables) { state.setMessage(problem, error: true) }
    default:
      _ = area.apply(key)
      state.builder.spec.body = area.text
      state.builder.editor = .body(area)
    }
  case .auth(var user, var password, let onPassword):
    switch key {
    case .escape: return commitEditor(&state) ?? []  // done, as in a row: what was typed is kept
    case .tab, .backTab, .up, .down:
      if onPassword { user.selectAll() } else { password.selectAll() }
      state.builder.editor = .auth(user: user, password: password, onPassword: !onPassword)
    case .enter:
      if !onPassword {
        state.builder.editor = .auth(user: user, password: password, onPassword: true)
      } else {
        state.builder.spec.username = user.text
        state.builder.spec.password = password.text
        state.builder.editor = nil
        state.setMessage(
          user.text.isEmpty && password.text.isEmpty ? "No authentication." : "Basic auth set for \(user.text).")
      }
    default:
      if onPassword { _ = password.apply(key) } else { _ = user.apply(key) }
      state.builder.editor = .auth(user: user, password: password, onPassword: onPassword)
    }
  case .option(let index, var field):
    switch key {
    case .escape: state.builder.editor = nil
    case .enter:
      let option = OptionRow.allCases[index]
      if let problem = option.set(&state.builder, field.text) {
        state.setMessage(problem, error: true)
        return []
      }
      state.builder.editor = nil
      let value = option.shown(state.builder)
      if option == .maxClients {
        state.setMessage(
          "maxClients = \(state.builder.maxClients): at most \(state.builder.maxClients) requests in flight at once; "
            + "more wait in the client's queue.")
        return [.setMaxClients(state.builder.maxClients)]
      }
      state.setMessage("\(option.name) = \(value.isEmpty ? "the client's default, " + option.defaultText : value)")
    default:
      _ = field.apply(key)
      state.builder.editor = .option(index: index, field: field)
    }
  case .search(var field):
    switch key {
    case .escape: state.builder.editor = nil
    case .enter:
      state.builder.search = field.text
      state.builder.editor = nil
      jumpToMatch(&state, after: -1)
    default:
      _ = field.apply(key)
      state.builder.editor = .search(field)
    }
  }
  return []
}

/// Commits what is being typed as its own Enter would, before a key that acts beyond the
/// field (Ctrl-R sends, F1–F4 go to a pane, Ctrl-P opens the palette): nothing typed is lost.
/// nil when the value is invalid: the field stays open and the message says why. The effects
/// are the commit's own (a variable saved, the client's maxClients set).
func commitEditor(_ state: inout PlaygroundState) -> [Effect]? {
  guard let editor = state.builder.editor else { return [] }
  switch editor {
  case .url(let field):
    state.builder.spec.url = field.text
  case .row(let target, let name, let value, _):
    // A new row (or variable) left empty is nothing to keep.
    let empty = name.text.trimmingCharacters(in: .whitespaces).isEmpty && value.text.isEmpty
    if case .table(let row) = target, row >= tableRows(state.builder, state.builder.section).count, empty { break }
    if case .newVariable = target, empty { break }
    let effects = commitRow(&state, target, name: name.text, value: value.text)
    return state.builder.editor == nil ? effects : nil
  case .body(let area):
    state.builder.spec.body = area.text
  case .auth(let user, let password, _):
    state.builder.spec.username = user.text
    state.builder.spec.password = password.text
  case .option(let index, let field):
    let option = OptionRow.allCases[index]
    if let problem = option.set(&state.builder, field.text) {
      state.setMessage(problem + " (the field is still open: correct it, or Esc to leave it as it was)", error: true)
      return nil
    }
    state.builder.editor = nil
    return option == .maxClients ? [.setMaxClients(state.builder.maxClients)] : []
  case .search:
    break
  }
  state.builder.editor = nil
  return []
}

func commitRow(
  _ state: inout PlaygroundState, _ target: BuilderState.RowTarget, name: String, value: String
) -> [Effect] {
  let section = state.builder.section
  let trimmed = name.trimmingCharacters(in: .whitespaces)
  let index: Int
  switch target {
  case .table(let row): index = row
  case .variable, .newVariable:
    guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
      state.setMessage("A variable name is a word, such as token; use it as {{token}}.", error: true)
      return []
    }
    if case .variable(let offset) = target,
      let old = tableRows(state.builder, .options).dropFirst(OptionsLine.variable(offset).index).first
    {
      state.builder.userVariables[old.name] = nil
    }
    state.builder.userVariables[trimmed] = value
    state.builder.editor = nil
    state.setMessage("{{\(trimmed)}} = \(value)")
    return [.saveVariables(state.builder.userVariables)]
  }
  if section == .headers, !trimmed.isEmpty, !HeaderField.isValidName(trimmed) {
    state.setMessage("\"\(trimmed)\" is not a valid header name: letters, digits and - only, no spaces.", error: true)
    return []
  }
  var rows = tableRows(state.builder, section)
  var row = RequestSpec.Row(trimmed, value)
  if index < rows.count {
    row.enabled = rows[index].enabled
    row.isFile = rows[index].isFile
    rows[index] = row
  } else {
    rows.append(row)
  }
  setTableRows(&state.builder, section, rows)
  state.builder.rowSelection[section] = min(index, rows.count - 1)
  state.builder.editor = nil
  // The error that kept the row open is mended: it no longer stands in the status bar.
  if state.messageIsError { state.setMessage("Saved \(trimmed.isEmpty ? "the row" : trimmed).") }
  return []
}
