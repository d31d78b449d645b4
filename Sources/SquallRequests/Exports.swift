import Foundation
import SquallValues

/// The request as code to keep or share: a `curl` command, Swift with Squall's
/// `AsyncHTTPClient`, or Python with Tornado's `AsyncHTTPClient` in the seed's style. Variables
/// are expanded so the code runs as it is. Pure.
package enum RequestExport: String, CaseIterable, Sendable {
  case curl, swift, python, hurl

  package func render(_ spec: RequestSpec, _ variables: Variables) -> String {
    switch self {
    case .curl: Self.curl(spec, variables)
    case .swift: Self.swift(spec, variables)
    case .python: Self.python(spec, variables)
    case .hurl: Self.hurl(spec)
    }
  }

  /// The extension of a file that holds this export.
  package var fileExtension: String {
    switch self {
    case .curl: "sh"
    case .swift: "swift"
    case .python: "py"
    case .hurl: "hurl"
    }
  }

  /// The headers set by hand, and the body kind's `Content-Type` when none was (a multipart
  /// type needs its boundary, so it is left to the code that builds that body).
  static func headers(_ spec: RequestSpec, _ variables: Variables) -> [(String, String)] {
    var rows = spec.enabledHeaders.map { ($0.name, variables.expand($0.value).text) }
    if spec.header("Content-Type") == nil, spec.bodyKind == .json || spec.bodyKind == .form,
      let type = spec.bodyKind.contentType
    {
      rows.append(("Content-Type", type))
    }
    return rows
  }

  // MARK: curl

  static func curl(_ spec: RequestSpec, _ variables: Variables) -> String {
    let q = ShellWords.quote
    let expand = { (text: String) in variables.expand(text).text }
    var parts = ["curl"]
    let method = spec.method.uppercased()
    let impliedPost = spec.bodyKind != .none && method == "POST"
    if !(method == "GET" && spec.bodyKind == .none) && !impliedPost { parts += ["-X", q(method)] }
    parts.append(q(spec.resolvedURL(variables).url))
    for row in spec.enabledHeaders { parts += ["-H", q("\(row.name): \(expand(row.value))")] }
    switch spec.bodyKind {
    case .none: break
    case .json: parts += ["--json", q(expand(spec.body))]
    case .raw: parts += ["--data-raw", q(expand(spec.body))]
    case .form:
      for field in spec.fields where field.enabled {
        parts += ["--data-urlencode", q("\(expand(field.name))=\(expand(field.value))")]
      }
    case .multipart:
      for field in spec.fields where field.enabled {
        let value = expand(field.value)
        if field.isFile {
          parts += ["-F", q("\(expand(field.name))=@\(value)")]
        } else if value.unicodeScalars.first == "@" || value.unicodeScalars.first == "<" {
          // -F would read a file: say the value is literal.
          parts += ["--form-string", q("\(expand(field.name))=\(value)")]
        } else {
          parts += ["-F", q("\(expand(field.name))=\(value)")]
        }
      }
    }
    if !spec.username.isEmpty || !spec.password.isEmpty {
      parts += ["-u", q("\(expand(spec.username)):\(expand(spec.password))")]
    }
    if spec.options.followRedirects == true { parts.append("-L") }
    if let seconds = spec.options.requestTimeout { parts += ["--max-time", number(seconds)] }
    if let seconds = spec.options.connectTimeout { parts += ["--connect-timeout", number(seconds)] }
    if let count = spec.options.maxRedirects { parts += ["--max-redirs", String(count)] }
    if spec.bodyKind == .raw, spec.header("Content-Type") == nil {
      parts += ["-H", q("Content-Type:")]  // curl would add a form type; the builder sends none
    }
    return parts.joined(separator: " ")
  }

  package static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }

  // MARK: Swift

  static func swift(_ spec: RequestSpec, _ variables: Variables) -> String {
    let expand = { (text: String) in variables.expand(text).text }
    var lines = [
      "// \(spec.method.uppercased()) \(spec.resolvedURL(variables).url), with Squall's AsyncHTTPClient (Tornado's names).",
      "import Squall",
      "",
      "let client = AsyncHTTPClient()",
      "var request = HTTPRequest(\(swiftString(spec.resolvedURL(variables).url)), method: \(swiftString(spec.method.uppercased())))",
    ]
    for (name, value) in headers(spec, variables) {
      lines.append("request.headers.add(name: \(swiftString(name)), value: \(swiftString(value)))")
    }
    switch spec.bodyKind {
    case .none:
      if BodyMethods.expectBody(spec.method) { lines.append("request.body = []") }
    case .raw, .json: lines.append("request.body = Array(\(swiftString(expand(spec.body))).utf8)")
    case .form:
      let text = spec.fields.filter(\.enabled).map {
        "\(RequestSpec.formEncode(expand($0.name)))=\(RequestSpec.formEncode(expand($0.value)))"
      }.joined(separator: "&")
      lines.append("request.body = Array(\(swiftString(text)).utf8)")
    case .multipart:
      lines.append("// A multipart body: build it with the boundary of your Content-Type, or send it from the builder.")
    }
    if !spec.username.isEmpty || !spec.password.isEmpty {
      lines.append("request.authUsername = \(swiftString(expand(spec.username)))")
      lines.append("request.authPassword = \(swiftString(expand(spec.password)))")
    }
    if let value = spec.options.requestTimeout { lines.append("request.requestTimeout = \(number(value))") }
    if let value = spec.options.connectTimeout { lines.append("request.connectTimeout = \(number(value))") }
    if let value = spec.options.followRedirects { lines.append("request.followRedirects = \(value)") }
    if let value = spec.options.maxRedirects { lines.append("request.maxRedirects = \(value)") }
    if let value = spec.options.decompressResponse { lines.append("request.decompressResponse = \(value)") }
    if !StandardMethod.isStandard(spec.method.uppercased()) {
      lines.append("request.allowNonstandardMethods = true")
    }
    lines += [
      "",
      "let response = try await client.fetch(request, raiseError: false)",
      "if let error = response.error {",
      "  print(\"Error: \\(error)\")",
      "} else {",
      "  print(response.text)",
      "}",
      "await client.close()",
    ]
    return lines.joined(separator: "\n")
  }

  static func swiftString(_ text: String) -> String {
    quoted(text) { "\\u{\(String($0, radix: 16))}" }
  }

  /// `text` in double quotes with `"`, `\`, CR, LF and tab escaped, other control characters
  /// written by `control` (Swift's `\u{1b}`, Python's `\x1b`).
  static func quoted(_ text: String, control: (UInt32) -> String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          out += control(scalar.value)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  // MARK: Python (Tornado)

  static func python(_ spec: RequestSpec, _ variables: Variables) -> String {
    let expand = { (text: String) in variables.expand(text).text }
    let method = spec.method.uppercased()
    var arguments = ["method=\(pythonString(method))"]
    let headerRows = headers(spec, variables)
    if !headerRows.isEmpty {
      arguments.append(
        "headers={" + headerRows.map { "\(pythonString($0.0)): \(pythonString($0.1))" }.joined(separator: ", ") + "}")
    }
    switch spec.bodyKind {
    case .none: if BodyMethods.expectBody(method) { arguments.append("body=\"\"") }
    case .raw, .json: arguments.append("body=\(pythonString(expand(spec.body)))")
    case .form:
      let pairs = spec.fields.filter(\.enabled).map {
        "(\(pythonString(expand($0.name))), \(pythonString(expand($0.value))))"
      }
      arguments.append("body=urllib.parse.urlencode([\(pairs.joined(separator: ", "))])")
    case .multipart:
      arguments.append("body=b\"\"  # multipart: Tornado's client has no form encoder; send it from the builder")
    }
    if !spec.username.isEmpty || !spec.password.isEmpty {
      arguments.append("auth_username=\(pythonString(expand(spec.username)))")
      arguments.append("auth_password=\(pythonString(expand(spec.password)))")
    }
    if let value = spec.options.requestTimeout { arguments.append("request_timeout=\(number(value))") }
    if let value = spec.options.connectTimeout { arguments.append("connect_timeout=\(number(value))") }
    if let value = spec.options.followRedirects { arguments.append("follow_redirects=\(value ? "True" : "False")") }
    if let value = spec.options.maxRedirects { arguments.append("max_redirects=\(value)") }
    if let value = spec.options.decompressResponse {
      arguments.append("decompress_response=\(value ? "True" : "False")")
    }
    if !StandardMethod.isStandard(method) {
      arguments.append("allow_nonstandard_methods=True")
    }
    var lines = ["# \(method) \(spec.resolvedURL(variables).url), with Tornado's AsyncHTTPClient (the seed's style)."]
    lines.append(spec.bodyKind == .form ? "import asyncio\nimport urllib.parse\n" : "import asyncio\n")
    lines += [
      "from tornado import httpclient",
      "",
      "",
      "def handle_response(response):",
      "    if response.error:",
      "        print(\"Error: %s\" % response.error)",
      "    else:",
      "        print(response.body)",
      "",
      "",
      "async def main():",
      "    http_client = httpclient.AsyncHTTPClient()",
      "    request = httpclient.HTTPRequest(",
      "        \(pythonString(spec.resolvedURL(variables).url)),",
    ]
    lines += arguments.map { "        \($0)," }
    lines += [
      "    )",
      "    # Tornado 6 has no callback argument: await the fetch, then hand the response over.",
      "    response = await http_client.fetch(request, raise_error=False)",
      "    handle_response(response)",
      "",
      "",
      "asyncio.run(main())",
    ]
    return lines.joined(separator: "\n")
  }

  static func pythonString(_ text: String) -> String {
    quoted(text) { String(format: "\\x%02x", $0) }
  }
}
