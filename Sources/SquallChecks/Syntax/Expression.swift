/// What a check reads from an exchange: a field (`status`), a field with an argument
/// (`header.Content-Type`), or a JSON path into the body (`$.items[0].id`, `$` the whole
/// document). Which fields exist is the subject's (`Subject.fields`).
public struct Query: Hashable, Sendable {
  public var field: String
  /// The header's name, the JSON path (`items[0].id`, `""` for `$`), the option's name.
  public var argument: String?

  public init(_ field: String, _ argument: String? = nil) {
    self.field = field
    self.argument = argument
  }

  /// The field name of JSON paths.
  public static let json = "$"

  /// As written: `header.Content-Type`, `$.items[0].id`, `$`.
  public var text: String {
    guard let argument else { return field }
    if field == Self.json { return argument.isEmpty ? "$" : (argument.hasPrefix("[") ? "$" : "$.") + argument }
    return "\(field).\(argument)"
  }
}

/// How a query's value is compared. One table: the parser, the printer, the words of the
/// coach and the reference all come from it.
public enum Predicate: String, CaseIterable, Sendable {
  case equals = "=="
  case differs = "!="
  case less = "<"
  case atMost = "<="
  case greater = ">"
  case atLeast = ">="
  case contains
  case startsWith
  case matches
  case exists

  /// Whether a value follows it (`exists` stands alone).
  public var takesValue: Bool { self != .exists }
  /// Whether it orders numbers (and durations).
  public var orders: Bool { [.less, .atMost, .greater, .atLeast].contains(self) }

  /// In a learner's words: `at least`, `containing`.
  public var words: String {
    switch self {
    case .equals: "="
    case .differs: "≠"
    case .less: "<"
    case .atMost: "≤"
    case .greater: ">"
    case .atLeast: "≥"
    case .contains: "containing"
    case .startsWith: "starting with"
    case .matches: "matching"
    case .exists: "present"
    }
  }

  /// For the reference table.
  public var summary: String {
    switch self {
    case .equals: "equal: numbers as numbers, text exactly"
    case .differs: "not equal (a missing value differs from any)"
    case .less, .atMost, .greater, .atLeast: "numbers (sizes in bytes) and durations (`100ms`, `2s`) compared"
    case .contains: "the text holds the value"
    case .startsWith: "the text begins with the value"
    case .matches: "the text matches the regular expression somewhere"
    case .exists: "the value is there (a header sent, a JSON path found)"
    }
  }
}

/// A value written in a check: a word or a quoted text. A duration is written with its unit
/// (`100ms`, `2s`) and read in seconds.
public struct Literal: Hashable, Sendable {
  public var text: String
  public var quoted: Bool

  public init(_ text: String, quoted: Bool = false) {
    self.text = text
    self.quoted = quoted
  }

  /// The value as a number: `200`, `1.5`, `100ms` (0.1), `2s` (2). nil for text.
  public var number: Double? {
    // Digits, a point and a sign only: `inf`, `nan` and `1e400` are text, not numbers.
    func read(_ digits: Substring) -> Double? {
      guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
        let value = Double(digits), value.isFinite, abs(value) < 1e15
      else { return nil }
      return value
    }
    if let plain = read(Substring(text)) { return plain }
    if text.hasSuffix("ms"), let value = read(text.dropLast(2)) { return value / 1000 }
    if text.hasSuffix("s"), let value = read(text.dropLast()) { return value }
    return nil
  }

  /// Whether the text carries a unit of time.
  public var isDuration: Bool { number != nil && (text.hasSuffix("ms") || text.hasSuffix("s")) }
}

/// One comparison: `status == 200`, `header.ETag exists`.
public struct Comparison: Hashable, Sendable {
  public var query: Query
  public var predicate: Predicate
  public var value: Literal?

  public init(_ query: Query, _ predicate: Predicate, _ value: Literal? = nil) {
    self.query = query
    self.predicate = predicate
    self.value = value
  }
}

/// A check's condition: comparisons joined by `and`, `or` and `not`, grouped by parentheses.
public indirect enum CheckExpression: Hashable, Sendable {
  case comparison(Comparison)
  case not(CheckExpression)
  case all([CheckExpression])
  case any([CheckExpression])

  /// Every comparison in it, in order.
  public var comparisons: [Comparison] {
    switch self {
    case .comparison(let comparison): [comparison]
    case .not(let inner): inner.comparisons
    case .all(let parts), .any(let parts): parts.flatMap(\.comparisons)
    }
  }
}
