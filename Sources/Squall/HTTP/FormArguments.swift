/// Ordered name → values pairs from a query string or form body (Tornado's `arguments` dicts).
public struct FormArguments: Sendable, Equatable {
  /// Names in first-seen order, each with every value given for it.
  public private(set) var items: [(name: String, values: [String])] = []

  /// An empty set of arguments.
  public init() {}

  /// Tornado's `ParseUrlEncodedConfig.max_arguments` (6.5.8): more arguments than this in a
  /// query or a urlencoded body answer `400` (a name's lookup here grows with the names, so an
  /// unbounded count would be quadratic).
  public static let maxArguments = 1000

  /// Whether `string` holds more than `maxArguments` arguments. Counts separators only.
  static func exceedsLimit(_ string: String) -> Bool {
    var count = 0
    var previous: UInt8 = UInt8(ascii: "&")
    for byte in string.utf8 {
      if previous == UInt8(ascii: "&") && byte != UInt8(ascii: "&") {
        count += 1
        if count > maxArguments { return true }
      }
      previous = byte
    }
    return false
  }

  /// Parses `a=1&b=2&a=3` with `+` as space and percent-decoding, keeping blank values.
  public init(urlEncoded string: String) {
    for pair in string.split(separator: "&", omittingEmptySubsequences: true) {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = PercentCoding.decodeFormComponent(parts[0])
      let value = parts.count > 1 ? PercentCoding.decodeFormComponent(parts[1]) : ""
      append(name, value)
    }
  }

  /// Adds one value for `name`.
  public mutating func append(_ name: String, _ value: String) {
    if let index = items.firstIndex(where: { $0.name == name }) {
      items[index].values.append(value)
    } else {
      items.append((name, [value]))
    }
  }

  /// Every value given for `name`, in order.
  public subscript(name: String) -> [String] {
    items.first { $0.name == name }?.values ?? []
  }

  /// The argument names, in first-seen order.
  public var names: [String] { items.map(\.name) }

  /// `true` when there are no arguments.
  public var isEmpty: Bool { items.isEmpty }

  func merging(_ other: FormArguments) -> FormArguments {
    var result = self
    for (name, values) in other.items { for value in values { result.append(name, value) } }
    return result
  }

  public static func == (lhs: FormArguments, rhs: FormArguments) -> Bool {
    lhs.items.count == rhs.items.count
      && zip(lhs.items, rhs.items).allSatisfy { $0.name == $1.name && $0.values == $1.values }
  }
}

/// Percent-encoding helpers (Tornado's `url_unescape` / `url_escape`).
public enum PercentCoding {
  /// Decodes `%XX` escapes; with `plus`, `+` becomes a space. Invalid escapes are kept as they are.
  public static func decode<S: StringProtocol>(_ text: S, plusAsSpace: Bool = false) -> String {
    // Most names and values hold nothing to decode: copied as they are, no byte array.
    let needsWork = text.utf8.contains { $0 == UInt8(ascii: "%") || (plusAsSpace && $0 == UInt8(ascii: "+")) }
    guard needsWork else { return String(text) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    var iterator = Array(text.utf8)[...]
    while let byte = iterator.popFirst() {
      if byte == UInt8(ascii: "%"), iterator.count >= 2,
        let high = hexValue(iterator[iterator.startIndex]),
        let low = hexValue(iterator[iterator.startIndex + 1])
      {
        bytes.append(high << 4 | low)
        iterator = iterator.dropFirst(2)
      } else if plusAsSpace && byte == UInt8(ascii: "+") {
        bytes.append(UInt8(ascii: " "))
      } else {
        bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  static func decodeFormComponent<S: StringProtocol>(_ text: S) -> String {
    decode(text, plusAsSpace: true)
  }

  /// Escapes everything but unreserved characters; `plus` writes spaces as `+`.
  public static func encode(_ text: String, plus: Bool = true, safe: Set<UInt8> = []) -> String {
    var out = ""
    for byte in text.utf8 {
      if isUnreserved(byte) || safe.contains(byte) {
        out.unicodeScalars.append(Unicode.Scalar(byte))
      } else if plus && byte == UInt8(ascii: " ") {
        out += "+"
      } else {
        out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
      }
    }
    return out
  }

  static func isUnreserved(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
      UInt8(ascii: "_"), UInt8(ascii: "~"):
      return true
    default: return false
    }
  }

  static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    default: return nil
    }
  }
}
