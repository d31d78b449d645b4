import Foundation
import Squall

/// A pasted `curl` command line as a `RequestSpec`: `-X`, `-H`, `-d`/`--data`/`--data-raw`/
/// `--data-binary`, `--data-urlencode`, `-F`, `-u`, `--json`, `-L`, `-A`, `-b`, `--max-time`,
/// `--connect-timeout`, `--max-redirs`, with the shell's quoting. Pure (`@file` arguments are kept
/// as paths for multipart fields; `-d @file` is refused: paste the contents instead).
public enum CurlImport {
  /// Flags curl takes without an argument that change nothing here (`-s`, `-v`, `--compressed`...).
  static let ignoredFlags: Set<String> = [
    "-s", "--silent", "-S", "--show-error", "-v", "--verbose", "-i", "--include", "-k", "--insecure",
    "--compressed", "-#", "--progress-bar", "-f", "--fail", "-sS", "-sSL", "-Ss", "-g", "--globoff",
  ]

  public static func parse(_ command: String) throws(RequestProblem) -> RequestSpec {
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
      if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") {
        option = String(word[..<equals])
        attached = String(word[word.index(after: equals)...])
      } else if word.count > 2, word.hasPrefix("-"), !word.hasPrefix("--"),
        "XHdFuAbe".contains(word[word.index(word.startIndex, offsetBy: 1)])
      {
        option = String(word.prefix(2))
        attached = String(word.dropFirst(2))
      }
      func value() throws(RequestProblem) -> String {
        if let attached { return attached }
        return try argument(option)
      }
      switch option {
      case "-X", "--request": method = try value().uppercased()
      case "-H", "--header":
        let line = try value()
        guard let colon = line.firstIndex(of: ":") else { throw RequestProblem("-H wants 'Name: value', got \(line)") }
        spec.headers.append(
          .init(
            String(line[..<colon]).trimmingCharacters(in: .whitespaces),
            String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
      case "-d", "--data", "--data-ascii", "--data-raw", "--data-binary":
        let text = try value()
        if text.hasPrefix("@"), option != "--data-raw" {
          throw RequestProblem("\(option) \(text) reads a file: paste its contents into the body instead")
        }
        data.append(text)
      case "--data-urlencode":
        let text = try value()
        if let equals = text.firstIndex(of: "=") {
          encoded.append(.init(String(text[..<equals]), String(text[text.index(after: equals)...])))
        } else {
          encoded.append(.init("", text))
        }
      case "--json": json.append(try value())
      case "-F", "--form":
        let text = try value()
        guard let equals = text.firstIndex(of: "=") else { throw RequestProblem("-F wants name=value or name=@file") }
        let name = String(text[..<equals])
        let content = String(text[text.index(after: equals)...])
        if content.hasPrefix("@") {
          let path = content.dropFirst().split(separator: ";").first.map(String.init) ?? ""
          multipart.append(.init(name, path, isFile: true))
        } else {
          multipart.append(.init(name, content))
        }
      case "-u", "--user":
        let text = try value()
        if let colon = text.firstIndex(of: ":") {
          spec.username = String(text[..<colon])
          spec.password = String(text[text.index(after: colon)...])
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
    case .failure(let problem): throw RequestProblem("\(flag) sets \(problem.message)")
    }
  }
}
