import Foundation
import NIOHTTP1
import Squall
import SquallRequests
import SquallValues

extension RequestSpec {
  /// The request for Squall's `AsyncHTTPClient`, variables expanded; files of a multipart body
  /// are read through `readFile` (the file system by default).
  package func build(
    _ variables: Variables, boundary: String = "squall-\(UInt64.random(in: 1..<UInt64.max))",
    readFile: (String) -> [UInt8]? = { FileManager.default.contents(atPath: $0).map(Array.init) }
  ) throws(RequestProblem) -> HTTPRequest {
    if let problem = urlProblem(variables) { throw RequestProblem("URL: \(problem)") }
    if let problem = bodyProblem(variables) { throw RequestProblem(problem) }
    let expand = { (text: String) in variables.expand(text).text }
    let verb = method.trimmingCharacters(in: .whitespaces).uppercased()
    guard HeaderField.isValidMethod(verb) else {
      throw RequestProblem("the method must be one word, such as GET or PURGE")
    }
    var headers = HTTPHeaders()
    for row in enabledHeaders where !(row.name.isEmpty && row.value.isEmpty) {
      let name = row.name.trimmingCharacters(in: .whitespaces)
      let (value, missing) = variables.expand(row.value)
      if let name = missing.first { throw RequestProblem("header \(row.name): \(variables.whyMissing(name))") }
      if let problem = HeaderField.problem(name: name, value: value) { throw RequestProblem(problem) }
      headers.add(name: name, value: value)
    }
    var body: [UInt8]?
    switch bodyKind {
    case .none: body = nil
    case .raw, .json: body = Array(expand(self.body).utf8)
    case .form:
      body = Array(
        fields.filter(\.enabled).map { "\(Self.formEncode(expand($0.name)))=\(Self.formEncode(expand($0.value)))" }
          .joined(separator: "&").utf8)
    case .multipart:
      var bytes: [UInt8] = []
      for field in fields where field.enabled {
        bytes += Array("--\(boundary)\r\n".utf8)
        let name = expand(field.name).replacingOccurrences(of: "\"", with: "%22")
        if field.isFile {
          let path = expand(field.value)
          guard let contents = readFile(path) else {
            throw RequestProblem("cannot read the file \(path) for the form field \(name)")
          }
          let filename = (path as NSString).lastPathComponent.replacingOccurrences(of: "\"", with: "%22")
          bytes += Array(
            "Content-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
              .utf8)
          bytes += contents
        } else {
          bytes += Array("Content-Disposition: form-data; name=\"\(name)\"\r\n\r\n".utf8)
          bytes += Array(expand(field.value).utf8)
        }
        bytes += Array("\r\n".utf8)
      }
      bytes += Array("--\(boundary)--\r\n".utf8)
      body = bytes
    }
    if body != nil, !headers.contains(name: "Content-Type"), let type = contentType(boundary: boundary) {
      headers.add(name: "Content-Type", value: type)
    }
    if body == nil, BodyMethods.expectBody(verb) { body = [] }
    var request = HTTPRequest(
      resolvedURL(variables).url, method: verb, headers: headers, body: body,
      connectTimeout: options.connectTimeout, requestTimeout: options.requestTimeout,
      followRedirects: options.followRedirects, maxRedirects: options.maxRedirects,
      decompressResponse: options.decompressResponse, allowNonstandardMethods: true)
    if !username.isEmpty || !password.isEmpty {
      request.authUsername = expand(username)
      request.authPassword = expand(password)
    }
    return request
  }
}
