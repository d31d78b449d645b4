// ShellWords: split(quote(w)) == [w] for every word; split never traps; words split from any
// line quote back to the same words.
func check(_ bytes: [UInt8]) {
  let line = text(bytes)
  let word = line
  let back = try? ShellWords.split(ShellWords.quote(word))
  require(back == [word], "quote/split changed \(Array(word.unicodeScalars).map(\.value)) into \(back ?? [])")
  guard let words = try? ShellWords.split(line) else { return }
  let again = try? ShellWords.split(words.map(ShellWords.quote).joined(separator: " "))
  require(again == words, "words \(words) quoted and split again gave \(again ?? [])")
}
