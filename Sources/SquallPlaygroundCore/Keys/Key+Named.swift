extension Key {
  /// The key `Key.label` writes as `name` (`Ctrl-R`, `Enter`, `F2`, `t`, `Space`), plus the
  /// arrows and pages as words (`Up`, `PgDn`): how lessons' solutions write keys. Pure.
  package init?(named name: String) {
    let words: [String: Key] = [
      "Up": .up, "Down": .down, "Left": .left, "Right": .right, "PageUp": .pageUp, "PageDown": .pageDown,
      "Escape": .escape, "Return": .enter,
    ]
    if let key = words[name] {
      self = key
      return
    }
    let named: [Key] =
      [
        .enter, .escape, .tab, .backTab, .backspace, .delete, .up, .down, .left, .right, .home, .end, .pageUp,
        .pageDown,
      ]
      + (1...12).map(Key.function) + [.character(" ")]
    if let key = named.first(where: { $0.label == name }) {
      self = key
    } else if name.hasPrefix("Ctrl-"), name.count == 6, let letter = name.last, letter.isLetter {
      self = .control(Character(letter.lowercased()))
    } else if name.hasPrefix("Alt-"), name.count == 5, let letter = name.last {
      self = .alt(Character(letter.lowercased()))
    } else if name.count == 1, let character = name.first {
      self = .character(character)
    } else {
      return nil
    }
  }
}
