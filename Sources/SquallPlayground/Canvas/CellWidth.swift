/// Terminal column widths, without depending on the C locale (the tests' grid and the real
/// terminal must agree): combining marks take 0 columns, East Asian wide characters and most
/// emoji take 2, everything else 1.
enum CellWidth {
  static func of(_ scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value == 0 { return 0 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value) || (0xAC00...0xD7A3).contains(value)
      || (0xF900...0xFAFF).contains(value) || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
      || (0xFFE0...0xFFE6).contains(value) || (0x1F300...0x1F64F).contains(value)
      || (0x1F900...0x1F9FF).contains(value) || (0x20000...0x3FFFD).contains(value)
    {
      return 2
    }
    return 1
  }

  static func of(_ text: String) -> Int { text.unicodeScalars.reduce(0) { $0 + of($1) } }

  /// The longest prefix of `text` that fits in `columns`.
  static func clip(_ text: String, to columns: Int) -> String {
    guard columns > 0 else { return "" }
    var used = 0
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      let width = of(scalar)
      if used + width > columns { break }
      used += width
      out.append(scalar)
    }
    return String(out)
  }

  /// `text` clipped to `columns`, ending in "…" when it was cut.
  static func truncate(_ text: String, to columns: Int) -> String {
    if of(text) <= columns { return text }
    guard columns > 1 else { return clip(text, to: columns) }
    return clip(text, to: columns - 1) + "…"
  }

  /// `text` padded with spaces (or truncated) to exactly `columns`.
  static func pad(_ text: String, to columns: Int) -> String {
    let clipped = truncate(text, to: columns)
    return clipped + String(repeating: " ", count: max(0, columns - of(clipped)))
  }
}
