/// A file from a `multipart/form-data` body (Tornado's `HTTPFile`).
public struct UploadedFile: Sendable, Equatable {
  /// The client's file name.
  public var filename: String
  /// The bytes of the file.
  public var body: [UInt8]
  /// The part's `Content-Type`, `application/unknown` when missing.
  public var contentType: String
}

/// Parses `multipart/form-data` bodies as Tornado's `parse_multipart_form_data` does:
/// parts without a `name` are skipped, a body that does not end with the closing boundary is rejected.
enum MultipartParser {
  struct Form {
    var arguments = FormArguments()
    var files: [String: [UploadedFile]] = [:]
  }

  static func boundary(from contentType: String) -> String? {
    for field in contentType.split(separator: ";").dropFirst() {
      let pair = field.split(separator: "=", maxSplits: 1)
      guard pair.count == 2, pair[0].trimmingSpaces().lowercased() == "boundary" else { continue }
      var value = pair[1].trimmingSpaces()
      if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 {
        value = String(value.dropFirst().dropLast())
      }
      return value.isEmpty ? nil : value
    }
    return nil
  }

  static func parse(body: [UInt8], boundary: String) -> Form? {
    let delimiter = Array("--\(boundary)".utf8)
    let closing = delimiter + Array("--".utf8)
    // The closing delimiter must be present (possibly followed by CRLF / epilogue).
    guard let end = body.lastRange(of: closing) else { return nil }
    var form = Form()
    let content = body[..<end]
    for rawPart in content.split(separator: delimiter) {
      var part = rawPart[...]
      if part.starts(with: [13, 10]) { part = part.dropFirst(2) }
      if part.isEmpty || part.elementsEqual([13, 10]) { continue }
      guard let headerEnd = part.firstRange(of: [13, 10, 13, 10]) else { continue }
      let headerText = String(decoding: part[part.startIndex..<headerEnd.lowerBound], as: UTF8.self)
      var value = part[headerEnd.upperBound...]
      if value.suffix(2).elementsEqual([13, 10]) { value = value.dropLast(2) }
      var disposition: [String: String] = [:]
      var partType = "application/unknown"
      for line in headerText.split(separator: "\r\n") {
        let kv = line.split(separator: ":", maxSplits: 1)
        guard kv.count == 2 else { continue }
        let name = kv[0].trimmingSpaces().lowercased()
        if name == "content-disposition" {
          disposition = parseDisposition(String(kv[1]))
        } else if name == "content-type" {
          partType = kv[1].trimmingSpaces()
        }
      }
      guard disposition["_kind"] == "form-data", let name = disposition["name"] else { continue }
      if let filename = disposition["filename"] {
        form.files[name, default: []].append(
          UploadedFile(filename: filename, body: Array(value), contentType: partType))
      } else {
        form.arguments.append(name, String(decoding: value, as: UTF8.self))
      }
    }
    return form
  }

  static func parseDisposition(_ text: String) -> [String: String] {
    var result: [String: String] = [:]
    let fields = text.split(separator: ";")
    result["_kind"] = fields.first.map { $0.trimmingSpaces().lowercased() }
    for field in fields.dropFirst() {
      let pair = field.split(separator: "=", maxSplits: 1)
      guard pair.count == 2 else { continue }
      var value = pair[1].trimmingSpaces()
      if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 {
        value = String(value.dropFirst().dropLast()).replacingBackslashEscapes()
      }
      result[pair[0].trimmingSpaces().lowercased()] = value
    }
    return result
  }
}

extension StringProtocol {
  func trimmingSpaces() -> String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
    let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
    return String(String.UnicodeScalarView(scalars[first...last]))
  }
}

extension String {
  func replacingBackslashEscapes() -> String {
    var out = ""
    var escaping = false
    for character in self {
      if escaping {
        out.append(character)
        escaping = false
      } else if character == "\\" {
        escaping = true
      } else {
        out.append(character)
      }
    }
    return out
  }
}

extension Collection where Element: Equatable {
  func lastRange(of needle: [Element]) -> Index? {
    guard !needle.isEmpty, count >= needle.count else { return nil }
    var index = self.index(endIndex, offsetBy: -needle.count)
    while true {
      if self[index...].starts(with: needle) { return index }
      if index == startIndex { return nil }
      index = self.index(index, offsetBy: -1)
    }
  }
}
