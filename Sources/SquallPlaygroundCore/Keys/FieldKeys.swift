/// What a key does in a text field: the keys of a shell prompt.
enum FieldEdit: Sendable, CaseIterable {
  case left, right, home, end, wordLeft, wordRight
  case deleteBack, deleteForward, deleteWordBack, deleteToStart, deleteToEnd, undo

  /// Whether the edit moves the cursor (a selected whole is then kept for editing).
  var moves: Bool { [.left, .right, .home, .end, .wordLeft, .wordRight].contains(self) }
  /// Whether the edit deletes (a selected whole is then cleared).
  var deletes: Bool { [.deleteBack, .deleteForward, .deleteWordBack, .deleteToStart, .deleteToEnd].contains(self) }
}

/// The text fields' keymap: `TextField.apply` reads it, and help and README list it.
enum FieldKeys {
  struct Binding: Sendable {
    var edit: FieldEdit
    var keys: [Key]
    var summary: String
    var label: String { keys.map(\.label).joined(separator: " ") }
  }

  static let bindings: [Binding] = [
    Binding(edit: .left, keys: [.left, .control("b")], summary: "a character left"),
    Binding(edit: .right, keys: [.right, .control("f")], summary: "a character right"),
    Binding(edit: .home, keys: [.home, .control("a")], summary: "to the start"),
    Binding(edit: .end, keys: [.end, .control("e")], summary: "to the end"),
    Binding(edit: .wordLeft, keys: [.alt("b")], summary: "a word left"),
    Binding(edit: .wordRight, keys: [.alt("f")], summary: "a word right"),
    Binding(edit: .deleteBack, keys: [.backspace], summary: "delete the character before the cursor"),
    Binding(edit: .deleteForward, keys: [.delete, .control("d")], summary: "delete the character under the cursor"),
    Binding(edit: .deleteWordBack, keys: [.control("w")], summary: "delete the word before the cursor"),
    Binding(edit: .deleteToStart, keys: [.control("u")], summary: "delete to the start"),
    Binding(edit: .deleteToEnd, keys: [.control("k")], summary: "delete to the end"),
    Binding(edit: .undo, keys: [.control("z")], summary: "undo (a replaced value comes back whole)"),
  ]

  private static let byKey: [Key: FieldEdit] = {
    var index: [Key: FieldEdit] = [:]
    for binding in bindings { for key in binding.keys { index[key] = binding.edit } }
    return index
  }()

  /// The edit a key makes in a text field, or nil (typed text, or a key fields do not use).
  static func edit(for key: Key) -> FieldEdit? { byKey[key] }
}
