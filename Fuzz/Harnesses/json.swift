import Foundation

// The one JSON reader agrees with Foundation's on validity, except where Foundation is not a
// validator (documented below); the re-indenter keeps every token byte for byte and never traps;
// JSONPaths gives the same paths for the same document however it is spaced.
func check(_ bytes: [UInt8]) {
  // Total on any bytes.
  _ = JSONReindent.reindent(bytes, indent: 2)
  let strict = JSONCheck.isValid(bytes)
  let reference = (try? JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed)) != nil
  if strict != reference && !documentedDifference(bytes, strict: strict) {
    require(false, "JSONCheck says \(strict), JSONSerialization says \(reference) for \(Array(bytes.prefix(80)))")
  }
  guard let pretty = JSONReindent.format(bytes) else {
    require(!strict, "format refused valid JSON")
    return
  }
  require(strict, "format accepted invalid JSON")
  let out = Array(pretty.utf8)
  require(tokens(out) == tokens(bytes), "re-indenting changed a token")
  require(JSONCheck.isValid(out), "re-indented JSON does not parse")
  // {{response.json.PATH}}: the paths do not depend on whitespace.
  require(
    JSONPaths.flatten(bytes).map(\.path) == JSONPaths.flatten(out).map(\.path), "re-indenting changed the paths")
}

/// The input with the whitespace outside strings removed: what re-indenting must not change.
func tokens(_ bytes: [UInt8]) -> [UInt8] {
  var out: [UInt8] = []
  var inString = false
  var escaped = false
  for byte in bytes {
    if inString {
      out.append(byte)
      if escaped {
        escaped = false
      } else if byte == UInt8(ascii: "\\") {
        escaped = true
      } else if byte == UInt8(ascii: "\"") {
        inString = false
      }
    } else if byte == UInt8(ascii: "\"") {
      inString = true
      out.append(byte)
    } else if ![0x20, 0x09, 0x0A, 0x0D].contains(byte) {
      out.append(byte)
    }
  }
  return out
}

/// Where Foundation's `JSONSerialization` is known to differ from RFC 8259, so the two may
/// disagree: it stops at a NUL after a value and ignores what follows (`0\0]`); it accepts
/// some invalid UTF-8 and unpaired surrogate escapes (`"\ud800"`) that a strict reader
/// refuses or accepts by the grammar; it limits nesting differently; it reads a leading BOM;
/// it takes a comma before a closing bracket; it refuses numbers past Double's range.
func documentedDifference(_ bytes: [UInt8], strict: Bool) -> Bool {
  if bytes.contains(0) { return true }
  if String(validatingUTF8: bytes.map { CChar(bitPattern: $0) } + [0]) == nil { return true }
  if bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
    return true
  }
  let text = String(decoding: bytes, as: UTF8.self).lowercased()
  if text.contains("\\ud8") || text.contains("\\ud9") || text.contains("\\uda") || text.contains("\\udb")
    || text.contains("\\udc") || text.contains("\\udd") || text.contains("\\ude") || text.contains("\\udf")
  {
    return true
  }
  // Foundation accepts a comma before `}` or `]` (`[1,]`); RFC 8259 does not.
  let structure = tokens(bytes)
  for (index, byte) in structure.enumerated() where byte == UInt8(ascii: ",") && index + 1 < structure.count {
    if structure[index + 1] == UInt8(ascii: "}") || structure[index + 1] == UInt8(ascii: "]") { return true }
  }
  // A number past Double's range (`1e400`) is valid JSON; Foundation refuses it.
  var number = ""
  for scalar in text.unicodeScalars {
    if "0123456789.eE+-".unicodeScalars.contains(scalar) {
      number.unicodeScalars.append(scalar)
    } else {
      if let value = Double(number), !value.isFinite { return true }
      number = ""
    }
  }
  if let value = Double(number), !value.isFinite { return true }
  var depth = 0
  var deepest = 0
  for byte in bytes {
    if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") { depth += 1 }
    if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") { depth -= 1 }
    deepest = max(deepest, depth)
  }
  return deepest >= 500
}
