import SquallLessons
import SquallValues

// The Server pane as a component: its keys, commands and moves change `ServerPaneState` only
// and answer with a `PaneReply` (effects and a message); the root routes them in and out.

extension ServerPaneState {
  /// Keys while the pane edits: an option in place, or the route editor.
  mutating func type(_ key: Key) -> PaneReply {
    switch editor {
    case nil: return .none
    case .option(let index, var field):
      switch key {
      case .escape:
        editor = nil
      case .enter:
        editor = nil
        switch applySetting(index: index, text: field.text) {
        case .refused(let problem):
          // The field stays open with what was typed, to correct.
          editor = .option(index: index, field: field)
          return .say(problem, .error)
        case .applied(let reply): return reply
        }
      default:
        _ = field.apply(key)
        editor = .option(index: index, field: field)
      }
    case .route(var form):
      switch key {
      case .escape:
        editor = nil
        if form.editing == nil, form != RouteForm() {
          // A new route's draft is kept: a opens it again as it was.
          routeDraft = form
          return .say("Route not saved; its draft is kept: a opens it again, Ctrl-U clears a field.")
        }
        return .say("Route not saved.")
      case .tab, .down:
        form.move(by: 1)
        editor = .route(form)
      case .backTab, .up:
        form.move(by: -1)
        editor = .route(form)
      case .enter:
        switch form.route() {
        case .failure(let error):
          editor = .route(form)
          return .say(error.message, .error)
        case .success(let route):
          if let index = form.editing, index < routes.count {
            routes[index] = route
          } else {
            routes.append(route)
          }
          editor = nil
          return .say(
            "Route \(route.method) \(route.pattern) saved; the server restarts with it.",
            effects: [saveRoutes] + restartIfRunning())
        }
      default:
        _ = form.fields[form.focus].apply(key)
        editor = .route(form)
      }
    }
    return .none
  }

  /// The pane's moves: the selection among the port, the options and the routes.
  mutating func move(_ move: Move) {
    let lastLine = Self.settingLines + routes.count - 1
    switch move {
    case .up: selection = max(0, selection - 1)
    case .down: selection = min(lastLine, selection + 1)
    case .pageUp: selection = max(0, selection - Scroll.page)
    case .pageDown: selection = min(lastLine, selection + Scroll.page)
    case .top: selection = 0
    case .bottom: selection = lastLine
    }
  }

  /// The pane's commands (see `Keymap.server`).
  mutating func perform(_ command: ServerCommand) -> PaneReply {
    switch command {
    case .startStop:
      if status == .running || status == .starting { return .run([.stopListening]) }
      status = .starting
      return .run([start])
    case .restart:
      status = .starting
      return .run([start])
    case .closeConnections:
      return .run([.closeConnections])
    case .useFreePort:
      guard let port = suggestedPort else { return .none }
      self.port = port
      anyFreePort = false
      status = .starting
      return .run([start])
    case .addRoute:
      editor = .route(routeDraft ?? RouteForm())
      routeDraft = nil
      return .none
    case .switchApp:
      app = app.next
      let effects = restartIfRunning() + followApp()
      tornadoFollowsApp = false  // the user switched: the reference's news answers them
      return .say("App: \(appName). Press A again to switch back.", effects: effects)
    case .tornadoReference:
      if tornado.isOn {
        tornado = .off
        return .say("Tornado reference stopped.", effects: [.stopTornado])
      }
      tornado = .starting(app: app)
      tornadoFollowsApp = false
      return .say("Starting the \(app) app on real Tornado (python3)…", effects: [.startTornado(app: app)])
    case .deleteRoute:
      let routeIndex = selection - Self.settingLines
      guard routeIndex >= 0, routeIndex < routes.count else { return .none }
      let removed = routes.remove(at: routeIndex)
      deletedRoute = (removed, routeIndex)
      selection = min(selection, Self.settingLines + routes.count - 1)
      return .say(
        "Route \(removed.method) \(removed.pattern) deleted. Press u to undo.",
        effects: [saveRoutes] + restartIfRunning())
    case .undoDelete:
      guard let (route, index) = deletedRoute else {
        return .say("Nothing to undo: u brings back the route deleted last.")
      }
      let position = min(index, routes.count)
      routes.insert(route, at: position)
      deletedRoute = nil
      selection = Self.settingLines + position
      return .say("Route \(route.method) \(route.pattern) restored.", effects: [saveRoutes] + restartIfRunning())
    case .editSetting, .toggleSetting:
      if selection > 0, selection < Self.settingLines, let flag = options.flag(at: selection - 1) {
        // A boolean option toggles in place; no typing.
        switch applySetting(index: selection, text: flag ? "false" : "true") {
        case .refused(let problem): return .say(problem, .error)
        case .applied(let reply): return reply
        }
      }
      if command == .toggleSetting { return .none }
      if selection < Self.settingLines {
        let current = selection == 0 ? String(port) : options.value(at: selection - 1)
        editor = .option(index: selection, field: TextField(current, selectingAll: true))
      } else if selection - Self.settingLines < routes.count {
        let index = selection - Self.settingLines
        editor = .route(RouteForm(routes[index], editing: index))
      }
      return .none
    }
  }

  /// The port line plus one line per option.
  static let settingLines = 1 + ServerOptions.names.count

  /// What setting a line to a typed value did: refused (why), or applied.
  enum SettingOutcome {
    case refused(String)
    case applied(PaneReply)
  }

  /// Sets the port (line 0) or an option to `text`.
  mutating func applySetting(index: Int, text: String) -> SettingOutcome {
    if index == 0 {
      guard let port = Int(text.trimmingCharacters(in: .whitespaces)), (1...65535).contains(port) else {
        return .refused("The port must be a number from 1 to 65535.")
      }
      self.port = port
      anyFreePort = false
      return .applied(.say("Port set to \(port).", effects: restartIfRunning()))
    }
    if let problem = options.set(index - 1, to: text) { return .refused(problem) }
    return .applied(
      .say(
        "\(ServerOptions.names[index - 1]) = \(options.value(at: index - 1)).", effects: restartIfRunning()))
  }

  /// A running (or starting) server restarts with the change. It is "starting" until the
  /// restart is reported: the pane says ◌, and nothing (a learner, a test settling) takes it
  /// for the old one still listening. (A request sent in that window was refused: seen twice
  /// in ten runs under load.) A second change while it starts restarts it again, with both.
  mutating func restartIfRunning() -> [Effect] {
    guard status == .running || status == .starting else { return [] }
    status = .starting
    return [start]
  }

  /// What a lesson sets up and what leaving it puts back: the app, the routes, the options.
  package struct Setup: Equatable, Sendable {
    package var app: ExampleApp
    package var routes: [MockRoute]
    package var options: ServerOptions
  }

  /// The learner's own app, routes and options, as they are now.
  package var setup: Setup { Setup(app: app, routes: routes, options: options) }

  /// Whether `lines` set up the server (not only the builder).
  static func setsUpServer(_ lines: [SetupLine]) -> Bool {
    lines.contains { if case .builder = $0 { false } else { true } }
  }

  /// The pane as a lesson starts: every option back to its default (what an earlier lesson
  /// changed, an idle timeout of 2 s or gzip on, does not leak into this one), then the
  /// lesson's app, routes and options; the server (re)starts. The lesson's routes are not
  /// saved: they are the lesson's, and the learner's own come back when it is left
  /// (`restore`). A setup with builder lines only leaves the server as it is.
  mutating func setUp(_ lines: [SetupLine]) -> [Effect] {
    guard Self.setsUpServer(lines) else { return [] }
    options = ServerOptions()
    for line in lines {
      switch line {
      case .builder: break  // the builder's part
      case .app(let app): self.app = app
      case .noRoutes: routes = []
      case .option(let name, let value):
        if let index = ServerOptions.names.firstIndex(of: name) { _ = options.set(index, to: value) }
      case .route(let method, let pattern, let status, let delay, let body):
        routes.removeAll { $0.method == method && $0.pattern == pattern }
        routes.append(MockRoute(method: method, pattern: pattern, status: status, body: body, delay: delay))
      }
    }
    deletedRoute = nil  // u brings back a route of this setup only
    status = .starting
    return [start] + followApp()
  }

  /// `setup` back in the pane and served: the learner's own when a lesson is left (`save`:
  /// its routes are written again, a lesson's route editing may have saved others), or a
  /// lesson's as it was left when it is opened again.
  mutating func restore(_ setup: Setup, save: Bool) -> [Effect] {
    app = setup.app
    routes = setup.routes
    options = setup.options
    deletedRoute = nil
    selection = min(selection, Self.settingLines + routes.count - 1)
    return (save ? [saveRoutes] : []) + restartIfRunning() + followApp()
  }

  /// A running Tornado reference serves the same app as the Squall server: switched with it.
  mutating func followApp() -> [Effect] {
    let serving: ExampleApp?
    switch tornado {
    case .running(let app, _, _), .starting(let app): serving = app
    case .off, .unavailable: serving = nil
    }
    guard let serving, serving != app else { return [] }
    tornado = .starting(app: app)
    tornadoFollowsApp = true
    return [.startTornado(app: app)]
  }
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
