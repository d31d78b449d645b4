import Foundation

/// A comparison as lines of text, for `squall compare` and the playground's Compare tab: a row
/// per line, the value once when both sides agree, each side's when they do not. Pure.
public enum CompareReport {
  public static func lines(_ comparison: Comparison, tornado: String = "Tornado") -> [String] {
    let width = max(14, (comparison.rows.map { $0.label.count }.max() ?? 0) + 2)
    var lines: [String] = []
    for row in comparison.rows {
      let label = row.label.padding(toLength: width, withPad: " ", startingAt: 0)
      switch row.kind {
      case .same:
        lines.append("  \(label)same        \(row.tornado)")
      case .shown:
        lines.append("  \(label)            \(tornado) \(row.tornado) · Squall \(row.squall)")
      case .normalised(let reason):
        lines.append("  \(label)normalised  (\(reason)) \(row.tornado) · \(row.squall)")
      case .documented(let reason):
        lines.append("  \(label)documented  \(reason)")
        lines.append(sides(row, tornado: tornado, width: width))
      case .different:
        lines.append("  \(label)DIFFERENT")
        lines.append(sides(row, tornado: tornado, width: width))
      }
    }
    lines.append("")
    lines.append(comparison.summary)
    return lines
  }

  private static func sides(_ row: Comparison.Row, tornado: String, width: Int) -> String {
    let indent = String(repeating: " ", count: width + 2)
    return "\(indent)\(tornado): \(row.tornado)\n\(indent)Squall: \(row.squall)"
  }

  public static func text(_ comparison: Comparison, title: String, tornado: String) -> String {
    ([title, ""] + lines(comparison, tornado: tornado)).joined(separator: "\n")
  }
}
