extension JSONValue {
  /// The bytes Tornado's `json_encode` writes for this value: Python's `json.dumps` defaults
  /// (`", "` and `": "`, non-ASCII and control characters as `\uXXXX`, surrogate pairs above
  /// U+FFFF, floats as Python's `repr`: `1.0`, `1e+100`, `NaN`, `Infinity`) and `</` written
  /// `<\/`. Pure: no I/O; linear in the output.
  public var tornadoBytes: [UInt8] {
    var out: [UInt8] = []
    append(to: &out)
    return out
  }

  private func append(to out: inout [UInt8]) {
    switch self {
    case .null: out += Array("null".utf8)
    case .bool(let value): out += Array((value ? "true" : "false").utf8)
    case .int(let value): out += Array(String(value).utf8)
    case .double(let value): out += Array(Self.pythonRepr(value).utf8)
    case .string(let value): Self.appendString(value, to: &out)
    case .array(let values):
      out.append(UInt8(ascii: "["))
      for (index, value) in values.enumerated() {
        if index > 0 { out += [UInt8(ascii: ","), UInt8(ascii: " ")] }
        value.append(to: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let pairs):
      out.append(UInt8(ascii: "{"))
      for (index, pair) in pairs.enumerated() {
        if index > 0 { out += [UInt8(ascii: ","), UInt8(ascii: " ")] }
        Self.appendString(pair.key, to: &out)
        out += [UInt8(ascii: ":"), UInt8(ascii: " ")]
        pair.value.append(to: &out)
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  /// Python's `repr(float)`, which `json.dumps` writes: the shortest digits that read back
  /// (Swift's `description` finds the same ones), laid out as Python does — an exponent when the
  /// decimal point would stand 16 or more places right (`1e+16`) or 4 or more places left of the
  /// first digit (`1e-05`), else plain with at least one decimal (`9500000000000000.0`, where
  /// Swift writes `9.5e+15`).
  static func pythonRepr(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
    let text = value.magnitude.description
    let sign = value.sign == .minus ? "-" : ""
    // Swift's shortest digits and where the decimal point goes: 0.d1d2… × 10^point.
    let (mantissa, exponent) =
      text.split(separator: "e").count == 2
      ? (String(text.split(separator: "e")[0]), Int(text.split(separator: "e")[1]) ?? 0) : (text, 0)
    let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
    let whole = String(parts[0])
    let fraction = parts.count > 1 ? String(parts[1]) : ""
    var digits = whole + fraction
    var point = whole.count + exponent
    while digits.count > 1, digits.first == "0" {
      digits.removeFirst()
      point -= 1
    }
    while digits.count > 1, digits.last == "0" { digits.removeLast() }
    if digits == "0" { return sign + "0.0" }
    if point > 16 || point < -3 {
      let rest = digits.dropFirst()
      let power = point - 1
      let powerText = (power < 0 ? "-" : "+") + (abs(power) < 10 ? "0" : "") + String(abs(power))
      return sign + String(digits.first!) + (rest.isEmpty ? "" : "." + rest) + "e" + powerText
    }
    if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + digits }
    if point >= digits.count { return sign + digits + String(repeating: "0", count: point - digits.count) + ".0" }
    return sign + digits.prefix(point) + "." + digits.dropFirst(point)
  }

  private static func appendString(_ text: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var previous: UInt16 = 0
    for unit in text.utf16 {
      switch unit {
      case 0x22: out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
      case 0x5C: out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
      case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
      case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
      case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
      case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
      case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
      case 0x2F where previous == 0x3C: out += [UInt8(ascii: "\\"), UInt8(ascii: "/")]  // Tornado's `</`
      case 0x20...0x7E: out.append(UInt8(unit))
      default:
        let digits = Array(String(unit, radix: 16).utf8)
        out +=
          [UInt8(ascii: "\\"), UInt8(ascii: "u")] + Array(repeating: UInt8(ascii: "0"), count: 4 - digits.count)
          + digits
      }
      previous = unit
    }
    out.append(UInt8(ascii: "\""))
  }
}
