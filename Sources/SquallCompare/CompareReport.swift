import Foundation

/// A comparison as lines of text, for `squall compare` and the playground's Compare tab: a row
/// per line, the value once when both sides agree, each side's when they do not. Pure.
package enum CompareReport {
  /// The marks of the compact form, readable without colour.
  package static let legend = "= same ~ set aside ≈ documented ≠ differs"

  /// Each line with the kind of the row it belongs to (nil for the summary and blank lines).
  /// `compact` (a narrow pane): a mark and `Name: value` per row, no columns.
  package static func styledLines(_ comparison: Comparison, tornado: String = "Tornado", compact: Bool = false) -> [(
    text: String, kind: Comparison.Row.Kind?
  )] {
    if compact { return compactLines(comparison, tornado: tornado) }
    let width = max(14, (comparison.rows.map { $0.label.count }.max() ?? 0) + 2)
    let indent = String(repeating: " ", count: width + 2)
    var lines: [(String, Comparison.Row.Kind?)] = []
    for row in comparison.rows {
      let label = row.label.padding(toLength: width, withPad: " ", startingAt: 0)
      switch row.kind {
      case .same:
        lines.append(("  \(label)same        \(row.tornado)", row.kind))
      case .shown:
        lines.append(("  \(label)            \(tornado) \(row.tornado) · Squall \(row.squall)", row.kind))
      case .normalised(let reason):
        lines.append(("  \(label)normalised  (\(reason)) \(row.tornado) · \(row.squall)", row.kind))
      case .documented(let reason):
        lines.append(("  \(label)documented  \(reason)", row.kind))
        lines.append(("\(indent)\(tornado): \(row.tornado)", row.kind))
        lines.append(("\(indent)Squall: \(row.squall)", row.kind))
      case .different:
        lines.append(("  \(label)DIFFERENT", row.kind))
        lines.append(("\(indent)\(tornado): \(row.tornado)", row.kind))
        lines.append(("\(indent)Squall: \(row.squall)", row.kind))
      }
    }
    lines.append(("", nil))
    lines.append((comparison.summary, nil))
    return lines
  }

  static func compactLines(_ comparison: Comparison, tornado: String) -> [(String, Comparison.Row.Kind?)] {
    var lines: [(String, Comparison.Row.Kind?)] = [(legend, nil)]
    for row in comparison.rows {
      switch row.kind {
      case .same: lines.append(("= \(row.label): \(row.tornado)", row.kind))
      case .shown: lines.append(("  \(row.label): \(tornado) \(row.tornado) · Squall \(row.squall)", row.kind))
      case .normalised(let reason): lines.append(("~ \(row.label): \(reason)", row.kind))
      case .documented(let reason):
        lines.append(("≈ \(row.label): \(reason)", row.kind))
        lines.append(("    \(tornado): \(row.tornado) · Squall: \(row.squall)", row.kind))
      case .different:
        lines.append(("≠ \(row.label)", row.kind))
        lines.append(("    \(tornado): \(row.tornado)", row.kind))
        lines.append(("    Squall: \(row.squall)", row.kind))
      }
    }
    lines.append(("", nil))
    lines.append((comparison.summary, nil))
    return lines
  }

  package static func lines(_ comparison: Comparison, tornado: String = "Tornado") -> [String] {
    styledLines(comparison, tornado: tornado).map(\.text)
  }

  package static func text(_ comparison: Comparison, title: String, tornado: String) -> String {
    ([title, ""] + lines(comparison, tornado: tornado)).joined(separator: "\n")
  }
}
