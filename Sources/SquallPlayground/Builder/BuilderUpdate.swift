import Foundation
import Squall
import SquallRequests

/// Keys of the request builder while it types or shows an overlay (Ctrl-R sends from there
/// too). Its commands are `performBuilder`'s. Pure: sending, saving and files are effects.
func updateBuilderInput(_ state: inout PlaygroundState, _ key: Key) -> [Effect] {
  if key == .control("r") { return sendRequest(&state) }
  if state.builder.overlay != nil { return updateOverlay(&state, key) }
  if state.builder.editor != nil { return updateEditor(&state, key) }
  return []
}

/// The builder's commands (see `Keymap.builder`).
func performBuilder(_ command: Command, _ state: inout PlaygroundState) -> [Effect] {
  let section = state.builder.section
  switch command {
  case .send:
    return sendRequest(&state)
  case .compareWithTornado:
    return compareWithTornado(&state)
  case .cancel:
    if let flight = state.builder.inFlight {
      state.setMessage("Cancelling \(flight.method) \(flight.url)…")
      return [.cancelFetch(id: flight.id)]
    }
    if let burst = state.builder.burst, !burst.finished {
      state.setMessage("Cancelling the burst…")
      return [.cancelFetch(id: burst.id)]
    }
  case .params, .headers, .body, .auth, .options, .response:
    let sections: [Command: BuilderState.Section] = [
      .params: .params, .headers: .headers, .body: .body, .auth: .auth, .options: .options, .response: .response,
    ]
    state.builder.section = sections[command]!
  case .previousSection: state.builder.section = BuilderState.Section(rawValue: max(1, section.rawValue - 1))!
  case .nextSection: state.builder.section = BuilderState.Section(rawValue: min(6, section.rawValue + 1))!
  case .editURL:
    state.builder.editor = .url(TextField(state.builder.spec.url, selectingAll: true))
  case .chooseMethod:
    let index = BuilderState.methods.firstIndex(of: state.builder.spec.method.uppercased())
    state.builder.overlay = .methods(
      selection: index ?? BuilderState.methods.count, custom: TextField(index == nil ? state.builder.spec.method : ""))
  case .history:
    guard !state.builder.history.isEmpty else {
      state.setMessage("No history yet: sent requests are kept here (the newest \(BuilderState.historyLimit)).")
      return []
    }
    state.builder.overlay = .history(selection: state.builder.history.count - 1)
  case .newRequest:
    // A new request: a clean builder (the last one sent stays in History, H).
    state.builder.spec = RequestSpec()
    state.builder.collectionName = nil
    state.builder.parkedParams = []
    state.builder.section = .params
    state.setMessage("New request: GET {{base}}/. H lists the requests sent before.")
  case .openSaved: return [.listCollection]
  case .saveRequest: state.builder.overlay = .saveAs(TextField())
  case .importCurl: state.builder.overlay = .importCurl(TextField())
  case .export:
    state.builder.overlay = .export(.curl, text: RequestExport.curl.render(state.builder.spec, state.variables))
  case .burst:
    state.builder.overlay = .burst(
      count: TextField("100", selectingAll: true), concurrency: TextField("10", selectingAll: true),
      onConcurrency: false)
  case .externalEditor:
    guard state.builder.spec.bodyKind == .raw || state.builder.spec.bodyKind == .json else {
      state.setMessage("$EDITOR edits raw and JSON bodies: press k to choose one.", error: true)
      return []
    }
    return [.editInEditor(state.builder.spec.body)]
  default:
    return section == .response ? responseCommand(command, &state) : tableCommand(command, &state)
  }
  return []
}

/// The commands of the sections with rows: Params, Headers, Body, Auth, Options.
private func tableCommand(_ command: Command, _ state: inout PlaygroundState) -> [Effect] {
  let section = state.builder.section
  let rows = tableRows(state.builder, section)
  let selected = min(state.builder.rowSelection[section] ?? 0, max(0, rows.count - 1))
  let last = max(0, rows.count - 1)
  switch command {
  case .up: state.builder.rowSelection[section] = max(0, selected - 1)
  case .down: state.builder.rowSelection[section] = min(last, selected + 1)
  case .pageUp: state.builder.rowSelection[section] = max(0, selected - 10)
  case .pageDown: state.builder.rowSelection[section] = min(last, selected + 10)
  case .top: state.builder.rowSelection[section] = 0
  case .bottom: state.builder.rowSelection[section] = last
  case .activateRow:
    // Enter opens what is selected: a boolean option toggles, an empty table gets its first row.
    if section == .options, selected < OptionRow.allCases.count, OptionRow.allCases[selected].isFlag {
      return tableCommand(.toggleRow, &state)
    }
    let hasRows =
      section == .auth || section == .options || !rows.isEmpty
      || (section == .body && state.builder.spec.bodyKind != .form && state.builder.spec.bodyKind != .multipart)
    return tableCommand(hasRows ? .editRow : .addRow, &state)
  case .addRow:
    if section == .body, state.builder.spec.bodyKind != .form, state.builder.spec.bodyKind != .multipart {
      state.setMessage("Fields belong to form and multipart bodies: press k to choose one.", error: true)
      return []
    }
    state.builder.editor = .row(
      index: section == .options ? -1 : rows.count, name: TextField(), value: TextField(), onValue: false)
  case .editRow:
    switch section {
    case .auth:
      state.builder.editor = .auth(
        user: TextField(state.builder.spec.username, selectingAll: true),
        password: TextField(state.builder.spec.password, selectingAll: true),
        onPassword: false)
    case .body where state.builder.spec.bodyKind == .raw || state.builder.spec.bodyKind == .json:
      state.builder.editor = .body(TextArea(state.builder.spec.body))
    case .body where state.builder.spec.bodyKind == .none:
      state.setMessage("This request has no body: press k to choose raw, JSON, form or multipart.")
    case .options where selected < OptionRow.allCases.count:
      state.builder.editor = .option(
        index: selected,
        field: TextField(OptionRow.allCases[selected].value(state.builder), selectingAll: true))
    default:
      guard selected < rows.count else {
        state.setMessage("No row to edit here: a adds one.")
        return []
      }
      let row = rows[selected]
      state.builder.editor = .row(
        index: section == .options ? -(selected - OptionRow.allCases.count) - 2 : selected,
        name: TextField(row.name, selectingAll: true), value: TextField(row.value, selectingAll: true),
        onValue: false)
    }
  case .toggleRow:
    if section == .options, selected < OptionRow.allCases.count {
      let option = OptionRow.allCases[selected]
      guard option.isFlag else {
        state.setMessage("Space switches followRedirects and decompressResponse; e edits \(option.name).")
        return []
      }
      option.toggle(&state.builder)
      state.setMessage("\(option.name) = \(option.value(state.builder)) for this request.")
      return []
    }
    guard selected < rows.count, section != .options else { return [] }
    var changed = rows
    changed[selected].enabled.toggle()
    setTableRows(&state.builder, section, changed)
  case .deleteRow:
    guard selected < rows.count else { return [] }
    if section == .options {
      guard selected >= OptionRow.allCases.count else {
        let option = OptionRow.allCases[selected]
        option.reset(&state.builder)
        state.setMessage("\(option.name) back to the client's default.")
        return option == .maxClients ? [.setMaxClients(state.builder.maxClients)] : []
      }
      let name = rows[selected].name
      state.builder.userVariables[name] = nil
      state.setMessage("Variable {{\(name)}} deleted.")
      return [.saveVariables(state.builder.userVariables)]
    }
    var changed = rows
    let removed = changed.remove(at: selected)
    setTableRows(&state.builder, section, changed)
    state.builder.rowSelection[section] = max(0, min(selected, changed.count - 1))
    state.setMessage("\(section.title): \(removed.name.isEmpty ? "row" : removed.name) deleted.")
  case .bodyKind:
    let kinds = RequestSpec.BodyKind.allCases
    let next = kinds[(kinds.firstIndex(of: state.builder.spec.bodyKind)! + 1) % kinds.count]
    state.builder.spec.bodyKind = next
    if state.builder.spec.method == "GET" && next != .none { state.builder.spec.method = "POST" }
    state.setMessage(
      "Body: \(next.rawValue)" + (next.contentType.map { " (Content-Type: \($0) unless set by hand)" } ?? ""))
  case .fileField:
    guard selected < state.builder.spec.fields.count else { return [] }
    state.builder.spec.fields[selected].isFile.toggle()
  default: break
  }
  return []
}

/// The rows a table section shows: query parameters (read from the URL), headers, body fields,
/// or the options followed by the user's variables.
func tableRows(_ builder: BuilderState, _ section: BuilderState.Section) -> [RequestSpec.Row] {
  switch section {
  case .params: QueryParameters.rows(of: builder.spec.url) + builder.parkedParams
  case .headers: builder.spec.headers
  case .body: builder.spec.bodyKind == .form || builder.spec.bodyKind == .multipart ? builder.spec.fields : []
  case .options:
    OptionRow.allCases.map { RequestSpec.Row($0.name, $0.value(builder)) }
      + builder.userVariables.keys.sorted().map { RequestSpec.Row($0, builder.userVariables[$0]!) }
  case .auth, .response: []
  }
}

private func setTableRows(_ builder: inout BuilderState, _ section: BuilderState.Section, _ rows: [RequestSpec.Row]) {
  switch section {
  case .params:
    builder.spec.url = QueryParameters.url(builder.spec.url, with: rows.filter(\.enabled))
    builder.parkedParams = rows.filter { !$0.enabled }
  case .headers: builder.spec.headers = rows
  case .body: builder.spec.fields = rows
  default: break
  }
}

/// Common request header names, for completion with Tab while typing a name.
let commonHeaderNames = [
  "Accept", "Accept-Encoding", "Accept-Language", "Authorization", "Cache-Control", "Connection", "Content-Type",
  "Cookie", "Expect", "If-Match", "If-Modified-Since", "If-None-Match", "Origin", "Range", "Referer", "User-Agent",
  "X-Forwarded-For", "X-Real-Ip", "X-Requested-With", "X-Scheme",
]

/// The completion of a header name being typed, or nil.
func headerCompletion(_ prefix: String) -> String? {
  guard !prefix.isEmpty else { return nil }
  return commonHeaderNames.first { $0.lowercased().hasPrefix(prefix.lowercased()) && $0.count > prefix.count }
}

// MARK: Typing

private func updateEditor(_ state: inout PlaygroundState, _ key: Key) -> [Effect] {
  guard let editor = state.builder.editor else { return [] }
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
  case .row(let index, var name, var value, let onValue):
    switch key {
    case .escape:
      state.builder.editor = nil
    case .tab where !onValue:
      if state.builder.section == .headers, let completion = headerCompletion(name.text) {
        name = TextField(completion)
        state.builder.editor = .row(index: index, name: name, value: value, onValue: false)
      } else {
        value.selectAll()
        state.builder.editor = .row(index: index, name: name, value: value, onValue: true)
      }
    case .tab, .backTab:
      if onValue { name.selectAll() } else { value.selectAll() }
      state.builder.editor = .row(index: index, name: name, value: value, onValue: !onValue)
    case .enter:
      if !onValue {
        value.selectAll()
        state.builder.editor = .row(index: index, name: name, value: value, onValue: true)
      } else {
        return commitRow(&state, index: index, name: name.text, value: value.text)
      }
    default:
      if onValue { _ = value.apply(key) } else { _ = name.apply(key) }
      state.builder.editor = .row(index: index, name: name, value: value, onValue: onValue)
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
    case .escape: state.builder.editor = nil
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
      let value = option.value(state.builder)
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

private func commitRow(_ state: inout PlaygroundState, index: Int, name: String, value: String) -> [Effect] {
  let section = state.builder.section
  let trimmed = name.trimmingCharacters(in: .whitespaces)
  if section == .options {
    guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
      state.setMessage("A variable name is a word, such as token; use it as {{token}}.", error: true)
      return []
    }
    if index <= -2,
      let old = tableRows(state.builder, .options).dropFirst(OptionRow.allCases.count).dropFirst(-index - 2).first
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
  return []
}

// MARK: Response view

private func responseCommand(_ command: Command, _ state: inout PlaygroundState) -> [Effect] {
  switch command {
  case .up: state.builder.responseScroll = max(0, state.builder.responseScroll - 1)
  case .down: state.builder.responseScroll += 1
  case .pageUp: state.builder.responseScroll = max(0, state.builder.responseScroll - 10)
  case .pageDown: state.builder.responseScroll += 10
  case .top: state.builder.responseScroll = 0
  case .bottom: state.builder.responseScroll = Int.max / 2  // clamped below
  case .previousTab, .nextTab:
    let tabs = BuilderState.ResponseTab.allCases
    let step = command == .nextTab ? 1 : tabs.count - 1
    state.builder.responseTab = tabs[(state.builder.responseTab.rawValue + step) % tabs.count]
    state.builder.responseScroll = 0
  case .search: state.builder.editor = .search(TextField(state.builder.search))
  case .nextMatch: jumpToMatch(&state, after: state.builder.responseScroll)
  case .fold:
    // The first fold keeps the top level and one more; each press folds one level more.
    state.builder.foldDepth = state.builder.foldDepth == Int.max ? 2 : max(1, state.builder.foldDepth - 1)
  case .unfold:
    state.builder.foldDepth = state.builder.foldDepth >= 8 ? Int.max : state.builder.foldDepth + 1
  case .copyValue:
    guard let response = state.builder.response, response.entry.error == nil else {
      state.setMessage("No response to copy from yet: Ctrl-R sends the request.")
      return []
    }
    let body = response.body.isEmpty ? response.entry.responseBody : response.body
    let choices = CopyChooser.response(response.entry, body: body)
    let lines = responseLines(state)
    let inView = lines.indices.contains(state.builder.responseScroll) ? lines[state.builder.responseScroll].text : ""
    state.copyChooser = CopyChooser(choices: choices, selection: CopyChooser.choice(onLine: inView, in: choices) ?? 0)
  case .saveResponse:
    guard state.builder.response != nil else {
      state.setMessage("No response to save yet: Ctrl-R sends the request.")
      return []
    }
    let part: BuilderState.ResponsePart = state.builder.responseTab == .headers ? .headers : .body
    state.builder.overlay = .savePath(TextField("~/squall-response.\(part == .headers ? "txt" : "body")"), what: part)
  default: break
  }
  // Scrolling stops at the last line: the view's line count is a pure function of the state.
  let lineCount = responseLines(state).count
  state.builder.responseScroll = min(state.builder.responseScroll, max(0, lineCount - 1))
  return []
}

/// The response view's lines at the width the pane draws them, so scrolling and search land
/// on the lines the learner sees (wrapping depends on the width).
private func responseLines(_ state: PlaygroundState) -> [BuilderResponseView.Line] {
  let layout = Layout(size: state.size, zoomed: state.zoomed ? state.focus : nil)
  let pane = layout.panes[.builder] ?? Rect(x: 0, y: 0, width: state.size.width, height: state.size.height)
  return BuilderResponseView.lines(state.builder, width: pane.inner.width - 2)
}

/// Scrolls to the first body line after `line` that contains the search text.
private func jumpToMatch(_ state: inout PlaygroundState, after line: Int) {
  let needle = state.builder.search.lowercased()
  guard !needle.isEmpty else { return }
  state.builder.responseTab = .body
  let lines = responseLines(state)
  if let found = lines.indices.first(where: { $0 > line && lines[$0].text.lowercased().contains(needle) })
    ?? lines.indices.first(where: { lines[$0].text.lowercased().contains(needle) })
  {
    state.builder.responseScroll = found
    state.setMessage("\"\(state.builder.search)\" on line \(found + 1); n finds the next.")
  } else {
    state.setMessage("\"\(state.builder.search)\" is not in the body.", error: true)
  }
}

// MARK: Overlays

private func updateOverlay(_ state: inout PlaygroundState, _ key: Key) -> [Effect] {
  guard let overlay = state.builder.overlay else { return [] }
  if key == .escape {
    state.builder.overlay = nil
    return []
  }
  switch overlay {
  case .methods(let selection, var custom):
    let count = BuilderState.methods.count
    switch key {
    case .up: state.builder.overlay = .methods(selection: max(0, selection - 1), custom: custom)
    case .down: state.builder.overlay = .methods(selection: min(count, selection + 1), custom: custom)
    case .enter:
      let chosen = selection < count ? BuilderState.methods[selection] : custom.text.uppercased()
      guard !chosen.isEmpty, chosen.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "_" }) else {
        state.setMessage("A method is one word, such as PURGE.", error: true)
        return []
      }
      state.builder.spec.method = chosen
      state.builder.overlay = nil
    default:
      _ = custom.apply(key)
      state.builder.overlay = .methods(selection: custom.text.isEmpty ? selection : count, custom: custom)
    }
  case .history(let selection):
    let items = state.builder.history
    switch key {
    // Drawn newest first: ↑ goes to a newer request (a higher index), ↓ to an older one.
    case .up: state.builder.overlay = .history(selection: min(items.count - 1, selection + 1))
    case .down: state.builder.overlay = .history(selection: max(0, selection - 1))
    case .enter, .character("r"):
      guard selection < items.count else { return [] }
      state.builder.spec = items[selection].spec
      state.builder.collectionName = nil
      state.builder.overlay = nil
      if key == .character("r") { return sendRequest(&state) }
      state.setMessage("Loaded \(items[selection].spec.method) \(items[selection].spec.url) from history.")
    default: break
    }
  case .collection(let names, let selection):
    switch key {
    case .up: state.builder.overlay = .collection(names: names, selection: max(0, selection - 1))
    case .down: state.builder.overlay = .collection(names: names, selection: min(names.count - 1, selection + 1))
    case .enter:
      guard selection < names.count else { return [] }
      state.builder.overlay = nil
      return [.loadRequest(name: names[selection])]
    default: break
    }
  case .saveAs(var field):
    if key == .enter {
      let name = field.text.trimmingCharacters(in: .whitespaces)
      guard RequestCollection.isValidName(name) else {
        state.setMessage("A name uses letters, digits, spaces, - _ and . (not starting with .).", error: true)
        return []
      }
      state.builder.overlay = nil
      return [.saveRequest(name: name, spec: state.builder.spec)]
    }
    _ = field.apply(key)
    state.builder.overlay = .saveAs(field)
  case .importCurl(var field):
    if key == .enter, field.text.hasSuffix("\\") {
      // A pasted line continuation: the command goes on.
      state.builder.overlay = .importCurl(TextField(String(field.text.dropLast()) + " "))
      return []
    }
    if key == .enter {
      do {
        state.builder.spec = try CurlImport.parse(field.text)
        state.builder.collectionName = nil
        state.builder.overlay = nil
        state.builder.section = state.builder.spec.bodyKind == .none ? .headers : .body
        state.setMessage("Imported \(state.builder.spec.method) \(state.builder.spec.url) from curl.")
      } catch {
        state.setMessage("curl import: \(error.message)", error: true)
      }
      return []
    }
    _ = field.apply(key)
    state.builder.overlay = .importCurl(field)
  case .export(let format, let text):
    switch key {
    case .tab, .right, .left, .character("x"):
      let all = RequestExport.allCases
      let step = key == .left ? all.count - 1 : 1
      let next = all[(all.firstIndex(of: format)! + step) % all.count]
      state.builder.overlay = .export(next, text: next.render(state.builder.spec, state.variables))
    case .character("s"):
      let suffix = ["curl": "sh", "swift": "swift", "python": "py"][format.rawValue]!
      state.builder.overlay = .savePath(TextField("~/squall-request.\(suffix)"), what: .body)
      state.builder.pendingExport = text
    default: break
    }
  case .burst(var count, var concurrency, let onConcurrency):
    switch key {
    case .tab, .backTab, .up, .down:
      if onConcurrency { count.selectAll() } else { concurrency.selectAll() }
      state.builder.overlay = .burst(count: count, concurrency: concurrency, onConcurrency: !onConcurrency)
    case .enter:
      let total: Int
      let parallel: Int
      switch (NumberOption.burstCount.parseInt(count.text), NumberOption.burstConcurrency.parseInt(concurrency.text)) {
      case (.failure(let problem), _), (_, .failure(let problem)):
        state.setMessage(problem.message, error: true)
        return []
      case (.success(let first), .success(let second)):
        total = first
        parallel = second
      }
      if let problem = state.builder.spec.urlProblem(state.variables) ?? state.builder.spec.bodyProblem(state.variables)
      {
        state.setMessage(problem, error: true)
        return []
      }
      state.builder.overlay = nil
      state.builder.sent += 1
      state.builder.burst = BurstRun(
        id: state.builder.sent, total: total, concurrency: min(parallel, total), method: state.builder.spec.method,
        target: state.variables.expand(state.builder.spec.url).text)
      state.builder.section = .response
      let queued =
        parallel > state.builder.maxClients
        ? " (the client sends \(state.builder.maxClients) at a time, its maxClients; the rest queue)" : ""
      state.setMessage(
        "Burst: \(total) × \(state.builder.spec.method) \(state.builder.spec.url), \(parallel) at once…" + queued)
      return [
        .burst(
          id: state.builder.sent, spec: state.builder.spec, variables: state.variables, count: total,
          concurrency: min(parallel, total))
      ]
    default:
      if onConcurrency { _ = concurrency.apply(key) } else { _ = count.apply(key) }
      state.builder.overlay = .burst(count: count, concurrency: concurrency, onConcurrency: onConcurrency)
    }
  case .savePath(var field, let what):
    if key == .enter {
      let path = (field.text.trimmingCharacters(in: .whitespaces) as NSString).expandingTildeInPath
      guard !path.isEmpty else { return [] }
      state.builder.overlay = nil
      if let export = state.builder.pendingExport {
        state.builder.pendingExport = nil
        return [.writeFile(path: path, contents: Array((export + "\n").utf8), what: "the export")]
      }
      guard let whole = state.builder.response, case let response = whole.entry else { return [] }
      switch what {
      case .body:
        let body = whole.body.count >= response.responseBody.count ? whole.body : response.responseBody
        return [.writeFile(path: path, contents: body, what: "the response body")]
      case .headers:
        let text =
          (["\(response.httpVersion) \(response.status) \(response.reason)"]
          + response.responseHeaders.map { "\($0.0): \($0.1)" }).joined(separator: "\n") + "\n"
        return [.writeFile(path: path, contents: Array(text.utf8), what: "the response headers")]
      }
    }
    _ = field.apply(key)
    state.builder.overlay = .savePath(field, what: what)
  }
  return []
}

// MARK: Sending

/// Sends the request, or says why not: one at a time (a second send while one is in flight
/// is refused with a message), the URL and body checked first.
func sendRequest(_ state: inout PlaygroundState) -> [Effect] {
  if case .url(let field) = state.builder.editor { state.builder.spec.url = field.text }
  if case .body(let area) = state.builder.editor { state.builder.spec.body = area.text }
  if let flight = state.builder.inFlight {
    state.setMessage(
      "\(flight.method) \(flight.url) is still running: wait for it, or press Esc to cancel it.", error: true)
    return []
  }
  let variables = state.variables
  if let problem = state.builder.spec.urlProblem(variables) {
    state.setMessage("URL: \(problem)", error: true)
    return []
  }
  if let problem = state.builder.spec.bodyProblem(variables) ?? state.builder.spec.headerProblem(variables) {
    // Refused before anything goes out: the last response, the log and history stay as they were.
    state.setMessage(problem + " (nothing was sent)", error: true)
    return []
  }
  state.builder.editor = nil
  state.builder.sent += 1
  let url = state.builder.spec.resolvedURL(variables).url
  state.builder.inFlight = InFlight(
    id: state.builder.sent, method: state.builder.spec.method.uppercased(), url: url, startedAt: state.now,
    collectionName: state.builder.collectionName)
  state.builder.response = nil
  state.builder.burst = nil
  state.builder.responseScroll = 0
  state.builder.section = .response
  state.setMessage("Sending \(state.builder.spec.method.uppercased()) \(url)… (Esc cancels)")
  return [.send(id: state.builder.sent, spec: state.builder.spec, variables: variables)]
}

extension PlaygroundState {
  /// `{{base}}`, `{{port}}`, `{{host}}` of the running server, and the user's variables.
  var variables: Variables {
    let user = builder.userVariables.merging(builder.responseValues) { own, _ in own }
      .merging(builder.savedResponseValues) { own, _ in own }
    return Variables.server(host: server.host, port: server.port, user: user)
  }
}
