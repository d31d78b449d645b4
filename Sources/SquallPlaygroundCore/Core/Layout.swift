/// Where each pane goes for a screen size: server and builder on the left, log and lessons on
/// the right, two status rows at the bottom; a zoomed pane takes the whole area.
package struct Layout: Equatable, Sendable {
  package var panes: [Pane: Rect] = [:]
  package var keysBar: Rect
  package var statusBar: Rect

  package init(size: Size, zoomed: Pane? = nil) {
    let area = Rect(x: 0, y: 0, width: size.width, height: size.height - 2)
    keysBar = Rect(x: 0, y: size.height - 2, width: size.width, height: 1)
    statusBar = Rect(x: 0, y: size.height - 1, width: size.width, height: 1)
    if let zoomed {
      panes[zoomed] = area
      return
    }
    let leftWidth = max(38, size.width * 2 / 5)
    let rightWidth = size.width - leftWidth
    let serverHeight = area.height * 11 / 20
    let logHeight = area.height * 3 / 5
    panes[.server] = Rect(x: 0, y: 0, width: leftWidth, height: serverHeight)
    panes[.builder] = Rect(x: 0, y: serverHeight, width: leftWidth, height: area.height - serverHeight)
    panes[.log] = Rect(x: leftWidth, y: 0, width: rightWidth, height: logHeight)
    panes[.lessons] = Rect(x: leftWidth, y: logHeight, width: rightWidth, height: area.height - logHeight)
  }

  /// The pane under a cell.
  package func pane(atX x: Int, y: Int) -> Pane? {
    Pane.allCases.first { panes[$0]?.contains(x: x, y: y) == true }
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
