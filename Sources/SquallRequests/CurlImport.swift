import Foundation
import SquallValues

/// A pasted `curl` command line as a `RequestSpec`: `-X`, `-H`, `-d`/`--data`/`--data-raw`/
/// `--data-binary`, `--data-urlencode`, `-F`, `-u`, `--json`, `-L`, `-A`, `-b`, `--max-time`,
/// `--connect-timeout`, `--max-redirs`, with the shell's quoting. Pure (`@file` arguments are kept
/// as paths for multipart fields; `-d @file` is refused: paste the contents instead).
package enum CurlImport {
  /// Flags curl takes without an argument that change nothing here (`-s`, `-v`, `--compressed`...).
  static let ignoredFlags: Set<String> = [
    "-s", "--silent", "-S", "--show-error", "-v", "--verbose", "-i", "--include", "-k", "--insecure",
    "--compressed", "-#", "--progress-bar", "-f", "--fail", "-sS", "-sSL", "-Ss", "-g", "--globoff",
  ]

  package static func parse(_ command: String) throws(RequestProblem) -> RequestSpec {
    let words: [String]
    do { words = try ShellWords.split(command) } catch {
      throw RequestProblem("cannot read the command: \(error.message)")
    }
    var rest = words[...]
    if rest.first == "curl" || rest.first?.hasSuffix("/curl") == true { rest.removeFirst() }
    var spec = RequestSpec(url: "")
    var method: String?
    var data: [String] = []
    var encoded: [RequestSpec.Row] = []
    var json: [String] = []
    var multipart: [RequestSpec.Row] = []
    func argument(_ option: String) throws(RequestProblem) -> String {
      guard let value = rest.popFirst() else { throw RequestProblem("\(option) needs a value") }
      return value
    }
    while let word = rest.popFirst() {
      var option = word
      var attached: String?
      let scalars = Array(word.unicodeScalars)
      if word.hasPrefix("--"), let (name, rest) = Self.split(word, at: "=") {
        option = name
        attached = rest
      } else if scalars.count > 2, scalars[0] == "-", scalars[1] != "-", "XHdFuAbe".unicodeScalars.contains(scalars[1])
      {
        option = String(String.UnicodeScalarView(scalars[..<2]))
        attached = String(String.UnicodeScalarView(scalars[2...]))
      }
      func value() throws(RequestProblem) -> String {
        if let attached { return attached }
        return try argument(option)
      }
      switch option {
      case "-X", "--request": method = try value().uppercased()
      case "-H", "--header":
        let line = try value()
        guard let (name, value) = Self.split(line, at: ":") else {
          throw RequestProblem("-H wants 'Name: value', got \(line)")
        }
        spec.headers.append(.init(Self.trimmed(name), Self.trimmed(value)))
      case "-d", "--data", "--data-ascii", "--data-raw", "--data-binary":
        let text = try value()
        if text.unicodeScalars.first == "@", option != "--data-raw" {
          throw RequestProblem("\(option) \(text) reads a file: paste its contents into the body instead")
        }
        data.append(text)
      case "--data-urlencode":
        let text = try value()
        if let (name, value) = Self.split(text, at: "=") {
          encoded.append(.init(name, value))
        } else {
          encoded.append(.init("", text))
        }
      case "--json": json.append(try value())
      case "--form-string":
        // A literal value, even one that starts with @ or < (which -F reads as a file).
        guard let (name, content) = Self.split(try value(), at: "=") else {
          throw RequestProblem("--form-string wants name=value")
        }
        multipart.append(.init(name, content))
      case "-F", "--form":
        guard let (name, content) = Self.split(try value(), at: "=") else {
          throw RequestProblem("-F wants name=value or name=@file")
        }
        if content.unicodeScalars.first == "@" {
          let afterAt = String(String.UnicodeScalarView(content.unicodeScalars.dropFirst()))
          let path = afterAt.split(separator: ";").first.map(String.init) ?? ""
          multipart.append(.init(name, path, isFile: true))
        } else {
          multipart.append(.init(name, content))
        }
      case "-u", "--user":
        let text = try value()
        if let (user, password) = Self.split(text, at: ":") {
          spec.username = user
          spec.password = password
        } else {
          spec.username = text
        }
      case "-A", "--user-agent": spec.headers.append(.init("User-Agent", try value()))
      case "-b", "--cookie": spec.headers.append(.init("Cookie", try value()))
      case "-e", "--referer": spec.headers.append(.init("Referer", try value()))
      case "-L", "--location": spec.options.followRedirects = true
      case "-m", "--max-time":
        spec.options.requestTimeout = try Self.number(.requestTimeout, word, try value())
      case "--connect-timeout":
        spec.options.connectTimeout = try Self.number(.connectTimeout, word, try value())
      case "--max-redirs":
        spec.options.maxRedirects = Int(try Self.number(.maxRedirects, word, try value()))
      case "--url": spec.url = try value()
      default:
        if ignoredFlags.contains(word) { continue }
        if word.hasPrefix("-") { throw RequestProblem("curl option \(word) is not supported here") }
        guard spec.url.isEmpty else { throw RequestProblem("two URLs given: \(spec.url) and \(word)") }
        spec.url = word
      }
    }
    guard !spec.url.isEmpty else { throw RequestProblem("the command has no URL") }
    if !json.isEmpty {
      spec.bodyKind = .json
      spec.body = json.joined()
      if spec.header("Accept") == nil { spec.headers.append(.init("Accept", "application/json")) }
    } else if !multipart.isEmpty {
      spec.bodyKind = .multipart
      spec.fields = multipart
    } else if !data.isEmpty && encoded.isEmpty {
      spec.bodyKind = .raw
      spec.body = data.joined(separator: "&")
      if spec.header("Content-Type") == nil {
        spec.headers.append(.init("Content-Type", "application/x-www-form-urlencoded"))  // as curl sends
      }
    } else if !encoded.isEmpty && data.isEmpty {
      spec.bodyKind = .form
      spec.fields = encoded
    } else if !encoded.isEmpty {
      spec.bodyKind = .raw
      spec.body = (data + encoded.map { "\(RequestSpec.formEncode($0.name))=\(RequestSpec.formEncode($0.value))" })
        .joined(separator: "&")
      if spec.header("Content-Type") == nil {
        spec.headers.append(.init("Content-Type", "application/x-www-form-urlencoded"))
      }
    }
    spec.method = method ?? (spec.bodyKind == .none ? "GET" : "POST")
    return spec
  }

  /// A curl option's number, within the range of the option it sets.
  static func number(_ option: NumberOption, _ flag: String, _ text: String) throws(RequestProblem) -> Double {
    switch option.parse(text) {
    case .success(let value): return value
    case .failure(let problem): throw RequestProblem("\(flag): \(problem.message)")
    }
  }

  /// `text` split at the first `separator` scalar (not `Character`: `=` followed by a
  /// combining mark still separates), or nil when there is none.
  static func split(_ text: String, at separator: Unicode.Scalar) -> (String, String)? {
    let scalars = text.unicodeScalars
    guard let index = scalars.firstIndex(of: separator) else { return nil }
    return (String(scalars[..<index]), String(scalars[scalars.index(after: index)...]))
  }

  /// `text` without spaces and tabs around it, scalar by scalar.
  static func trimmed(_ text: String) -> String {
    let scalars = text.unicodeScalars
    let isBlank = { (scalar: Unicode.Scalar) in scalar == " " || scalar == "\t" }
    guard let first = scalars.firstIndex(where: { !isBlank($0) }) else { return "" }
    let last = scalars.lastIndex(where: { !isBlank($0) })!
    return String(scalars[first...last])
  }
}
