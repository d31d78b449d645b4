/// The command palette (Ctrl-P or `:`): every command of every pane, filtered as the user
/// types, each with its key, run with Enter. Made from `Keymap.bindings`, so it lists exactly
/// what the keys do.
package struct PaletteState: Equatable, Sendable {
  package var list = FilterList()

  /// The commands the palette lists, in the keymap's order (one entry per command and pane).
  static let entries: [KeyBinding] = {
    var seen: Set<String> = []
    return Keymap.bindings.filter { binding in
      binding.inPalette && seen.insert("\(binding.command)").inserted
    }
  }()

  /// The entries matching `query`, best first. Pure.
  static func matches(_ query: String) -> [KeyBinding] {
    let needle = Array(query.lowercased().unicodeScalars.filter { $0 != " " })
    guard !needle.isEmpty else { return entries }
    let scored = entries.enumerated().compactMap { index, binding -> (Int, Int, KeyBinding)? in
      score(needle, in: haystack(binding)).map { ($0, index, binding) }
    }
    return scored.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }.map(\.2)
  }

  /// The text a query is matched against: the pane, what the command does, its keys.
  static func haystack(_ binding: KeyBinding) -> String {
    "\(binding.pane?.title ?? "everywhere") \(binding.summary) \(binding.label)".lowercased()
  }

  /// A fuzzy match: every character of the needle in order. Runs of adjacent characters and
  /// characters at the start of a word score more, and the whole needle found as one run
  /// most, so "har" ranks "export … HAR" first. nil when the needle is not a subsequence. Pure.
  static func score(_ needle: [Unicode.Scalar], in text: String) -> Int? {
    let haystack = Array(text.unicodeScalars)
    var score = 0
    var position = 0
    var previous = -2
    for scalar in needle {
      var found = position
      while found < haystack.count, haystack[found] != scalar { found += 1 }
      guard found < haystack.count else { return nil }
      score += 1
      if found == previous + 1 { score += 5 }
      if found == 0 || !isWordScalar(haystack[found - 1]) { score += 3 }
      previous = found
      position = found + 1
    }
    let compact = String(String.UnicodeScalarView(needle))
    if text.contains(compact) { score += 20 }
    return score
  }

  private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
  }
}

/// Keys while the palette is open: typing filters, ↑↓ (or Ctrl-N/Ctrl-P) choose, Enter runs,
/// Esc closes.
func updatePalette(_ state: inout PlaygroundState, _ key: Key) -> [Effect] {
  guard var palette = state.palette else { return [] }
  let found = PaletteState.matches(palette.list.query.text)
  switch palette.list.apply(key, count: found.count) {
  case .closed:
    state.palette = nil
  case .chosen(nil):
    state.setMessage("No command matches \"\(palette.list.query.text)\": Backspace widens the search.", error: true)
  case .chosen(let index?):
    state.palette = nil
    return runFromPalette(found[index], &state)
  case .changed:
    state.palette = palette
  }
  return []
}

/// Runs a command chosen by name: its pane takes the focus, the builder shows the section it
/// works in, and a command that still cannot run says where it works.
private func runFromPalette(_ binding: KeyBinding, _ state: inout PlaygroundState) -> [Effect] {
  if let pane = binding.pane { state.focus = pane }  // zoomed, the chosen pane is shown zoomed
  binding.when.prepare(&state)
  guard binding.when.holds(state) else {
    state.setMessage("\(binding.summary.capitalizedFirst) works \(binding.when.place).", error: true)
    return []
  }
  return perform(binding, &state)
}

extension String {
  /// The text with its first letter upper case ("export …" → "Export …").
  var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
