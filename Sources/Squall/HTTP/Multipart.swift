import Foundation

/// A file from a `multipart/form-data` body (Tornado's `HTTPFile`).
public struct UploadedFile: Sendable, Equatable {
  /// The client's file name.
  public var filename: String
  /// The bytes of the file.
  public var body: [UInt8]
  /// The part's `Content-Type`, `application/unknown` when missing.
  public var contentType: String
}

/// Parses `multipart/form-data` bodies as Tornado 6.6's `parse_multipart_form_data` does: the
/// first malformed part rejects the whole body (6.5.0, CVE-2025-47287: logging every bad part
/// filled logs), at most `maxParts` parts and `maxPartHeaderSize` bytes of headers per part, no
/// bare CR in part headers (6.5.5).
enum MultipartParser {
  /// Tornado's `ParseMultipartConfig.max_parts`.
  static let maxParts = 100
  /// Tornado's `ParseMultipartConfig.max_part_header_size`.
  static let maxPartHeaderSize = 10 * 1024

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

  /// The form, or what is wrong with the body in Tornado's words (the request then gets 400).
  static func parse(body: [UInt8], boundary: String) -> Result<Form, BodyProblem> {
    let delimiter = Array("--\(boundary)".utf8)
    let closing = delimiter + Array("--".utf8)
    // The closing delimiter must be present (possibly followed by CRLF / epilogue).
    guard let end = body.lastRange(of: closing) else {
      return .failure(BodyProblem("Invalid multipart/form-data: no final boundary found"))
    }
    var form = Form()
    // The parts: between one delimiter and the next, found with a byte search (memchr and
    // memcmp), not a generic collection split.
    var starts: [Int] = []
    var cursor = 0
    while let found = ByteSearch.find(delimiter, in: body, from: cursor, to: end) {
      starts.append(found + delimiter.count)
      cursor = found + delimiter.count
      guard starts.count <= maxParts + 1 else { break }
    }
    guard starts.count <= maxParts else { return .failure(BodyProblem("multipart/form-data has too many parts")) }
    let bounds = starts.enumerated().map { index, start in
      start..<(index + 1 < starts.count ? starts[index + 1] - delimiter.count : end)
    }
    let rawParts = bounds.map { body[$0] }
    for rawPart in rawParts {
      var part = rawPart[...]
      if part.starts(with: [13, 10]) { part = part.dropFirst(2) }
      if part.isEmpty { continue }
      guard let headerStart = ByteSearch.find([13, 10, 13, 10], in: body, from: part.startIndex, to: part.endIndex)
      else {
        return .failure(BodyProblem("multipart/form-data missing headers"))
      }
      let headerEnd = headerStart..<(headerStart + 4)
      let headerBytes = part[part.startIndex..<headerEnd.lowerBound]
      guard headerBytes.count <= maxPartHeaderSize else {
        return .failure(BodyProblem("multipart/form-data part header too large"))
      }
      let lines = headerBytes.split(separator: 13, omittingEmptySubsequences: false)
      // Every CR must start a CRLF: a bare CR could end a line for one reader and not another.
      guard lines.dropFirst().allSatisfy({ $0.first == 10 }) else {
        return .failure(BodyProblem("multipart/form-data part header has a bare CR"))
      }
      let headerText = String(decoding: headerBytes, as: UTF8.self)
      var value = part[headerEnd.upperBound...]
      guard value.suffix(2).elementsEqual([13, 10]) else { return .failure(BodyProblem("Invalid multipart/form-data")) }
      value = value.dropLast(2)
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
      guard disposition["_kind"] == "form-data" else { return .failure(BodyProblem("Invalid multipart/form-data")) }
      guard let name = disposition["name"] else { return .failure(BodyProblem("multipart/form-data missing name")) }
      if let filename = disposition["filename"] {
        form.files[name, default: []].append(
          UploadedFile(filename: filename, body: Array(value), contentType: partType))
      } else {
        form.arguments.append(name, String(decoding: value, as: UTF8.self))
      }
    }
    return .success(form)
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

/// Finding bytes in bytes. Pure.
enum ByteSearch {
  /// The first index of `needle` in `haystack[from..<to]`, or nil.
  static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int, to: Int) -> Int? {
    guard !needle.isEmpty, to - from >= needle.count else { return nil }
    return haystack.withUnsafeBufferPointer { hay in
      needle.withUnsafeBufferPointer { pin in
        var start = from
        let last = to - pin.count
        while start <= last {
          guard let hit = memchr(hay.baseAddress! + start, Int32(pin[0]), last - start + 1) else { return nil }
          let index = hay.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
          if memcmp(hay.baseAddress! + index, pin.baseAddress!, pin.count) == 0 { return index }
          start = index + 1
        }
        return nil
      }
    }
  }
}

/// Why a request body (or query) was not accepted: the request is answered `400 Bad Request`
/// before any handler runs, as Tornado's `HTTPInputError`.
public struct BodyProblem: Error, Sendable, Equatable, CustomStringConvertible {
  /// Tornado's words.
  public var message: String
  init(_ message: String) { self.message = message }
  public var description: String { message }
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
