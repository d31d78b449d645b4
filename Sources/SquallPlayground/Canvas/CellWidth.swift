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

extension CellWidth {
  /// `text` broken into lines of at most `columns`, at spaces where it can, mid-word where a
  /// word is longer than a line; continuation lines start with `indent`. Nothing is lost.
  static func wrap(_ text: String, to columns: Int, indent: String = "") -> [String] {
    guard columns > CellWidth.of(indent) + 1, of(text) > columns else { return [text] }
    var lines: [String] = []
    var rest = Substring(text)
    var prefix = ""
    while !rest.isEmpty {
      let room = columns - of(prefix)
      let fitting = clip(String(rest), to: room)
      if fitting.count == rest.count {
        lines.append(prefix + rest)
        break
      }
      var cut = fitting.endIndex
      if let space = fitting.lastIndex(of: " "), space > fitting.startIndex { cut = fitting.index(after: space) }
      let taken = fitting[..<cut]
      lines.append(prefix + taken)
      rest = rest.dropFirst(taken.count)
      prefix = indent
    }
    return lines
  }
}
