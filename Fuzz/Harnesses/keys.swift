// KeyDecoder: never traps; text without Esc decodes to its own characters (nothing lost, no
// unknown key); an unknown key is shown with Esc written `\e` and no control character, so it
// never reaches the terminal raw; a sequence it knows, followed by anything, is still that key.
func check(_ bytes: [UInt8]) {
  let scalars = text(bytes).unicodeScalars.map(\.value)
  let keys = KeyDecoder.decode(scalars)
  for case .unknown(let shown) in keys {
    require(shown.hasPrefix("\\e"), "unknown key \(shown) does not start with \\e")
    require(!shown.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "unknown key \(shown) is raw")
  }
  if !scalars.contains(27) {
    let printable = scalars.filter { $0 >= 0x20 && $0 != 0x7F && !(0x80...0x9F).contains($0) }
    let typed = keys.compactMap { key -> UInt32? in
      if case .character(let character) = key { return character.unicodeScalars.first!.value }
      return nil
    }
    require(typed == printable, "text \(scalars) decoded to \(keys)")
    require(!keys.contains { if case .unknown = $0 { true } else { false } }, "text gave an unknown key")
  }
  let end: [UInt32] = [27, 0x5B, 0x34, 0x7E]  // ESC [ 4 ~
  require(KeyDecoder.decode(end + scalars).first == .end, "ESC [ 4 ~ then \(scalars) did not start with End")
}
