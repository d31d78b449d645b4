import Foundation

// The one JSON reader agrees with Foundation's on validity, except where Foundation is not a
// validator (documented below); the re-indenter keeps every token byte for byte and never traps;
// JSONPaths gives the same paths for the same document however it is spaced.
func check(_ bytes: [UInt8]) {
  // Total on any bytes.
  _ = JSONReindent.reindent(bytes, indent: 2)
  let strict = JSONCheck.isValid(bytes)
  let reference = (try? JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed)) != nil
  if strict != reference {
    switch documentedDifference(bytes) {
    case .strictRefuses: require(!strict, "JSONCheck accepts what RFC 8259 refuses: \(Array(bytes.prefix(80)))")
    case .strictAccepts: require(strict, "JSONCheck refuses valid JSON: \(Array(bytes.prefix(80)))")
    case .either: break
    case nil:
      require(false, "JSONCheck says \(strict), JSONSerialization says \(reference) for \(Array(bytes.prefix(80)))")
    }
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
func tokens(_ bytes: [UInt8]) -> [UInt8] { structure(bytes, keepStrings: true) }

/// The bytes outside strings, whitespace dropped (a string stands as `""`): where a comma
/// before a bracket or the nesting depth can be read.
func outsideStrings(_ bytes: [UInt8]) -> [UInt8] { structure(bytes, keepStrings: false) }

func structure(_ bytes: [UInt8], keepStrings: Bool) -> [UInt8] {
  var out: [UInt8] = []
  var inString = false
  var escaped = false
  for byte in bytes {
    if inString {
      let closing = !escaped && byte == UInt8(ascii: "\"")
      if keepStrings || closing { out.append(byte) }
      if escaped {
        escaped = false
      } else if byte == UInt8(ascii: "\\") {
        escaped = true
      } else if closing {
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

enum Difference { case strictRefuses, strictAccepts, either }

/// Where Foundation's `JSONSerialization` is known to differ from RFC 8259, and which side the
/// RFC takes: after a value it stops at a NUL and ignores what follows (`0\0]`: not JSON); it
/// takes a comma before a closing bracket (not JSON) and invalid UTF-8 (not JSON); it refuses
/// numbers past Double's range (JSON); unpaired surrogate escapes (`"\ud800"`, which the
/// grammar allows) and nesting past 500 levels (each reader's limit) may go either way.
func documentedDifference(_ bytes: [UInt8]) -> Difference? {
  if bytes.contains(0) { return .strictRefuses }
  if String(validating: bytes, as: UTF8.self) == nil { return .strictRefuses }
  if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return .strictRefuses }
  let text = String(decoding: bytes, as: UTF8.self).lowercased()
  let structure = outsideStrings(bytes)
  for (index, byte) in structure.enumerated() where byte == UInt8(ascii: ",") && index + 1 < structure.count {
    if structure[index + 1] == UInt8(ascii: "}") || structure[index + 1] == UInt8(ascii: "]") { return .strictRefuses }
  }
  if ["\\ud8", "\\ud9", "\\uda", "\\udb", "\\udc", "\\udd", "\\ude", "\\udf"].contains(where: text.contains) {
    return .either
  }
  var depth = 0
  var deepest = 0
  for byte in structure {
    if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") { depth += 1 }
    if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") { depth -= 1 }
    deepest = max(deepest, depth)
  }
  if deepest >= 500 { return .either }
  // A number past Double's range (`1e400`) is valid JSON; Foundation refuses it.
  var number = ""
  for scalar in text.unicodeScalars {
    if "0123456789.eE+-".unicodeScalars.contains(scalar) {
      number.unicodeScalars.append(scalar)
    } else {
      if let value = Double(number), !value.isFinite { return .strictAccepts }
      number = ""
    }
  }
  if let value = Double(number), !value.isFinite { return .strictAccepts }
  return nil
}
