/// Keys of the request builder: edit the URL, pick a method, send.
func updateBuilder(_ state: inout PlaygroundState, _ key: Key) -> [Effect] {
  if state.builder.editing {
    switch key {
    case .escape: state.builder.editing = false
    case .enter:
      state.builder.editing = false
      return send(&state)
    default: _ = state.builder.url.apply(key)
    }
    return []
  }
  switch key {
  case .character("e"), .character("u"): state.builder.editing = true
  case .character("m"):
    let methods = BuilderState.methods
    let index = methods.firstIndex(of: state.builder.method) ?? 0
    state.builder.method = methods[(index + 1) % methods.count]
  case .enter, .character("s"): return send(&state)
  default: break
  }
  return []
}

private func send(_ state: inout PlaygroundState) -> [Effect] {
  let url = state.builder.url.text.trimmingCharacters(in: .whitespaces)
  guard !url.isEmpty else {
    state.setMessage("Type a URL first: press e and enter something like http://127.0.0.1:8888/", error: true)
    return []
  }
  state.builder.inFlight = true
  state.setMessage("Sending \(state.builder.method) \(url)…")
  return [.fetch(method: state.builder.method, url: url)]
}
