/// README's key table, made from the keymap (`KeymapTests` checks README's copy against it).
package enum KeymapDocument {
  /// A Markdown table: where, keys, what they do; every binding, then the text fields' keys.
  /// Pure.
  package static var markdown: String {
    func keys(_ list: [Key]) -> String {
      list.map { "`" + $0.label.replacingOccurrences(of: "|", with: "\\|") + "`" }.joined(separator: " ")
    }
    var rows = ["| Where | Keys | What they do |", "|---|---|---|"]
    for binding in Keymap.bindings {
      let summary = binding.summary + (binding.when == .always ? "" : " (\(binding.when.place))")
      rows.append("| \(binding.pane?.title ?? "Everywhere") | \(keys(binding.keys)) | \(summary) |")
    }
    for binding in FieldKeys.bindings {
      rows.append("| In a text field | \(keys(binding.keys)) | \(binding.summary) |")
    }
    return rows.joined(separator: "\n")
  }
}
