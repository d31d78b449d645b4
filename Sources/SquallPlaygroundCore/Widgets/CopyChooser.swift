import Foundation
import SquallValues

/// `y`: copy a value the screen shows (a response header, a JSON value, a field of a logged
/// exchange) into a builder variable, and to the terminal's clipboard (OSC 52) where the
/// terminal allows it. The values of the response or exchange are listed, filtered as the user
/// types; the one on the line in view is chosen first. No retyping an Etag, quotes included.
package struct CopyChooser: Equatable, Sendable {
  package struct Choice: Equatable, Sendable {
    /// What the value is ("response.header.Etag", "response.json.items[0].id").
    package var label: String
    package var value: String
    /// The builder variable it becomes ("etag", "id").
    package var variable: String
  }

  package var choices: [Choice]
  package var list = FilterList()

  init(choices: [Choice], selection: Int = 0) {
    self.choices = choices
    list.selection = selection
  }

  /// The choices matching the query (every word of it, in any case), in their order. Pure.
  var shown: [Choice] {
    let words = list.query.text.lowercased().split(separator: " ")
    guard !words.isEmpty else { return choices }
    return choices.filter { choice in
      let text = (choice.label + " " + choice.value).lowercased()
      return words.allSatisfy { text.contains($0) }
    }
  }

  /// Names the server's values take (`Variables.server`): a copy never shadows them.
  static let reserved: Set<String> = ["base", "port", "host"]

  /// A variable name from a label: its last part, as a word (`Content-Type` → `content_type`,
  /// `items[0].id` → `id`, `response.status` → `status`). Pure.
  static func variableName(_ label: String) -> String {
    let last = label.split(separator: ".").last.map(String.init) ?? label
    let base = last.split(separator: "[").first.map(String.init) ?? last
    let word = String(
      base.lowercased().unicodeScalars.map { scalar -> Character in
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" ? Character(scalar) : "_"
      })
    return word.isEmpty ? "value" : word
  }

  /// The values of a response, in the order the Response section shows them: status, reason,
  /// headers, the JSON values by path, then the body (text, up to 1 MB). Pure.
  static func response(_ entry: LogEntry, body: [UInt8]) -> [Choice] {
    var out = [
      Choice(label: "response.status", value: String(entry.status), variable: "status"),
      Choice(label: "response.reason", value: entry.reason, variable: "reason"),
    ]
    for (name, value) in entry.responseHeaders {
      out.append(Choice(label: "response.header.\(name)", value: value, variable: variableName(name)))
    }
    let limited = body.count <= BuilderState.responseValueLimit ? body : []
    for (path, value) in JSONPaths.flatten(limited) {
      out.append(Choice(label: "response.json.\(path)", value: value, variable: variableName(path)))
    }
    if let text = String(validating: limited, as: UTF8.self), !text.isEmpty {
      out.append(Choice(label: "response.body", value: text, variable: "body"))
    }
    return out
  }

  /// The fields of a logged exchange: its request line, headers both ways and bodies (text). Pure.
  static func exchange(_ entry: LogEntry) -> [Choice] {
    var out = [
      Choice(label: "method", value: entry.method, variable: "method"),
      Choice(label: "target", value: entry.requestTarget ?? entry.target, variable: "target"),
    ]
    if entry.status > 0 { out.append(Choice(label: "status", value: String(entry.status), variable: "status")) }
    for (name, value) in entry.requestHeaders {
      out.append(Choice(label: "request.header.\(name)", value: value, variable: variableName(name)))
    }
    if let text = String(validating: entry.requestBody, as: UTF8.self), !text.isEmpty {
      out.append(Choice(label: "request.body", value: text, variable: "request_body"))
    }
    for (name, value) in entry.responseHeaders {
      out.append(Choice(label: "response.header.\(name)", value: value, variable: variableName(name)))
    }
    if let text = String(validating: entry.responseBody, as: UTF8.self), !text.isEmpty {
      out.append(Choice(label: "response.body", value: text, variable: "body"))
    }
    return out
  }

  /// The choice a line of the screen names: a header line `Name: value`, or a JSON line
  /// `"key": value`; nil when it names none. Pure.
  static func choice(onLine line: String, in choices: [Choice]) -> Int? {
    let text = line.trimmingCharacters(in: .whitespaces)
    if text.hasPrefix("\""), let close = text.dropFirst().firstIndex(of: "\""),
      text[text.index(after: close)...].hasPrefix(":")
    {
      let key = String(text[text.index(after: text.startIndex)..<close])
      return choices.firstIndex {
        $0.label.hasPrefix("response.json.") && ($0.label.hasSuffix("." + key) || $0.label == "response.json." + key)
      }
    }
    guard let colon = text.firstIndex(of: ":") else { return nil }
    let name = text[..<colon].lowercased()
    return choices.firstIndex { $0.label.lowercased().hasSuffix("header." + name) }
  }
}

/// Keys while the copy chooser is open: typing filters, ↑↓ choose, Enter copies, Esc closes.
func updateCopyChooser(_ state: inout PlaygroundState, _ key: Key) -> [Effect] {
  guard var chooser = state.copyChooser else { return [] }
  let shown = chooser.shown
  switch chooser.list.apply(key, count: shown.count) {
  case .closed:
    state.copyChooser = nil
    return []
  case .changed:
    state.copyChooser = chooser
    return []
  case .chosen(nil):
    state.setMessage("Nothing matches \"\(chooser.list.query.text)\": Backspace widens the search.", error: true)
    return []
  case .chosen(let index?):
    let choice = shown[index]
    state.copyChooser = nil
    // {{base}}, {{port}} and {{host}} are the server's: a copied Host header becomes {{host_2}}.
    var variable = choice.variable
    var number = 2
    while CopyChooser.reserved.contains(variable) {
      variable = "\(choice.variable)_\(number)"
      number += 1
    }
    let old = state.builder.userVariables[variable]
    state.builder.userVariables[variable] = choice.value
    let preview = CellWidth.truncate(TerminalSafe.escape(choice.value), to: 40)
    let note =
      variable != choice.variable
      ? " ({{\(choice.variable)}} is the server's)"
      : (old != nil && old != choice.value ? " (it replaces the old value)" : "")
    state.setMessage(
      "{{\(variable)}} = \(preview)\(note) — a builder variable now, and on the clipboard where the terminal allows it."
    )
    return [.saveVariables(state.builder.userVariables), .copyToClipboard(choice.value)]
  }
}
