/// SHA-1, used only for `Etag` values so they match Tornado's (`sha1(body).hexdigest()`).
/// Not for anything security-related.
struct SHA1 {
  private var state: (UInt32, UInt32, UInt32, UInt32, UInt32) = (
    0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0
  )
  private var pending: [UInt8] = []
  private var length: UInt64 = 0

  mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
    length &+= UInt64(bytes.count)
    pending.append(contentsOf: bytes)
    var offset = 0
    while pending.count - offset >= 64 {
      compress(pending[offset..<(offset + 64)])
      offset += 64
    }
    pending.removeFirst(offset)
  }

  mutating func hexDigest() -> String {
    let bitLength = length &* 8
    var tail: [UInt8] = [0x80]
    while (pending.count + tail.count) % 64 != 56 { tail.append(0) }
    for shift in stride(from: 56, through: 0, by: -8) {
      tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
    }
    pending.append(contentsOf: tail)
    var offset = 0
    while offset < pending.count {
      compress(pending[offset..<(offset + 64)])
      offset += 64
    }
    pending = []
    let words = [state.0, state.1, state.2, state.3, state.4]
    return words.map { String($0, radix: 16).leftPadded(to: 8) }.joined()
  }

  static func hexDigest<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    var hasher = SHA1()
    hasher.update(bytes)
    return hasher.hexDigest()
  }

  private mutating func compress(_ block: ArraySlice<UInt8>) {
    var w = [UInt32](repeating: 0, count: 80)
    var index = block.startIndex
    for t in 0..<16 {
      w[t] =
        UInt32(block[index]) << 24 | UInt32(block[index + 1]) << 16 | UInt32(block[index + 2]) << 8
        | UInt32(block[index + 3])
      index += 4
    }
    for t in 16..<80 {
      let x = w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16]
      w[t] = x << 1 | x >> 31
    }
    var (a, b, c, d, e) = state
    for t in 0..<80 {
      let f: UInt32
      let k: UInt32
      switch t {
      case 0..<20: (f, k) = ((b & c) | (~b & d), 0x5A82_7999)
      case 20..<40: (f, k) = (b ^ c ^ d, 0x6ED9_EBA1)
      case 40..<60: (f, k) = ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC)
      default: (f, k) = (b ^ c ^ d, 0xCA62_C1D6)
      }
      let temp = (a << 5 | a >> 27) &+ f &+ e &+ k &+ w[t]
      e = d
      d = c
      c = b << 30 | b >> 2
      b = a
      a = temp
    }
    state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e)
  }
}
