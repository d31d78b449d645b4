/// A window on a list taller than its room that keeps one line (the selection, the line being
/// edited) in view, with a mark on its first row when lines are hidden above (`↑ 3 more`) and
/// on its last when lines are hidden below (`↓ 12 more`). Every list of the playground (the
/// server's settings, the builder's tables, popups, the lesson list) is shown through one. Pure.
struct ListWindow: Equatable {
  /// The index of the first line shown.
  var first: Int
  /// How many lines of the list are shown (the marks take the other rows).
  var shown: Int
  /// Lines hidden above and below the window.
  var above: Int
  var below: Int

  /// - Parameters:
  ///   - count: the list's lines.
  ///   - focus: the line to keep in view (nil: the top, or `start`).
  ///   - rows: the rows the list has, marks included.
  ///   - start: where the window starts when that keeps `focus` in view (a scroll kept).
  init(count: Int, focus: Int?, rows: Int, start: Int = 0) {
    let rows = max(0, rows)
    guard count > rows else {
      self.init(first: 0, shown: count, above: 0, below: 0)
      return
    }
    // Too small for marks: the focused line alone, or the top.
    guard rows >= 3 else {
      let first = min(max(0, focus ?? start), max(0, count - rows))
      self.init(first: first, shown: rows, above: first, below: count - first - rows)
      return
    }
    let target = min(max(0, focus ?? start), count - 1)
    var first = min(max(0, start), count - 1)
    // Lines shown from `first`: a row each less for the marks that are needed.
    func shown(from first: Int) -> Int {
      let top = first > 0 ? 1 : 0
      let fitsToEnd = count - first <= rows - top
      return fitsToEnd ? count - first : rows - top - 1
    }
    if target < first { first = target }
    while target >= first + shown(from: first) { first += 1 }
    // No empty rows at the end: pull the window back while everything still fits.
    while first > 0, count - (first - 1) <= rows - (first - 1 > 0 ? 1 : 0) { first -= 1 }
    let visible = shown(from: first)
    self.init(first: first, shown: visible, above: first, below: count - first - visible)
  }

  private init(first: Int, shown: Int, above: Int, below: Int) {
    self.first = first
    self.shown = shown
    self.above = above
    self.below = below
  }

  /// The indices shown.
  var indices: Range<Int> { first..<(first + shown) }

  /// The row the mark above takes (0) when there is one.
  var topMark: String? { above > 0 && shown > 0 ? "↑ \(above) more" : nil }
  /// The mark below, when lines are hidden there.
  var bottomMark: String? { below > 0 && shown > 0 ? "↓ \(below) more" : nil }

  /// Draws `lines` through the window in `rect`: the marks on their rows (dim), each line via
  /// `draw(index, row)`. Rows are relative to `rect`.
  func draw<C: Canvas>(in rect: Rect, into canvas: inout C, line draw: (Int, Int, inout C) -> Void) {
    var row = 0
    if let mark = topMark, rect.height >= 3 {
      canvas.draw(CellWidth.pad(" " + mark, to: rect.width), x: rect.x, y: rect.y, width: rect.width, style: .dim)
      row = 1
    }
    for index in indices {
      guard row < rect.height else { break }
      draw(index, row, &canvas)
      row += 1
    }
    if let mark = bottomMark, rect.height >= 3, row < rect.height {
      canvas.draw(CellWidth.pad(" " + mark, to: rect.width), x: rect.x, y: rect.y + row, width: rect.width, style: .dim)
    }
  }
}
