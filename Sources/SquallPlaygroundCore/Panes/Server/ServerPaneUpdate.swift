import SquallValues

/// Keys of the server pane while it edits: an option in place, or the route editor. Its
/// commands are `performServer`'s.
func updateServerEditor(_ state: inout PlaygroundState, _ key: Key) -> [Effect] {
  if let editor = state.server.editor {
    switch editor {
    case .option(let index, var field):
      switch key {
      case .escape:
        state.server.editor = nil
      case .enter:
        state.server.editor = nil
        let effects = applySetting(&state, index: index, text: field.text)
        // Refused (the message says why): the field stays open with what was typed, to correct.
        if state.messageIsError { state.server.editor = .option(index: index, field: field) }
        return effects
      default:
        _ = field.apply(key)
        state.server.editor = .option(index: index, field: field)
      }
    case .route(var form):
      switch key {
      case .escape:
        state.server.editor = nil
        if form.editing == nil, form != RouteForm() {
          // A new route's draft is kept: a opens it again as it was.
          state.server.routeDraft = form
          state.setMessage("Route not saved; its draft is kept: a opens it again, Ctrl-U clears a field.")
        } else {
          state.setMessage("Route not saved.")
        }
      case .tab, .down:
        form.move(by: 1)
        state.server.editor = .route(form)
      case .backTab, .up:
        form.move(by: -1)
        state.server.editor = .route(form)
      case .enter:
        switch form.route() {
        case .failure(let error):
          state.setMessage(error.message, error: true)
          state.server.editor = .route(form)
        case .success(let route):
          if let index = form.editing, index < state.server.routes.count {
            state.server.routes[index] = route
          } else {
            state.server.routes.append(route)
          }
          state.server.editor = nil
          state.setMessage("Route \(route.method) \(route.pattern) saved; the server restarts with it.")
          return [state.server.saveRoutes] + restartIfRunning(&state)
        }
      default:
        _ = form.fields[form.focus].apply(key)
        state.server.editor = .route(form)
      }
    }
  }
  return []
}

/// The server pane's moves: the selection among the port, the options and the routes.
func moveServer(_ move: Move, _ state: inout PlaygroundState) -> [Effect] {
  let lastLine = ServerPaneState.settingLines + state.server.routes.count - 1
  switch move {
  case .up: state.server.selection = max(0, state.server.selection - 1)
  case .down: state.server.selection = min(lastLine, state.server.selection + 1)
  case .pageUp: state.server.selection = max(0, state.server.selection - Scroll.page)
  case .pageDown: state.server.selection = min(lastLine, state.server.selection + Scroll.page)
  case .top: state.server.selection = 0
  case .bottom: state.server.selection = lastLine
  }
  return []
}

/// The server pane's commands (see `Keymap.server`).
func performServer(_ command: ServerCommand, _ state: inout PlaygroundState) -> [Effect] {
  switch command {
  case .startStop:
    if state.server.status == .running || state.server.status == .starting {
      return [.stopListening]
    }
    state.server.status = .starting
    return [state.server.start]
  case .restart:
    state.server.status = .starting
    return [state.server.start]
  case .closeConnections:
    return [.closeConnections]
  case .useFreePort:
    guard let port = state.server.suggestedPort else { return [] }
    state.server.port = port
    state.server.anyFreePort = false
    state.server.status = .starting
    return [state.server.start]
  case .addRoute:
    state.server.editor = .route(state.server.routeDraft ?? RouteForm())
    state.server.routeDraft = nil
  case .switchApp:
    state.server.app = state.server.app.next
    state.setMessage("App: \(state.server.appName). Press A again to switch back.")
    return restartIfRunning(&state) + followApp(&state)
  case .tornadoReference:
    if state.server.tornado.isOn {
      state.server.tornado = .off
      state.setMessage("Tornado reference stopped.")
      return [.stopTornado]
    }
    state.server.tornado = .starting(app: state.server.app)
    state.setMessage("Starting the \(state.server.app) app on real Tornado (python3)…")
    return [.startTornado(app: state.server.app)]
  case .deleteRoute:
    let routeIndex = state.server.selection - ServerPaneState.settingLines
    guard routeIndex >= 0, routeIndex < state.server.routes.count else { return [] }
    let removed = state.server.routes.remove(at: routeIndex)
    state.server.deletedRoute = (removed, routeIndex)
    state.server.selection = min(state.server.selection, ServerPaneState.settingLines + state.server.routes.count - 1)
    state.setMessage("Route \(removed.method) \(removed.pattern) deleted. Press u to undo.")
    return [state.server.saveRoutes] + restartIfRunning(&state)
  case .undoDelete:
    guard let (route, index) = state.server.deletedRoute else {
      state.setMessage("Nothing to undo: u brings back the route deleted last.")
      return []
    }
    let position = min(index, state.server.routes.count)
    state.server.routes.insert(route, at: position)
    state.server.deletedRoute = nil
    state.server.selection = ServerPaneState.settingLines + position
    state.setMessage("Route \(route.method) \(route.pattern) restored.")
    return [state.server.saveRoutes] + restartIfRunning(&state)
  case .editSetting, .toggleSetting:
    let selection = state.server.selection
    if selection > 0, selection < ServerPaneState.settingLines,
      let flag = state.server.options.flag(at: selection - 1)
    {
      // A boolean option toggles in place; no typing.
      return applySetting(&state, index: selection, text: flag ? "false" : "true")
    }
    if command == .toggleSetting { return [] }
    if selection < ServerPaneState.settingLines {
      let current = selection == 0 ? String(state.server.port) : state.server.options.value(at: selection - 1)
      state.server.editor = .option(index: selection, field: TextField(current, selectingAll: true))
    } else if selection - ServerPaneState.settingLines < state.server.routes.count {
      let index = selection - ServerPaneState.settingLines
      state.server.editor = .route(RouteForm(state.server.routes[index], editing: index))
    }
  }
  return []
}

extension ServerPaneState {
  /// The port line plus one line per option.
  static let settingLines = 1 + ServerOptions.names.count
}

private func applySetting(_ state: inout PlaygroundState, index: Int, text: String) -> [Effect] {
  if index == 0 {
    guard let port = Int(text.trimmingCharacters(in: .whitespaces)), (1...65535).contains(port) else {
      state.setMessage("The port must be a number from 1 to 65535.", error: true)
      return []
    }
    state.server.port = port
    state.server.anyFreePort = false
    state.setMessage("Port set to \(port).")
    return restartIfRunning(&state)
  }
  if let problem = state.server.options.set(index - 1, to: text) {
    state.setMessage(problem, error: true)
    return []
  }
  state.setMessage("\(ServerOptions.names[index - 1]) = \(state.server.options.value(at: index - 1)).")
  return restartIfRunning(&state)
}

/// A running (or starting) server restarts with the change. It is "starting" until the restart
/// is reported: the pane says ◌, and nothing (a learner, a test settling) takes it for the old
/// one still listening. (A request sent in that window was refused: seen twice in ten runs
/// under load.) A second change while it starts restarts it again, with both changes.
private func restartIfRunning(_ state: inout PlaygroundState) -> [Effect] {
  guard state.server.status == .running || state.server.status == .starting else { return [] }
  state.server.status = .starting
  return [state.server.start]
}

extension ServerPaneState {
  /// The effect that (re)starts the server on its port.
  package var start: Effect {
    .startServer(
      ServerLaunch(host: host, port: port, anyFreeIfTaken: anyFreePort, app: app, routes: routes, options: options))
  }

  /// The effect that keeps the routes.
  var saveRoutes: Effect { .saveRoutes(routes) }
}

/// A running Tornado reference serves the same app as the Squall server: switched with it.
func followApp(_ state: inout PlaygroundState) -> [Effect] {
  let serving: ExampleApp?
  switch state.server.tornado {
  case .running(let app, _, _), .starting(let app): serving = app
  case .off, .unavailable: serving = nil
  }
  guard let serving, serving != state.server.app else { return [] }
  state.server.tornado = .starting(app: state.server.app)
  return [.startTornado(app: state.server.app)]
}
