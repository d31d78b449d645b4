import Foundation
import SquallRequests
import SquallValues

// The builder's overlays: method, history, collection, save, curl import, export, burst.

func updateOverlay(_ state: inout PlaygroundState, _ key: Key) -> [Effect] {
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
      guard RequestName.isValid(name) else {
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
      state.builder.overlay = .savePath(TextField("~/squall-request.\(suffix)", selectingAll: true), what: .body)
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
      let path: String
      do {
        path = try UserPath.resolve(field.text, home: state.home, currentDirectory: state.currentDirectory)
      } catch {
        state.setMessage(error.description, error: true)  // the prompt stays open, as typed
        return []
      }
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
