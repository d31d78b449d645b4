import Foundation
import NIOHTTP1
import Squall
import SquallRequests
import SquallValues

/// Turns `squall fetch` arguments into an `HTTPRequest`.
struct FetchRequestBuilder {
  struct Failure: Error { var message: String }

  var url: String
  var method: String?
  var headers: [String] = []
  var data: String?
  var json: String?
  var form: [String] = []
  var timeout: Double = 20
  var connectTimeout: Double = 20
  var follow = false
  var maxRedirects = 5

  func build() throws -> HTTPRequest {
    var parsedHeaders = HTTPHeaders()
    for line in headers {
      let (name, value) = try Self.parseHeader(line)
      parsedHeaders.add(name: name, value: value)
    }
    var body: [UInt8]?
    if let data {
      body = try Self.readBody(data)
    } else if let json {
      body = Array(json.utf8)
      if !parsedHeaders.contains(name: "Content-Type") {
        parsedHeaders.add(name: "Content-Type", value: "application/json")
      }
      if !parsedHeaders.contains(name: "Accept") { parsedHeaders.add(name: "Accept", value: "application/json") }
    } else if !form.isEmpty {
      body = Array(Self.urlencode(form).utf8)
      if !parsedHeaders.contains(name: "Content-Type") {
        parsedHeaders.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
      }
    }
    let verb = (method ?? (body == nil ? "GET" : "POST")).uppercased()
    if body == nil, BodyMethods.expectBody(verb) { body = [] }
    return HTTPRequest(
      Self.normalize(url), method: verb, headers: parsedHeaders, body: body,
      connectTimeout: connectTimeout, requestTimeout: timeout, followRedirects: follow,
      maxRedirects: maxRedirects, allowNonstandardMethods: true)
  }

  /// `:8888/x` → `http://127.0.0.1:8888/x` (HTTPie's shorthand); no scheme → `http://`.
  static func normalize(_ url: String) -> String {
    if url.hasPrefix(":") { return "http://127.0.0.1" + url }
    if !url.contains("://") { return "http://" + url }
    return url
  }

  /// Splits `Name: value`, refusing names that HTTP does not allow and line breaks anywhere.
  static func parseHeader(_ line: String) throws -> (String, String) {
    guard let colon = line.firstIndex(of: ":") else {
      throw Failure(message: "a header must look like 'Name: value', got '\(TerminalSafe.escape(line))'")
    }
    let name = line[..<colon].trimmingCharacters(in: .whitespaces)
    let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    if let problem = HeaderField.problem(name: name, value: value) { throw Failure(message: problem) }
    return (name, value)
  }

  static func readBody(_ data: String) throws -> [UInt8] {
    guard data.hasPrefix("@") else { return Array(data.utf8) }
    let path = String(data.dropFirst())
    guard let contents = FileManager.default.contents(atPath: path) else {
      throw Failure(message: "cannot read the body file '\(TerminalSafe.escape(path))'")
    }
    return Array(contents)
  }

  /// `name=value` fields in the builder's one form encoding (`RequestSpec.formEncode`: only
  /// unreserved ASCII kept, so `Zürich` goes out as `Z%C3%BCrich`).
  static func urlencode(_ fields: [String]) -> String {
    fields.map { field in
      let parts = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let value = parts.count > 1 ? String(parts[1]) : ""
      return RequestSpec.formEncode(String(parts[0])) + "=" + RequestSpec.formEncode(value)
    }.joined(separator: "&")
  }
}
