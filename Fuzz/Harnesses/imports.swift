// Hurl and .http imports: any text gives entries and notes, never a trap; every note names a
// line of the file; every entry has a name a file can have; an entry written back as Hurl and
// read again is the same request.
func check(_ bytes: [UInt8]) {
  let source = text(bytes)
  let lineCount = source.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).count
  for imported in [HurlImport.parse(source, stem: "fuzz"), HTTPFileImport.parse(source, stem: "fuzz")] {
    for note in imported.notes {
      require((1...max(lineCount, 1)).contains(note.line), "note at line \(note.line) of \(lineCount): \(note)")
    }
    for entry in imported.entries {
      require(RequestName.isValid(entry.name), "entry named \(entry.name.debugDescription)")
    }
  }
  for entry in HurlImport.parse(source, stem: "fuzz").entries {
    let written = RequestExport.hurl.render(entry.spec, Variables())
    // What Hurl cannot say is written as a comment that says so, and does not come back.
    if written.contains("# not exported") { continue }
    let again = HurlImport.parse(written, stem: "again")
    require(
      again.entries.first?.spec == entry.spec,
      "\(source.debugDescription) imported as \(entry.spec), written as \(written.debugDescription), reads back as \(again)"
    )
  }
}
