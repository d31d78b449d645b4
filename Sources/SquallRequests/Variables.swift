import Foundation

/// `{{name}}` variables: `{{base}}` and `{{port}}` come from the running server, the rest from
/// the user's environment. Pure.
public struct Variables: Equatable, Sendable {
  public var values: [String: String]

  public init(_ values: [String: String] = [:]) { self.values = values }

  /// The server's variables: `base` (`http://127.0.0.1:8888`) and `port`, over `user`'s.
  public static func server(host: String, port: Int, user: [String: String] = [:]) -> Variables {
    var values = user
    values["base"] = "http://\(host):\(port)"
    values["port"] = String(port)
    values["host"] = host
    return Variables(values)
  }

  /// `text` with every known `{{name}}` replaced, and the names that were not known (left as
  /// typed). Spaces inside the braces are allowed: `{{ base }}`.
  public func expand(_ text: String) -> (text: String, missing: [String]) {
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
      if let value = values[name] {
        out += value
      } else {
        if !missing.contains(name) { missing.append(name) }
        out += rest[open.lowerBound..<close.upperBound]
      }
      rest = rest[close.upperBound...]
    }
    return (out + rest, missing)
  }
}
