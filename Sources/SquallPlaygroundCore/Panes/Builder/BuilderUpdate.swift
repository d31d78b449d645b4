import Foundation
import SquallRequests
import SquallValues

// The builder's commands and its modal input; each concept has its own file: tables
// (BuilderTables), typing (BuilderTyping), the response view (BuilderResponseKeys), overlays
// (BuilderOverlays), sending (BuilderSend).

/// Keys of the request builder while it types or shows an overlay (Ctrl-R sends from there
/// too). Its commands are `performBuilder`'s. Pure: sending, saving and files are effects.
func updateBuilderInput(_ state: inout PlaygroundState, _ key: Key) -> [Effect] {
  if key == .control("r") {
    // What is being typed goes with the request; an invalid value stops it, its field open.
    if state.builder.overlay != nil { return sendRequest(&state) }
    let typing = state.builder.editor
    guard let committed = commitEditor(&state) else { return [] }
    let effects = committed + sendRequest(&state)
    switch typing {
    case .url, .body:
      // Refused (an invalid URL or body): the field stays open to correct it.
      if !effects.contains(where: { if case .network(.send) = $0 { true } else { false } }) {
        state.builder.editor = typing
      }
    default: break
    }
    return effects
  }
  if state.builder.overlay != nil { return updateOverlay(&state, key) }
  if state.builder.editor != nil, leavesTheField(key) {
    // A pane's key or the palette: the field is committed first, then the key does its work.
    guard let committed = commitEditor(&state) else { return [] }
    guard case .run(let binding) = Keymap.resolve(key, in: state) else { return committed }
    return committed + perform(binding, &state)
  }
  if state.builder.editor != nil { return updateEditor(&state, key) }
  return []
}

/// The builder's moves: the wire bytes scroll while shown, else the Response section scrolls
/// and the others select a row.
func moveBuilder(_ move: Move, _ state: inout PlaygroundState) -> [Effect] {
  // The wire bytes stand in for the section: the moving keys scroll them.
  if state.builder.showsWire, state.builder.editor == nil, let inner = Layout(state).panes[.builder]?.inner {
    let offset = Scroll.offset(state.builder.wireScroll, after: move, page: max(1, min(Scroll.page, inner.height - 6)))
    // Kept within the lines at the pane's width, so ↑ moves at once after the end.
    let rows = max(1, inner.height - 4)
    let count = BuilderView.wireLines(state.builder, width: inner.width).count
    state.builder.wireScroll = Scroll.clamped(offset, lines: count, rows: rows)
    return []
  }
  return state.builder.section == .response ? responseMove(move, &state) : tableMove(move, &state)
}

/// The builder's commands of every section (see `Keymap.builder`).
func performBuilder(_ command: BuilderCommand, _ state: inout PlaygroundState) -> [Effect] {
  let section = state.builder.section
  switch command {
  case .send:
    return sendRequest(&state)
  case .compareWithTornado:
    return compareWithTornado(&state)
  case .wirePreview:
    state.builder.showsWire.toggle()
    state.builder.wire = nil
    state.builder.wireScroll = 0
    guard state.builder.showsWire else {
      state.setMessage("Wire bytes hidden.")
      return []
    }
    state.setMessage("The exact bytes this request puts on the wire; they follow your edits. W hides them.")
    return [.previewWire(spec: state.builder.spec, variables: state.variables)]
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
    state.builder.section = command.section ?? section
  case .previousSection: state.builder.section = BuilderState.Section(rawValue: section.rawValue - 1) ?? section
  case .nextSection: state.builder.section = BuilderState.Section(rawValue: section.rawValue + 1) ?? section
  case .editURL:
    state.builder.editor = .url(TextField(state.builder.spec.url, selectingAll: true))
  case .chooseMethod:
    let index = BuilderState.methods.firstIndex(of: state.builder.spec.method.uppercased())
    state.builder.overlay = .methods(
      selection: index ?? BuilderState.methods.count,
      custom: TextField(index == nil ? state.builder.spec.method : "", selectingAll: true))
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
  }
  return []
}

/// Keys that act beyond a field being typed in: F1–F4 (a pane) and Ctrl-P (the palette).
func leavesTheField(_ key: Key) -> Bool {
  switch key {
  case .function(let number): (1...4).contains(number)
  case .control("p"): true
  default: false
  }
}
