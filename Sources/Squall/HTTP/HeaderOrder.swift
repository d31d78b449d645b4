import NIOHTTP1

extension HTTPHeaders {
  /// Tornado's `HTTPHeaders.__setitem__`: a header already present takes the new value in the
  /// place of its first line (further lines of that name go); a new one is appended. NIO's
  /// `replaceOrAdd` moves it to the end instead, which changes the order on the wire. Costs one
  /// rebuild of the (short) list only when the header was already there.
  mutating func setKeepingPlace(name: String, value: String) {
    guard contains(name: name) else {
      add(name: name, value: value)
      return
    }
    var rebuilt = HTTPHeaders()
    rebuilt.reserveCapacity(count)
    var placed = false
    for (existing, old) in self {
      if existing.utf8.count == name.utf8.count, existing.lowercased() == name.lowercased() {
        if !placed { rebuilt.add(name: existing, value: value) }
        placed = true
      } else {
        rebuilt.add(name: existing, value: old)
      }
    }
    self = rebuilt
  }
}
