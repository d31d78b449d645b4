import Foundation
import SquallValues

/// `{{name}}` variables: `{{base}}` and `{{port}}` come from the running server, the rest from
/// the user's environment. Pure.
package struct Variables: Equatable, Sendable {
  package var values: [String: String]

  package init(_ values: [String: String] = [:]) { self.values = values }

  /// The server's variables: `base` (`http://127.0.0.1:8888`) and `port`, over `user`'s.
  package static func server(host: String, port: Int, user: [String: String] = [:]) -> Variables {
    var values = user
    values["base"] = "http://\(host):\(port)"
    values["port"] = String(port)
    values["host"] = host
    return Variables(values)
  }

  /// `text` with every known `{{name}}` replaced, and the names that were not known (left as
  /// typed). Spaces inside the braces are allowed: `{{ base }}`.
  package func expand(_ text: String) -> (text: String, missing: [String]) {
    var out = ""
    var missing: [String] = []
    var rest = Substring(text)
    while let open = rest.range(of: "{{") {
      out += rest[..<open.lowerBound]
      guard let close = rest[open.upperBound...].range(of: "}}") else {
        rest = rest[open.lowerBound...]
        break
      }
      let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
      if let value = value(of: name) {
        out += value
      } else {
        if !missing.contains(name) { missing.append(name) }
        out += rest[open.lowerBound..<close.upperBound]
      }
      rest = rest[close.upperBound...]
    }
    return (out + rest, missing)
  }

  /// The value of `name`; a response header's name is read without regard to case
  /// (`{{response.header.etag}}` is `{{response.header.Etag}}`).
  /// A saved request's is read the same way: `{{login.response.header.etag}}`.
  package func value(of name: String) -> String? {
    if let value = values[name] { return value }
    guard let header = name.range(of: Self.headerPrefix, options: .caseInsensitive) else { return nil }
    let request = name[..<header.lowerBound]
    guard request.isEmpty || request.hasSuffix(".") else { return nil }
    return values[request + Self.headerPrefix + name[header.upperBound...].lowercased()]
  }

  static let headerPrefix = "response.header."

  /// The last response as variables: `response.status`, `response.reason`, `response.body`
  /// (when it is UTF-8), `response.header.NAME` (first value, name in lower case) and
  /// `response.json.PATH` (`items[0].id`; see `JSONPaths`). Pure.
  package static func response(status: Int, reason: String, headers: [(String, String)], body: [UInt8])
    -> [String: String]
  {
    var values = ["response.status": String(status), "response.reason": reason]
    if let text = String(validating: body, as: UTF8.self) { values["response.body"] = text }
    for (name, value) in headers.reversed() { values[headerPrefix + name.lowercased()] = value }
    for (path, value) in JSONPaths.flatten(body) { values["response.json." + path] = value }
    return values
  }

  /// Why `{{name}}` has no value, in words that say what to do.
  package func whyMissing(_ name: String) -> String {
    if !name.hasPrefix("response."), let range = name.range(of: ".response.") {
      let request = name[..<range.lowerBound]
      let field = String(name[name.index(after: range.lowerBound)...])
      guard values["\(request).response.status"] != nil else {
        return "{{\(name)}} reads the last response of the saved request \"\(request)\": send it once first "
          + "(o opens it; or squall requests send \"\(request)\")"
      }
      return Variables(
        Dictionary(
          uniqueKeysWithValues: values.compactMap { key, value in
            key.hasPrefix(request + ".response.") ? (String(key.dropFirst(request.count + 1)), value) : nil
          })
      ).whyMissing(field).replacingOccurrences(of: "the last response", with: "the last response of \"\(request)\"")
    }
    guard name.hasPrefix("response.") else {
      return "unknown variable {{\(name)}}: define it (Options, a), or use {{base}}, {{port}} or {{response.…}}"
    }
    guard values["response.status"] != nil else {
      return "{{\(name)}} reads the last response: send a request first"
    }
    if name.lowercased().hasPrefix(Self.headerPrefix) {
      return "the last response has no header \(name.dropFirst(Self.headerPrefix.count))"
    }
    if name.hasPrefix("response.json.") {
      return values.keys.contains(where: { $0.hasPrefix("response.json.") })
        ? "the last response's JSON has nothing at \(name.dropFirst("response.json.".count))"
        : "the last response is not JSON"
    }
    return "unknown variable {{\(name)}}: response.status, response.body, response.header.NAME, response.json.PATH"
  }
}
