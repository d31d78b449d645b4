import Foundation
import SquallRequests
import SquallValues

// The builder's commands and its modal input; each concept has its own file: tables
// (BuilderTables), typing (BuilderTyping), the response view (BuilderResponseKeys), overlays
// (BuilderOverlays), sending (BuilderSend).

extension BuilderState {
  /// Keys while the builder types or shows an overlay; Ctrl-R sends from there too (what is
  /// being typed goes with the request). Keys that act beyond the field (`leavesTheField`) are
  /// the root's: it commits the field (`commitEditor`), then runs the key's binding.
  mutating func input(_ key: Key, _ context: BuilderContext, _ reply: inout PaneReply) -> [Effect] {
    if key == .control("r") {
      // An invalid value stops the send, its field open.
      if self.overlay != nil { return send(context, &reply) }
      let typing = self.editor
      guard let committed = commitEditor(context, &reply) else { return [] }
      let effects = committed + send(context, &reply)
      switch typing {
      case .url, .body:
        // Refused (an invalid URL or body): the field stays open to correct it.
        if !effects.contains(where: {
          switch $0 {
          case .network(.send), .network(.webSocketConnect), .network(.webSocketSend): true
          default: false
          }
        }) {
          self.editor = typing
        }
      case .row, .auth, .option, .search, nil: break
      }
      return effects
    }
    if self.overlay != nil { return overlayKey(key, context, &reply) }
    if self.editor != nil { return type(key, context, &reply) }
    return []
  }

  /// The builder's moves: the wire bytes scroll while shown, else the Response section scrolls
  /// and the others select a row.
  mutating func move(_ move: Move, _ context: BuilderContext, _ reply: inout PaneReply) -> [Effect] {
    // The wire bytes stand in for the section: the moving keys scroll them.
    if self.showsWire, self.editor == nil, let inner = context.pane?.inner {
      let offset = Scroll.offset(self.wireScroll, after: move, page: max(1, min(Scroll.page, inner.height - 6)))
      // Kept within the lines at the pane's width, so ↑ moves at once after the end.
      let rows = max(1, inner.height - 4)
      let count = BuilderView.wireLines(self, width: inner.width).count
      self.wireScroll = Scroll.clamped(offset, lines: count, rows: rows)
      return []
    }
    return self.section == .response ? responseMove(move, context, &reply) : tableMove(move, context, &reply)
  }

  /// The builder's commands of every section (see `Keymap.builder`).
  mutating func perform(_ command: BuilderCommand, _ context: BuilderContext, _ reply: inout PaneReply) -> [Effect] {
    let section = self.section
    switch command {
    case .send:
      return send(context, &reply)
    case .compareWithTornado:
      return compareWithTornado(context, &reply)
    case .wirePreview:
      self.showsWire.toggle()
      self.wire = nil
      self.wireScroll = 0
      guard self.showsWire else {
        reply.say("Wire bytes hidden.")
        return []
      }
      reply.say("The exact bytes this request puts on the wire; they follow your edits. W hides them.")
      return [.previewWire(spec: self.spec, variables: variables(context))]
    case .cancel:
      if let closing = closeWebSocket(&reply) { return closing }
      if let closing = closeWebSocketBurst(&reply) { return closing }
      if let flight = self.inFlight {
        reply.say("Cancelling \(flight.method) \(flight.url)…")
        return [.cancelFetch(id: flight.id)]
      }
      if let burst = self.burst, !burst.finished {
        reply.say("Cancelling the burst…")
        return [.cancelFetch(id: burst.id)]
      }
    case .previousSection: self.section = BuilderState.Section(rawValue: section.rawValue - 1) ?? section
    case .nextSection: self.section = BuilderState.Section(rawValue: section.rawValue + 1) ?? section
    case .editURL:
      self.editor = .url(TextField(self.spec.url, selectingAll: true))
    case .chooseMethod:
      let index = BuilderState.methods.firstIndex(of: self.spec.method.uppercased())
      self.overlay = .methods(
        selection: index ?? BuilderState.methods.count,
        custom: TextField(index == nil ? self.spec.method : "", selectingAll: true))
    case .history:
      guard !self.history.isEmpty else {
        reply.say("No history yet: sent requests are kept here (the newest \(BuilderState.historyLimit)).")
        return []
      }
      self.overlay = .history(selection: self.history.count - 1)
    case .newRequest:
      // A new request: a clean builder (the last one sent stays in History, H).
      self.spec = RequestSpec()
      self.collectionName = nil
      self.parkedParams = []
      self.section = .params
      reply.say("New request: GET {{base}}/. H lists the requests sent before.")
    case .openSaved: return [.listCollection]
    case .saveRequest: self.overlay = .saveAs(TextField())
    case .importCurl: self.overlay = .importCurl(TextField())
    case .export:
      self.overlay = .export(.curl, text: RequestExport.curl.render(self.spec, variables(context)))
      self.exportScroll = 0
    case .burst:
      self.overlay = .burst(
        count: TextField("100", selectingAll: true), concurrency: TextField("10", selectingAll: true),
        onConcurrency: false)
    case .ping:
      guard let socket = self.webSocket, socket.isOpen else {
        reply.say("P pings an open WebSocket: a ws:// URL, then Ctrl-R connects.", .error)
        return []
      }
      self.section = .response
      reply.say("Ping sent; the server answers with a pong carrying the same bytes.")
      return [.webSocketPing(id: socket.id)]
    case .externalEditor:
      guard self.spec.bodyKind == .raw || self.spec.bodyKind == .json else {
        reply.say("$EDITOR edits raw and JSON bodies: press k to choose one.", .error)
        return []
      }
      return [.editInEditor(self.spec.body)]
    }
    return []
  }
}

/// Keys that act beyond a field being typed in: F1–F4 (a pane) and Ctrl-P (the palette).
func leavesTheField(_ key: Key) -> Bool {
  switch key {
  case .function(let number): (1...4).contains(number)
  case .control("p"): true
  default: false
  }
}

extension BuilderState {
  /// A lesson starts: a clean builder with `spec` (a request or burst still running belongs to
  /// before and is cancelled), the Body tab, nothing of an earlier lesson's answer.
  mutating func startClean(_ spec: RequestSpec) -> [Effect] {
    var cancels: [Effect] = []
    if let flight = inFlight {
      cancels.append(.cancelFetch(id: flight.id))
      inFlight = nil
    }
    if let burst, !burst.finished { cancels.append(.cancelFetch(id: burst.id)) }
    if let socket = webSocket, socket.isLive { cancels.append(.webSocketClose(id: socket.id)) }
    if let burst = webSocketBurst, !burst.closed { cancels.append(.webSocketBurstClose(id: burst.id)) }
    webSocket = nil
    webSocketBurst = nil
    collectionName = nil
    self.spec = spec
    parkedParams = []
    editor = nil
    rowRefused = false
    overlay = nil
    response = nil  // an answer to an earlier lesson's request is not this one's
    responseValues = [:]
    burst = nil
    responseTab = .body  // a tab chosen in another lesson is not where this one starts
    responseScroll = 0
    return cancels
  }

  /// The learner's own request back, as it was before a lesson parked it.
  mutating func restore(_ spec: RequestSpec, name: String?) {
    self.spec = spec
    collectionName = name
    parkedParams = []
  }
}
