import Foundation
import SquallRequests
import SquallValues

// The builder's overlays: method, history, collection, save, curl import, export, burst.

extension BuilderState {
  mutating func overlayKey(_ key: Key, _ context: BuilderContext, _ reply: inout PaneReply) -> [Effect] {
    guard let overlay = self.overlay else { return [] }
    if key == .escape {
      self.overlay = nil
      return []
    }
    switch overlay {
    case .methods(let selection, var custom):
      let count = BuilderState.methods.count
      switch key {
      case .up: self.overlay = .methods(selection: max(0, selection - 1), custom: custom)
      case .down: self.overlay = .methods(selection: min(count, selection + 1), custom: custom)
      case .enter:
        let chosen = selection < count ? BuilderState.methods[selection] : custom.text.uppercased()
        guard !chosen.isEmpty, chosen.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "_" }) else {
          reply.say("A method is one word, such as PURGE.", .error)
          return []
        }
        self.spec.method = chosen
        self.overlay = nil
      default:
        _ = custom.apply(key)
        self.overlay = .methods(selection: custom.text.isEmpty ? selection : count, custom: custom)
      }
    case .history(let selection):
      let items = self.history
      switch key {
      // Drawn newest first: ↑ goes to a newer request (a higher index), ↓ to an older one.
      case .up: self.overlay = .history(selection: min(items.count - 1, selection + 1))
      case .down: self.overlay = .history(selection: max(0, selection - 1))
      case .enter, .character("r"):
        guard selection < items.count else { return [] }
        self.spec = items[selection].spec
        self.collectionName = nil
        self.overlay = nil
        if key == .character("r") { return send(context, &reply) }
        reply.say("Loaded \(items[selection].spec.method) \(items[selection].spec.url) from history.")
      default: break
      }
    case .collection(let names, let selection):
      switch key {
      case .up: self.overlay = .collection(names: names, selection: max(0, selection - 1))
      case .down: self.overlay = .collection(names: names, selection: min(names.count - 1, selection + 1))
      case .enter:
        guard selection < names.count else { return [] }
        self.overlay = nil
        return [.loadRequest(name: names[selection])]
      default: break
      }
    case .saveAs(var field):
      if key == .enter {
        let name = field.text.trimmingCharacters(in: .whitespaces)
        guard RequestName.isValid(name) else {
          reply.say("A name uses letters, digits, spaces, - _ and . (not starting with .).", .error)
          return []
        }
        self.overlay = nil
        return [.saveRequest(name: name, spec: self.spec)]
      }
      _ = field.apply(key)
      self.overlay = .saveAs(field)
    case .importCurl(var field):
      if key == .enter, field.text.hasSuffix("\\") {
        // A pasted line continuation: the command goes on.
        self.overlay = .importCurl(TextField(String(field.text.dropLast()) + " "))
        return []
      }
      if key == .enter {
        do {
          self.spec = try CurlImport.parse(field.text)
          self.collectionName = nil
          self.overlay = nil
          self.section = self.spec.bodyKind == .none ? .headers : .body
          reply.say("Imported \(self.spec.method) \(self.spec.url) from curl.")
        } catch {
          reply.say("curl import: \(error.message)", .error)
        }
        return []
      }
      _ = field.apply(key)
      self.overlay = .importCurl(field)
    case .export(let format, let text):
      switch key {
      case .tab, .right, .left, .character("x"):
        let all = RequestExport.allCases
        let step = key == .left ? all.count - 1 : 1
        let next = all[(all.firstIndex(of: format)! + step) % all.count]
        self.overlay = .export(next, text: next.render(self.spec, variables(context)))
        self.exportScroll = 0
      case .up, .down, .pageUp, .pageDown, .home, .end:
        // Code longer than the box scrolls, a line or a page at a time.
        let last = max(0, text.split(separator: "\n", omittingEmptySubsequences: false).count - 1)
        let moved: Int
        switch key {
        case .up: moved = self.exportScroll - 1
        case .down: moved = self.exportScroll + 1
        case .pageUp: moved = self.exportScroll - Scroll.page
        case .pageDown: moved = self.exportScroll + Scroll.page
        case .home: moved = 0
        default: moved = last
        }
        self.exportScroll = min(max(0, moved), last)
      case .character("s"):
        self.overlay = .savePath(
          TextField("~/squall-request.\(format.fileExtension)", selectingAll: true), what: .body)
        self.pendingExport = text
      default: break
      }
    case .burst(var count, var concurrency, let onConcurrency):
      switch key {
      case .tab, .backTab, .up, .down:
        if onConcurrency { count.selectAll() } else { concurrency.selectAll() }
        self.overlay = .burst(count: count, concurrency: concurrency, onConcurrency: !onConcurrency)
      case .enter:
        let total: Int
        let parallel: Int
        switch (NumberOption.burstCount.parseInt(count.text), NumberOption.burstConcurrency.parseInt(concurrency.text))
        {
        case (.failure(let problem), _), (_, .failure(let problem)):
          reply.say(problem.message, .error)
          return []
        case (.success(let first), .success(let second)):
          total = first
          parallel = second
        }
        if self.spec.isWebSocket { return openWebSockets(count: total, context, &reply) }
        if let problem = self.spec.urlProblem(variables(context)) ?? self.spec.bodyProblem(variables(context)) {
          reply.say(problem, .error)
          return []
        }
        self.overlay = nil
        self.sent += 1
        self.burst = BurstRun(
          id: self.sent, total: total, concurrency: min(parallel, total), method: self.spec.method,
          target: variables(context).expand(self.spec.url).text)
        self.section = .response
        let queued =
          parallel > self.maxClients
          ? " (the client sends \(self.maxClients) at a time, its maxClients; the rest queue)" : ""
        reply.say(
          "Burst: \(total) × \(self.spec.method) \(self.spec.url), \(parallel) at once…" + queued)
        return [
          .burst(
            id: self.sent, spec: self.spec, variables: variables(context), count: total,
            concurrency: min(parallel, total))
        ]
      default:
        if onConcurrency { _ = concurrency.apply(key) } else { _ = count.apply(key) }
        self.overlay = .burst(count: count, concurrency: concurrency, onConcurrency: onConcurrency)
      }
    case .savePath(var field, let what):
      if key == .enter {
        let path: String
        do {
          path = try UserPath.resolve(field.text, home: context.home, currentDirectory: context.currentDirectory)
        } catch {
          reply.say(error.description, .error)  // the prompt stays open, as typed
          return []
        }
        self.overlay = nil
        if let export = self.pendingExport {
          self.pendingExport = nil
          return [.writeFile(path: path, contents: Array((export + "\n").utf8), what: "the export")]
        }
        guard let whole = self.response, case let response = whole.entry else { return [] }
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
      self.overlay = .savePath(field, what: what)
    }
    return []
  }
}
