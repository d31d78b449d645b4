import SquallValues

/// What `squall requests test` prints and writes: a line per request (and per failure) for a
/// person, TAP for a harness, JUnit XML for CI. Pure: text only.
package enum TestReports {
  /// `✓ login  POST http://127.0.0.1:8888/login → 200 OK  12 ms  2 asserts`, then each failure
  /// indented. Untrusted text is escaped for the terminal.
  package static func lines(_ run: RequestRun) -> [String] {
    let mark = run.passed ? "✓" : "✗"
    let head: String
    switch run.result {
    case .answered(let response, let verdicts):
      let asserts = verdicts.verdicts.count
      let count = asserts == 0 ? "" : "  \(asserts) assert\(asserts == 1 ? "" : "s")"
      head = "\(mark) \(run.name)  \(exchange(response))\(count)"
    case .transportFailed(let response, _):
      head = "\(mark) \(run.name)  \(response.method) \(response.url) → no answer"
    case .notSent:
      head = "\(mark) \(run.name)  not sent"
    }
    return [TerminalSafe.escape(head)] + run.failures.map { "    " + TerminalSafe.escape($0) }
  }

  static func exchange(_ response: ResponseFacts) -> String {
    "\(response.method) \(response.url) → \(response.status) \(response.reason)  \(milliseconds(response.duration))"
  }

  static func milliseconds(_ seconds: Double) -> String {
    seconds < 0.01 ? "\(Double(Int(seconds * 100_000)) / 100) ms" : "\(Int((seconds * 1000).rounded())) ms"
  }

  /// The summary line: `3 requests: 2 passed, 1 failed`.
  package static func summary(_ runs: [RequestRun]) -> String {
    let passed = runs.filter(\.passed).count
    let failed = runs.count - passed
    return "\(runs.count) request\(runs.count == 1 ? "" : "s"): \(passed) passed, \(failed) failed"
  }

  /// TAP version 13: one test point per request, its failures in a YAML block.
  package static func tap(_ runs: [RequestRun]) -> String {
    var out = ["TAP version 13", "1..\(runs.count)"]
    for (index, run) in runs.enumerated() {
      let name = TerminalSafe.escape(run.name).replacingHashes
      out.append("\(run.passed ? "ok" : "not ok") \(index + 1) - \(name)")
      let failures = run.failures
      if !failures.isEmpty {
        out.append("  ---")
        out.append("  failures:")
        for failure in failures { out.append("    - \"\(yamlEscaped(TerminalSafe.escape(failure)))\"") }
        out.append("  ...")
      }
    }
    return out.joined(separator: "\n") + "\n"
  }

  static func yamlEscaped(_ text: String) -> String {
    var out = ""
    for character in text {
      if character == "\\" || character == "\"" { out.append("\\") }
      out.append(character)
    }
    return out
  }

  /// JUnit XML as Jenkins, GitLab and GitHub's test reporters read it: one `testcase` per
  /// request, a `failure` for failed asserts, an `error` when it was not answered or not sent.
  package static func junit(_ runs: [RequestRun], suite: String) -> String {
    let failures = runs.filter { if case .answered = $0.result { !$0.passed } else { false } }.count
    let errors = runs.filter { if case .answered = $0.result { false } else { true } }.count
    let total = runs.reduce(0.0) { $0 + duration($1) }
    var out = [
      #"<?xml version="1.0" encoding="UTF-8"?>"#,
      #"<testsuites name="squall requests test" tests="\#(runs.count)" failures="\#(failures)" errors="\#(errors)" time="\#(seconds(total))">"#,
      #"  <testsuite name="\#(xml(suite))" tests="\#(runs.count)" failures="\#(failures)" errors="\#(errors)" time="\#(seconds(total))">"#,
    ]
    for run in runs {
      let open =
        #"    <testcase name="\#(xml(run.name))" classname="squall.requests" time="\#(seconds(duration(run)))""#
      let problems = run.failures
      if run.passed {
        out.append(open + "/>")
        continue
      }
      out.append(open + ">")
      let tag: String
      if case .answered = run.result { tag = "failure" } else { tag = "error" }
      out.append(
        #"      <\#(tag) message="\#(xml(problems.first ?? ""))">\#(xml(problems.joined(separator: "\n")))</\#(tag)>"#)
      out.append("    </testcase>")
    }
    out += ["  </testsuite>", "</testsuites>"]
    return out.joined(separator: "\n") + "\n"
  }

  static func duration(_ run: RequestRun) -> Double {
    switch run.result {
    case .answered(let response, _), .transportFailed(let response, _): response.duration
    case .notSent: 0
    }
  }

  static func seconds(_ value: Double) -> String {
    let thousandths = Int((value * 1000).rounded())
    let fraction = String(thousandths % 1000)
    return "\(thousandths / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
  }

  /// Text as XML 1.0 character data: the five entities, and characters XML cannot hold at all
  /// (controls other than tab and newline) as U+FFFD.
  static func xml(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\t", "\n": out.unicodeScalars.append(scalar)
      case "\r": out += "&#13;"
      default:
        let allowed = scalar.value >= 0x20 && !(0xFFFE...0xFFFF).contains(scalar.value)
        out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
      }
    }
    return out
  }
}

extension String {
  /// A TAP description cannot hold `#` (it starts a directive).
  fileprivate var replacingHashes: String { String(map { $0 == "#" ? "＃" : $0 }) }
}
