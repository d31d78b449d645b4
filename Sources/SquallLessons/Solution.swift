import SquallRequests
import SquallValues

/// What a step's `> solution:` line does, so a machine can pass the step headless (`squall
/// lessons verify`) and a learner can see it (`h` once the hints are spent). Several lines run
/// in order. Pure: parsing only.
///
///     > solution: curl {{base}}/greet/Ada -H 'X-Id: 7'     (the builder sends this request)
///     > solution: keys builder Ctrl-R                       (keys, in a pane)
///     > solution: option maxBufferSize=1000                 (a Server pane option)
///     > solution: route GET /old 301 header=Location:/greet/Ada
///     > solution: burst 20 10                               (count, at once: the request in the builder)
///     > solution: builder requestTimeout=1                  (a builder option, then send with keys)
package enum Solution: Equatable, Sendable {
  case request(RequestSpec)
  case keys(pane: Pane, [String])
  case serverOption(name: String, value: String)
  case route(method: String, pattern: String, status: Int, headers: [String], fault: String?, body: String)
  case burst(count: Int, concurrency: Int)
  case builderOption(BuilderOption, String)

  /// The playground's panes, by the names solutions use.
  package enum Pane: String, CaseIterable, Sendable {
    case server, builder, log, lessons
  }

  /// What a solution can set in the builder: its options (empty: the default again), and
  /// `rawBody=N`, a raw body of N bytes, as a learner pastes a long text.
  package enum BuilderOption: String, CaseIterable, Sendable {
    case requestTimeout, followRedirects, maxRedirects, decompressResponse, maxClients, sendSlowly, rawBody
  }

  /// The line as a learner reads it, for `h`: `curl …` as written.
  package static func parse(_ text: String) -> Parsed<Solution> {
    let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    guard let first = words.first else { return .failure("an empty solution") }
    switch first {
    case "curl":
      do throws(RequestProblem) {
        return .success(.request(try CurlImport.parse(text)))
      } catch {
        return .failure("the solution's curl command: \(error.message)")
      }
    case "keys":
      guard words.count >= 3, let pane = Pane(rawValue: words[1]) else {
        return .failure(
          "keys names a pane (\(Pane.allCases.map(\.rawValue).joined(separator: ", "))) and keys: keys builder Ctrl-R")
      }
      return .success(.keys(pane: pane, Array(words.dropFirst(2))))
    case "option":
      guard words.count == 2, let equals = words[1].firstIndex(of: "=") else {
        return .failure("option is option NAME=VALUE")
      }
      let name = String(words[1][..<equals])
      guard ServerOptionName(name: name) != nil else {
        return .failure(
          "the Server pane has no option \"\(name)\"; it has "
            + ServerOptionName.allCases.map(\.name).joined(separator: ", "))
      }
      return .success(.serverOption(name: name, value: String(words[1][words[1].index(after: equals)...])))
    case "route":
      guard words.count >= 4, let status = Int(words[3]) else {
        return .failure("route is route METHOD PATTERN STATUS [header=Name:Value] [fault=NAME] BODY")
      }
      var rest = Array(words.dropFirst(4))
      var headers: [String] = []
      var fault: String?
      while let word = rest.first, word.hasPrefix("header=") || word.hasPrefix("fault=") {
        if word.hasPrefix("header=") {
          headers.append(String(word.dropFirst(7)))
        } else {
          fault = String(word.dropFirst(6))
          guard WireFault(rawValue: fault!) != nil else {
            return .failure("fault is one of \(WireFault.allCases.map(\.rawValue).joined(separator: ", "))")
          }
        }
        rest.removeFirst()
      }
      return .success(
        .route(
          method: words[1].uppercased(), pattern: words[2], status: status, headers: headers, fault: fault,
          body: rest.joined(separator: " ")))
    case "burst":
      guard words.count == 3, let count = Int(words[1]), let concurrency = Int(words[2]), count > 0, concurrency > 0
      else { return .failure("burst is burst COUNT CONCURRENCY (burst 20 10)") }
      return .success(.burst(count: count, concurrency: concurrency))
    case "builder":
      guard words.count == 2, let equals = words[1].firstIndex(of: "="),
        let option = BuilderOption(rawValue: String(words[1][..<equals]))
      else {
        return .failure(
          "builder sets an option: builder NAME=VALUE with NAME one of "
            + BuilderOption.allCases.map(\.rawValue).joined(separator: ", "))
      }
      return .success(.builderOption(option, String(words[1][words[1].index(after: equals)...])))
    default:
      return .failure(
        "a solution is curl …, keys PANE KEYS…, option NAME=VALUE, route …, burst N C or builder NAME=VALUE")
    }
  }
}
