/// The one scroll of a view read a page at a time (the builder's response, an open lesson, an
/// open log entry): what each move does to its first line. The end is clamped where the lines
/// are known (`clamped`). Pure.
enum Scroll {
  /// Lines a page moves.
  static let page = 10

  /// The first line after `move`. A view that knows its rows passes `page` (its rows less
  /// two: the line under the "↑ more" mark and one of context), so a page never skips a line.
  static func offset(_ offset: Int, after move: Move, page: Int = page) -> Int {
    switch move {
    case .up: max(0, offset - 1)
    case .down: offset + 1
    case .pageUp: max(0, offset - page)
    case .pageDown: offset + page
    case .top: 0
    case .bottom: Int.max / 2  // the view's end, once clamped
    }
  }

  /// `offset` kept within `lines` shown `rows` at a time (0 when they all fit).
  static func clamped(_ offset: Int, lines: Int, rows: Int) -> Int {
    min(max(0, offset), max(0, lines - rows))
  }
}
