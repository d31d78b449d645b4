/// Where each pane goes: one pure function of the screen's size, the focus, zoom, whether a
/// lesson is open and which pane its step works in, and the rows the coach and the status
/// message need.
///
/// - A lesson open: the lesson (right) and the pane the work happens in (left: the focused
///   pane, or the one the step names while the lesson has the focus) share the screen; the
///   other panes collapse to a row of summary each at the top, and expand when focused. At
///   80x24 this gives the lesson and the work 40x20 each, where four equal panes left 38x10.
/// - No lesson open: the four panes in two columns, the focused one's column wider and the
///   focused pane taller than its neighbour (the larger share).
/// - Zoomed: the focused pane takes the whole area; with a lesson open and another pane
///   zoomed, the step's coach keeps a strip at the bottom, so it is never out of sight.
///
/// Below the panes: the keys bar (one row) and the status message (as many rows as it needs
/// whole, up to `maxStatusRows`). Pure.
package struct Layout: Equatable, Sendable {
  /// Each pane drawn as a box.
  package var panes: [Pane: Rect] = [:]
  /// Each pane collapsed to one summary row.
  package var collapsed: [Pane: Rect] = [:]
  /// The step's coach when the Lessons pane is hidden by a zoomed pane.
  package var coach: Rect?
  package var keysBar: Rect
  /// The status message's rows (the first starts with the server's state).
  package var statusBar: Rect

  /// The most rows the status message takes; a longer one ends by pointing at the history.
  package static let maxStatusRows = 4

  /// - Parameters:
  ///   - lessonOpen: whether a lesson is open (its coach must stay in view).
  ///   - stepPane: the pane the current step names ("In the builder (F2)"), nil for none.
  ///   - statusRows: the rows the status message needs whole (clamped to 1...`maxStatusRows`).
  ///   - coachRows: the rows the coach needs when it is drawn as a strip (zoomed).
  package init(
    size: Size, focus: Pane = .server, zoomed: Bool = false, lessonOpen: Bool = false, stepPane: Pane? = nil,
    statusRows: Int = 1, coachRows: Int = 0
  ) {
    let status = min(max(1, statusRows), Self.maxStatusRows)
    let areaHeight = max(0, size.height - 1 - status)
    keysBar = Rect(x: 0, y: areaHeight, width: size.width, height: 1)
    statusBar = Rect(x: 0, y: areaHeight + 1, width: size.width, height: status)
    var area = Rect(x: 0, y: 0, width: size.width, height: areaHeight)
    if zoomed {
      if lessonOpen, focus != .lessons, coachRows > 0 {
        // The pane keeps at least half the area; the coach takes what it needs of the rest.
        let rows = min(coachRows, area.height / 2)
        coach = Rect(x: 0, y: area.height - rows, width: size.width, height: rows)
        area.height -= rows
      }
      panes[focus] = area
      return
    }
    if lessonOpen {
      let work = focus != .lessons ? focus : (stepPane.flatMap { $0 == .lessons ? nil : $0 } ?? .builder)
      let folded = Pane.allCases.filter { $0 != work && $0 != .lessons }
      for (row, pane) in folded.enumerated() {
        collapsed[pane] = Rect(x: 0, y: row, width: size.width, height: 1)
      }
      let top = folded.count
      let height = area.height - top
      // The lesson's text wraps, the coach with it: below 100 columns it gets the larger part
      // (46 of 80), so that its ▶, check and hint fit whole beside the work pane.
      let lessonWidth = size.width < 100 ? size.width * 4 / 7 : size.width / 2
      panes[work] = Rect(x: 0, y: top, width: size.width - lessonWidth, height: height)
      panes[.lessons] = Rect(x: size.width - lessonWidth, y: top, width: lessonWidth, height: height)
      return
    }
    // Two columns: server over builder, log over lessons. The focused column is the wider
    // (never below 38 columns on the left: the builder's tabs need them), the focused pane
    // the taller of its column.
    let leftFocused = focus == .server || focus == .builder
    let leftWidth = max(38, leftFocused ? size.width * 11 / 20 : size.width * 2 / 5)
    let rightWidth = size.width - leftWidth
    func split(_ topFocused: Bool?, evenTop: Int) -> Int {
      guard let topFocused else { return evenTop }
      let tall = area.height * 13 / 20
      return topFocused ? tall : area.height - tall
    }
    let serverHeight = split(leftFocused ? focus == .server : nil, evenTop: area.height * 11 / 20)
    let logHeight = split(leftFocused ? nil : focus == .log, evenTop: area.height * 3 / 5)
    panes[.server] = Rect(x: 0, y: 0, width: leftWidth, height: serverHeight)
    panes[.builder] = Rect(x: 0, y: serverHeight, width: leftWidth, height: area.height - serverHeight)
    panes[.log] = Rect(x: leftWidth, y: 0, width: rightWidth, height: logHeight)
    panes[.lessons] = Rect(x: leftWidth, y: logHeight, width: rightWidth, height: area.height - logHeight)
  }

  /// The pane under a cell, drawn whole or as its summary row.
  package func pane(atX x: Int, y: Int) -> Pane? {
    Pane.allCases.first { panes[$0]?.contains(x: x, y: y) == true || collapsed[$0]?.contains(x: x, y: y) == true }
  }

  /// Which entry of the visible log list a click on row `y` hits (0 = first shown).
  func logRow(atY y: Int, state: PlaygroundState, visible: VisibleEntries) -> Int? {
    guard let rect = panes[.log], !state.log.expanded else { return nil }
    let listTop = rect.y + 2  // border, then the filter line
    let rows = rect.height - 3
    guard y >= listTop, y < listTop + rows else { return nil }
    let first = LogView.firstShown(visible, selectedID: state.log.selectedID, rows: rows)
    return first + (y - listTop)
  }
}

extension Layout {
  /// The layout `state` is drawn in: its size, focus, zoom and open lesson, and the rows its
  /// message and coach need. Pure.
  package init(_ state: PlaygroundState) {
    let lessonOpen = state.lessons.open != nil
    let zoomed = state.zoomed
    self.init(
      size: state.size, focus: state.focus, zoomed: zoomed, lessonOpen: lessonOpen,
      stepPane: state.lessons.open.map { LessonsView.stepPane(LessonsView.currentStep($0, state.lessons)) },
      statusRows: StatusBar.lines(state, width: state.size.width).count,
      coachRows: zoomed && lessonOpen && state.focus != .lessons
        ? CoachView.lines(state, width: state.size.width - 2).count + 1 : 0)
  }
}
