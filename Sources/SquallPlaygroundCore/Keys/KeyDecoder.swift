/// Decodes what a terminal sends for keys curses did not recognise: the escape sequences of
/// xterm, tmux/screen, rxvt and the Linux console (ECMA-48 CSI `ESC [ params final`, SS3
/// `ESC O final`), Alt as Esc then a letter, control characters and text.
///
/// curses decodes the sequences its terminfo entry lists; everything else reaches the
/// playground as loose characters. Without this decoder `ESC [ 9 9 ~` would close the field
/// being typed in (the Esc) and type `[99~` into the next one. With it, a sequence it knows
/// becomes its key whatever the terminal (`ESC [ 4 ~` and `ESC [ F` are both End), and one it
/// does not becomes `.unknown`, which is ignored with a note and types nothing. Pure: no I/O.
package enum KeyDecoder {
  /// The keys in `scalars`, a run of input read at once. A terminal writes a sequence in one
  /// go, so one cut short at the end of a run is read as Esc and what followed it, typed.
  package static func decode(_ scalars: [UInt32]) -> [Key] {
    var keys: [Key] = []
    var index = 0
    while index < scalars.count {
      let (key, used) = decodeOne(scalars, from: index)
      if let key { keys.append(key) }
      index += max(1, used)
    }
    return keys
  }

  /// The key at `start` and how many scalars it took.
  static func decodeOne(_ scalars: [UInt32], from start: Int) -> (Key?, Int) {
    let first = scalars[start]
    guard first == escape else { return (character(first), 1) }
    guard start + 1 < scalars.count else { return (.escape, 1) }
    let second = scalars[start + 1]
    switch second {
    case 0x5B:  // [
      return csi(scalars, from: start)
    case 0x4F:  // O
      // Only a final SS3 knows is a sequence: Esc then "Ok" typed fast is Esc, O, k.
      guard start + 2 < scalars.count, let key = ss3(scalars[start + 2]) else { return (.escape, 1) }
      return (key, 3)
    case 0x62, 0x66, 0x64:  // b, f, d: Alt-b/f/d, the word keys of a field
      return (.alt(Character(UnicodeScalar(second)!)), 2)
    default:
      // An Esc typed just before another key stays an Esc; the key follows on its own.
      return (.escape, 1)
    }
  }

  /// `ESC [ params intermediates final`, or the Linux console's `ESC [ [ A`…`E` (F1–F5).
  static func csi(_ scalars: [UInt32], from start: Int) -> (Key?, Int) {
    var index = start + 2
    if index < scalars.count, scalars[index] == 0x5B {  // ESC [ [ A…E
      guard index + 1 < scalars.count else { return (.unknown(text(scalars[start...index])), index - start + 1) }
      let final = scalars[index + 1]
      let sequence = text(scalars[start...(index + 1)])
      guard (0x41...0x45).contains(final) else { return (.unknown(sequence), index + 2 - start) }
      return (.function(Int(final) - 0x40), index + 2 - start)
    }
    var parameters = ""
    while index < scalars.count, (0x30...0x3F).contains(scalars[index]) {
      parameters.unicodeScalars.append(UnicodeScalar(scalars[index])!)
      index += 1
    }
    while index < scalars.count, (0x20...0x2F).contains(scalars[index]) {
      // rxvt ends Shift-Home and the like with `$`, an intermediate byte in ECMA-48.
      let last = index + 1 >= scalars.count || !(0x20...0x7E).contains(scalars[index + 1])
      if scalars[index] == 0x24, last { break }
      index += 1
    }
    guard index < scalars.count, (0x40...0x7E).contains(scalars[index]) || scalars[index] == 0x24 else {
      // No final byte: an Esc, then what was typed after it (a sequence is written whole).
      return (.escape, 1)
    }
    let final = scalars[index]
    // `ESC [` then a lower-case letter with no parameters is Esc, then "[a" typed.
    if parameters.isEmpty, index == start + 2, (0x61...0x7A).contains(final) { return (.escape, 1) }
    let sequence = text(scalars[start...index])
    let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
    let key = csiKey(final: final, first: numbers.first ?? nil, count: numbers.count)
    return (key ?? .unknown(sequence), index + 1 - start)
  }

  /// The key of a complete CSI sequence (modifiers, the second parameter, are not told apart).
  static func csiKey(final: UInt32, first: Int?, count: Int) -> Key? {
    switch final {
    case 0x41: .up  // A
    case 0x42: .down  // B
    case 0x43: .right  // C
    case 0x44: .left  // D
    case 0x48: .home  // H
    case 0x46: .end  // F
    case 0x5A: .backTab  // Z
    case 0x50, 0x51, 0x52, 0x53: count > 1 ? .function(Int(final) - 0x4F) : nil  // ESC [ 1 ; 2 P: Shift-F1
    case 0x7E, 0x24, 0x5E, 0x40: tilde(first)  // ~, and rxvt's $ ^ @ (Shift, Ctrl, Ctrl-Shift)
    default: nil
    }
  }

  /// `ESC [ n ~`: the VT220 keys, as xterm, tmux and rxvt number them.
  static func tilde(_ number: Int?) -> Key? {
    switch number {
    case 1, 7: .home
    case 4, 8: .end
    case 3: .delete
    case 5: .pageUp
    case 6: .pageDown
    case 11, 12, 13, 14, 15: .function(number! - 10)
    case 17, 18, 19, 20, 21: .function(number! - 11)
    case 23, 24: .function(number! - 12)
    default: nil
    }
  }

  /// `ESC O final`: the keypad's application mode (xterm, tmux).
  static func ss3(_ final: UInt32) -> Key? {
    switch final {
    case 0x41: .up
    case 0x42: .down
    case 0x43: .right
    case 0x44: .left
    case 0x48: .home
    case 0x46: .end
    case 0x4D: .enter  // keypad Enter
    case 0x50, 0x51, 0x52, 0x53: .function(Int(final) - 0x4F)
    default: nil
    }
  }

  /// One character outside a sequence: control keys by name, text as itself.
  static func character(_ value: UInt32) -> Key? {
    switch value {
    case 9: .tab
    case 10, 13: .enter
    case 27: .escape
    case 8, 127: .backspace
    case 1...26: .control(Character(UnicodeScalar(value + 96)!))
    default:
      if value >= 0x20, value != 0x7F, !(0x80...0x9F).contains(value), let scalar = UnicodeScalar(value) {
        .character(Character(scalar))
      } else {
        nil
      }
    }
  }

  /// A sequence as it can be shown: Esc as `\e`, any other control character as `\u{hex}`.
  static func text(_ scalars: ArraySlice<UInt32>) -> String {
    scalars.map { value in
      if value == escape { return "\\e" }
      if value < 0x20 || (0x7F...0x9F).contains(value) { return "\\u{\(String(value, radix: 16))}" }
      return UnicodeScalar(value).map { String($0) } ?? "?"
    }.joined()
  }

  static let escape: UInt32 = 27
}
