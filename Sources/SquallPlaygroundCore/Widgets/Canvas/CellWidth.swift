/// Terminal column widths, the C library's (`wcwidth`, which terminals and tmux use), from a
/// table generated from it (`CellWidthTable.swift`) so that the tests' grid, which runs without
/// a locale, and the real terminal agree: combining marks and joiners take 0 columns, East Asian
/// wide characters and emoji with emoji presentation 2, everything else 1. A ZWJ sequence takes
/// the sum of its parts: the canvas does not draw the joiner (`GridCanvas.draw`), so every
/// terminal draws the parts, whether or not it would have joined them. Pure.
enum CellWidth {
  static func of(_ scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value == 0 { return 0 }
    if value < 0x300 { return 1 }  // ASCII and Latin-1 (the soft hyphen too, as wcwidth): fast
    if contains(zeroWidth, value) { return 0 }
    if contains(doubleWidth, value) { return 2 }
    return 1
  }

  /// Binary search in sorted, disjoint ranges.
  private static func contains(_ ranges: [ClosedRange<UInt32>], _ value: UInt32) -> Bool {
    var low = 0
    var high = ranges.count - 1
    while low <= high {
      let middle = (low + high) / 2
      if value < ranges[middle].lowerBound {
        high = middle - 1
      } else if value > ranges[middle].upperBound {
        low = middle + 1
      } else {
        return true
      }
    }
    return false
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
    // A joiner left at the end would join whatever is drawn next.
    while out.last == "\u{200D}" { out.removeLast() }
    return String(out)
  }

  /// `text` clipped to `columns`, ending in "…" when it was cut.
  static func truncate(_ text: String, to columns: Int) -> String {
    if of(text) <= columns { return text }
    guard columns > 1 else { return clip(text, to: columns) }
    return clip(text, to: columns - 1) + "…"
  }

  /// `text` padded with spaces (or truncated) to exactly `columns`.
  static func pad(_ text: String, to columns: Int, fill: Character = " ") -> String {
    let clipped = truncate(text, to: columns)
    return clipped + String(repeating: fill, count: max(0, columns - of(clipped)))
  }
}

extension CellWidth {
  /// `text` broken into lines of at most `columns`, at spaces where it can, mid-word where a
  /// word is longer than a line; continuation lines start with `indent`. Nothing is lost.
  ///
  /// Counts columns as `clip` does, scalar by scalar, and keeps a combining mark or a ZWJ
  /// sequence on one line with what it joins (a cluster that would spill starts the next
  /// line). One pass: a line of a megabyte wraps in time proportional to its length.
  static func wrap(_ text: String, to columns: Int, indent: String = "") -> [String] {
    let indentWidth = of(indent)
    guard columns > indentWidth + 1, of(text) > columns else { return [text] }
    var lines: [String] = []
    var line: [Unicode.Scalar] = []
    var used = 0  // columns of the line so far, its indent included
    var afterSpace: Int?  // where the line may break: just after its last space
    var clusterStart = 0  // where the cluster being read began
    func emit(_ scalars: ArraySlice<Unicode.Scalar>) {
      var view = String.UnicodeScalarView()
      view.append(contentsOf: scalars)
      lines.append((lines.isEmpty ? "" : indent) + String(view))
    }
    for scalar in text.unicodeScalars {
      let width = of(scalar)
      let joins = !line.isEmpty && (width == 0 || line.last == "\u{200D}")
      if !joins { clusterStart = line.count }
      while used + width > columns && !line.isEmpty {
        // Break after the last space, or else before the cluster that does not fit (what is
        // carried to the next line may still leave no room: then again).
        let cut = afterSpace ?? (clusterStart > 0 ? clusterStart : line.count)
        emit(line[..<cut])
        line.removeFirst(cut)
        clusterStart = max(0, clusterStart - cut)
        used = indentWidth + line.reduce(0) { $0 + of($1) }
        afterSpace = nil
      }
      line.append(scalar)
      used += width
      if scalar == " " && line.count > 1 { afterSpace = line.count }
    }
    if !line.isEmpty || lines.isEmpty { emit(line[...]) }
    return lines
  }
}
