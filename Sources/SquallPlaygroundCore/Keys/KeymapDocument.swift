/// README's key table, made from the keymap (`KeymapTests` checks README's copy against it).
package enum KeymapDocument {
  /// A Markdown table: where, keys, what they do; every binding, the overlays' and editors'
  /// keys, then the text fields'.
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
    for modal in Modal.allCases {
      for row in modal.rows {
        let keys = row.keys.isEmpty ? "(typing)" : "`" + row.keys.replacingOccurrences(of: "|", with: "\\|") + "`"
        rows.append("| \(modal.title) | \(keys) | \(row.explained) |")
      }
    }
    for binding in FieldKeys.bindings {
      rows.append("| In a text field | \(keys(binding.keys)) | \(binding.summary) |")
    }
    return rows.joined(separator: "\n")
  }
}
