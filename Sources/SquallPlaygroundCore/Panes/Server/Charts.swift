/// Small text charts for the server pane. Pure.
enum Charts {
  private static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  /// The newest `width` values as a sparkline scaled to their peak; zero, and the seconds
  /// before the history starts, are the lowest bar.
  static func sparkline(_ values: [Int], width: Int) -> String {
    guard width > 0 else { return "" }
    let shown = values.suffix(width)
    let peak = max(1, shown.max() ?? 1)
    let bars = shown.map { value -> Character in
      value <= 0 ? levels[0] : levels[min(levels.count - 1, 1 + (value * (levels.count - 2)) / peak)]
    }
    return String(repeating: levels[0], count: width - shown.count) + String(bars)
  }

  /// The status classes (index 1 = 2xx … 4 = 5xx) as a bar of `width` cells: one glyph and
  /// style per class (█ 2xx, ▓ 3xx, ▒ 4xx, ░ 5xx), so it reads without colour too. Each class
  /// seen gets at least one cell.
  static func statusBar(_ classes: [Int], width: Int) -> [(String, Style)] {
    let kinds: [(index: Int, glyph: String, style: Style)] = [
      (1, "█", .success), (2, "▓", .redirect), (3, "▒", .clientError), (4, "░", .serverError),
    ]
    let counts = kinds.map { classes.indices.contains($0.index) ? classes[$0.index] : 0 }
    let total = counts.reduce(0, +)
    guard width > 0, total > 0 else { return [(String(repeating: "·", count: max(0, width)), .dim)] }
    var cells = counts.map { $0 == 0 ? 0 : max(1, $0 * width / total) }
    // Give rounding leftovers (or take the excess) from the largest class.
    if let largest = cells.indices.max(by: { cells[$0] < cells[$1] }) {
      cells[largest] = max(1, cells[largest] + width - cells.reduce(0, +))
    }
    return zip(kinds, cells).compactMap { kind, count in
      count > 0 ? (String(repeating: kind.glyph, count: count), kind.style) : nil
    }
  }
}
