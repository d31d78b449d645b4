import Foundation
import SquallRequests
import SquallValues

/// The rows the Options section edits, in order (the user's variables follow them): the
/// request's client options, then the builder's client's `maxClients`.
enum OptionRow: Int, CaseIterable {
  case requestTimeout, connectTimeout, followRedirects, maxRedirects, decompressResponse, maxClients, sendSlowly

  var name: String {
    switch self {
    case .requestTimeout: "requestTimeout"
    case .connectTimeout: "connectTimeout"
    case .followRedirects: "followRedirects"
    case .maxRedirects: "maxRedirects"
    case .decompressResponse: "decompressResponse"
    case .maxClients: "maxClients"
    case .sendSlowly: "sendSlowly"
    }
  }

  var isFlag: Bool { self == .followRedirects || self == .decompressResponse }

  /// The value shown; empty means the default (said beside it).
  func value(_ builder: BuilderState) -> String {
    let options = builder.spec.options
    return switch self {
    case .requestTimeout: options.requestTimeout.map { RequestExport.number($0) } ?? ""
    case .connectTimeout: options.connectTimeout.map { RequestExport.number($0) } ?? ""
    case .followRedirects: options.followRedirects.map { String($0) } ?? ""
    case .maxRedirects: options.maxRedirects.map { String($0) } ?? ""
    case .decompressResponse: options.decompressResponse.map { String($0) } ?? ""
    case .maxClients: builder.maxClients == BuilderState.defaultMaxClients ? "" : String(builder.maxClients)
    case .sendSlowly: builder.sendSlowly == 0 ? "" : String(builder.sendSlowly)
    }
  }

  /// The value as shown beside its name and in messages, with its unit (`1 s`): the field
  /// edits the bare number (`value`). Empty means the default.
  func shown(_ builder: BuilderState) -> String {
    let bare = value(builder)
    guard !bare.isEmpty else { return "" }
    return switch self {
    case .requestTimeout, .connectTimeout: bare + " s"
    case .maxClients: bare + " connections at once"
    case .sendSlowly: bare + " ms between two bytes"
    case .followRedirects, .maxRedirects, .decompressResponse: bare
    }
  }

  var defaultText: String {
    switch self {
    case .requestTimeout, .connectTimeout: "20 s (Tornado's default)"
    case .followRedirects, .decompressResponse: "true"
    case .maxRedirects: "5"
    case .maxClients: "\(BuilderState.defaultMaxClients) connections at once (Tornado's max_clients), for every request"
    case .sendSlowly:
      "0: at once. N: a slow client, one byte every N ms, to meet the server's idleConnectionTimeout, bodyTimeout and maxHeaderSize"
    }
  }

  func toggle(_ builder: inout BuilderState) {
    switch self {
    case .followRedirects: builder.spec.options.followRedirects = !(builder.spec.options.followRedirects ?? true)
    case .decompressResponse:
      builder.spec.options.decompressResponse = !(builder.spec.options.decompressResponse ?? true)
    default: break
    }
  }

  func reset(_ builder: inout BuilderState) {
    switch self {
    case .requestTimeout: builder.spec.options.requestTimeout = nil
    case .connectTimeout: builder.spec.options.connectTimeout = nil
    case .followRedirects: builder.spec.options.followRedirects = nil
    case .maxRedirects: builder.spec.options.maxRedirects = nil
    case .decompressResponse: builder.spec.options.decompressResponse = nil
    case .maxClients: builder.maxClients = BuilderState.defaultMaxClients
    case .sendSlowly: builder.sendSlowly = 0
    }
  }

  /// Sets the option from text; an error message when the text does not fit (the old value
  /// stays). Empty: the default.
  func set(_ builder: inout BuilderState, _ text: String) -> String? {
    let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
    if trimmed.isEmpty {
      reset(&builder)
      return nil
    }
    switch self {
    case .requestTimeout, .connectTimeout:
      switch (self == .requestTimeout ? NumberOption.requestTimeout : .connectTimeout).parse(trimmed) {
      case .failure(let problem): return problem.message + "; the old value stays"
      case .success(let seconds):
        if self == .requestTimeout {
          builder.spec.options.requestTimeout = seconds
        } else {
          builder.spec.options.connectTimeout = seconds
        }
      }
    case .maxRedirects:
      switch NumberOption.maxRedirects.parseInt(trimmed) {
      case .failure(let problem): return problem.message + "; the old value stays"
      case .success(let count): builder.spec.options.maxRedirects = count
      }
    case .maxClients:
      switch NumberOption.maxClients.parseInt(trimmed) {
      case .failure(let problem): return problem.message + "; the old value stays"
      case .success(let count): builder.maxClients = count
      }
    case .sendSlowly:
      switch NumberOption.sendSlowly.parseInt(trimmed.hasSuffix("ms") ? String(trimmed.dropLast(2)) : trimmed) {
      case .failure(let problem): return problem.message + "; the old value stays"
      case .success(let milliseconds): builder.sendSlowly = milliseconds
      }
    case .followRedirects, .decompressResponse:
      guard let flag = BooleanText.parse(trimmed) else {
        return "\(name) wants true or false"
      }
      if self == .followRedirects {
        builder.spec.options.followRedirects = flag
      } else {
        builder.spec.options.decompressResponse = flag
      }
    }
    return nil
  }
}

/// A line of the Options section: one of the request's options, then the user's variables in
/// name order. The section's selection as a value, not an index with an offset. Pure.
enum OptionsLine: Equatable {
  case option(OptionRow)
  /// The variable at this place among the user's variables.
  case variable(Int)

  /// The line at `index` of the section.
  init(_ index: Int) {
    self =
      index < OptionRow.allCases.count
      ? .option(OptionRow.allCases[index]) : .variable(index - OptionRow.allCases.count)
  }

  /// The option on this line, if it is one.
  var option: OptionRow? {
    if case .option(let row) = self { return row }
    return nil
  }

  /// The variable's place among the user's variables, if it is one.
  var variableOffset: Int? {
    if case .variable(let offset) = self { return offset }
    return nil
  }

  /// Its index in the section.
  var index: Int {
    switch self {
    case .option(let row): row.rawValue
    case .variable(let offset): OptionRow.allCases.count + offset
    }
  }
}

extension BuilderState {
  /// Sets the Options row called `name` from text as typed (empty: its default), as Enter on
  /// the row does: the problem in words, or the effects that carry it out (a new `maxClients`
  /// makes the runtime's client). For lessons' solutions.
  package mutating func setOption(named name: String, to text: String) -> Result<[Effect], SolutionProblem> {
    guard let row = OptionRow.allCases.first(where: { $0.name == name }) else {
      return .failure(
        SolutionProblem(
          "the builder has no option \(name); it has " + OptionRow.allCases.map(\.name).joined(separator: ", ")))
    }
    if let problem = row.set(&self, text) { return .failure(SolutionProblem(problem)) }
    return .success(row == .maxClients ? [.setMaxClients(maxClients)] : [])
  }
}

/// Why a solution's step cannot be done, in words.
package struct SolutionProblem: Error, Equatable, Sendable {
  package var message: String
  package init(_ message: String) { self.message = message }
}
