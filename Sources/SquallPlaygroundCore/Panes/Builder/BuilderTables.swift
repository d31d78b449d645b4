import Foundation
import SquallRequests
import SquallValues

// The sections with rows (Params, Headers, Body fields, Options and variables): their commands.

extension BuilderState {
  /// The moves of the sections with rows: the selected row.
  mutating func tableMove(_ move: Move, _ context: BuilderContext, _ reply: inout PaneReply) -> [Effect] {
    let section = self.section
    let rows = tableRows(self, section)
    let selected = min(self.rowSelection[section] ?? 0, max(0, rows.count - 1))
    let last = max(0, rows.count - 1)
    switch move {
    case .up: self.rowSelection[section] = max(0, selected - 1)
    case .down: self.rowSelection[section] = min(last, selected + 1)
    case .pageUp: self.rowSelection[section] = max(0, selected - 10)
    case .pageDown: self.rowSelection[section] = min(last, selected + 10)
    case .top: self.rowSelection[section] = 0
    case .bottom: self.rowSelection[section] = last
    }
    return []
  }

  /// The commands of the sections with rows: Params, Headers, Body, Auth, Options.
  mutating func tableCommand(_ command: TableCommand, _ context: BuilderContext, _ reply: inout PaneReply) -> [Effect] {
    let section = self.section
    let rows = tableRows(self, section)
    let selected = min(self.rowSelection[section] ?? 0, max(0, rows.count - 1))
    switch command {
    case .activateRow:
      // Enter opens what is selected: a boolean option toggles, an empty table gets its first row.
      if section == .options, case .option(let option) = OptionsLine(selected), option.isFlag {
        return tableCommand(.toggleRow, context, &reply)
      }
      let hasRows =
        section == .auth || section == .options || !rows.isEmpty
        || (section == .body && self.spec.bodyKind != .form && self.spec.bodyKind != .multipart)
      return tableCommand(hasRows ? .editRow : .addRow, context, &reply)
    case .addRow:
      if section == .body, self.spec.bodyKind != .form, self.spec.bodyKind != .multipart {
        reply.say("Fields belong to form and multipart bodies: press k to choose one.", .error)
        return []
      }
      self.rowRefused = false  // a new row editor: nothing of it refused yet
      self.editor = .row(
        section == .options ? .newVariable : .table(rows.count), name: TextField(), value: TextField(), onValue: false)
    case .editRow:
      switch section {
      case .auth:
        self.editor = .auth(
          user: TextField(self.spec.username, selectingAll: true),
          password: TextField(self.spec.password, selectingAll: true),
          onPassword: false)
      case .body where self.spec.bodyKind == .raw || self.spec.bodyKind == .json:
        self.editor = .body(TextArea(self.spec.body))
      case .body where self.spec.bodyKind == .none:
        reply.say("This request has no body: press k to choose raw, JSON, form or multipart.")
      case .options where OptionsLine(selected).option != nil:
        let option = OptionsLine(selected).option!
        self.editor = .option(
          index: option.rawValue, field: TextField(option.value(self), selectingAll: true))
      default:
        guard selected < rows.count else {
          reply.say("No row to edit here: a adds one.")
          return []
        }
        let row = rows[selected]
        self.rowRefused = false
        self.editor = .row(
          section == .options ? .variable(OptionsLine(selected).variableOffset ?? 0) : .table(selected),
          name: TextField(row.name, selectingAll: true), value: TextField(row.value, selectingAll: true),
          onValue: false)
      }
    case .toggleRow:
      if section == .options, case .option(let option) = OptionsLine(selected) {
        guard option.isFlag else {
          reply.say("Space switches followRedirects and decompressResponse; e edits \(option.name).")
          return []
        }
        option.toggle(&self)
        reply.say("\(option.name) = \(option.shown(self)) for this request.")
        return []
      }
      guard selected < rows.count, section != .options else { return [] }
      var changed = rows
      changed[selected].enabled.toggle()
      setTableRows(&self, section, changed)
      // Said, never silent: a row switched off by a stray Space leaves the request.
      let row = changed[selected]
      let name = row.name.isEmpty ? "the row" : TerminalSafe.escape(row.name)
      reply.say(
        row.enabled
          ? "\(name) switched on (☑): it goes with the request."
          : "\(name) switched off (☐): it stays in the table but does not go out. Space switches it on again.")
    case .deleteRow:
      guard selected < rows.count else { return [] }
      if section == .options {
        if case .option(let option) = OptionsLine(selected) {
          option.reset(&self)
          reply.say("\(option.name) back to the client's default.")
          return option == .maxClients ? [.setMaxClients(self.maxClients)] : []
        }
        let name = rows[selected].name
        self.userVariables[name] = nil
        reply.say("Variable {{\(name)}} deleted.")
        return [.saveVariables(self.userVariables)]
      }
      var changed = rows
      let removed = changed.remove(at: selected)
      setTableRows(&self, section, changed)
      self.rowSelection[section] = max(0, min(selected, changed.count - 1))
      reply.say("\(section.title): \(removed.name.isEmpty ? "row" : removed.name) deleted.")
    case .bodyKind:
      let kinds = RequestSpec.BodyKind.allCases
      let next = kinds[(kinds.firstIndex(of: self.spec.bodyKind)! + 1) % kinds.count]
      self.spec.bodyKind = next
      if self.spec.method == "GET" && next != .none { self.spec.method = "POST" }
      reply.say(
        "Body: \(next.rawValue)" + (next.contentType.map { " (Content-Type: \($0) unless set by hand)" } ?? ""))
    case .fileField:
      guard selected < self.spec.fields.count else { return [] }
      self.spec.fields[selected].isFile.toggle()
    }
    return []
  }
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

func setTableRows(_ builder: inout BuilderState, _ section: BuilderState.Section, _ rows: [RequestSpec.Row]) {
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
