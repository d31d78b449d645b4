/// Decides a check against what happened: `lookup` gives each query's value (nil when there is
/// none). Pure: no I/O; a regular expression is compiled when it is used.
public enum CheckEvaluator {
  public typealias Lookup = (Query) -> CheckValue?

  /// Whether the expression holds.
  public static func holds(_ expression: CheckExpression, _ lookup: Lookup) -> Bool {
    switch expression {
    case .comparison(let comparison): holds(comparison, lookup(comparison.query))
    case .not(let inner): !holds(inner, lookup)
    case .all(let parts): parts.allSatisfy { holds($0, lookup) }
    case .any(let parts): parts.contains { holds($0, lookup) }
    }
  }

  /// Whether one comparison holds for `actual`.
  public static func holds(_ comparison: Comparison, _ actual: CheckValue?) -> Bool {
    if comparison.predicate == .exists { return actual != nil }
    guard let actual, let value = comparison.value else { return comparison.predicate == .differs }
    let numbers = value.number.flatMap { expected in actual.number.map { ($0, expected) } }
    switch comparison.predicate {
    case .equals, .differs:
      let same: Bool
      if case .number(let number) = actual, let expected = value.number {
        same = number == expected
      } else if let (left, right) = numbers, !value.quoted {
        same = left == right
      } else {
        same = actual.shown == value.text
      }
      return same == (comparison.predicate == .equals)
    case .less: return numbers.map { $0.0 < $0.1 } ?? false
    case .atMost: return numbers.map { $0.0 <= $0.1 } ?? false
    case .greater: return numbers.map { $0.0 > $0.1 } ?? false
    case .atLeast: return numbers.map { $0.0 >= $0.1 } ?? false
    case .contains: return actual.shown.contains(value.text)
    case .startsWith: return actual.shown.hasPrefix(value.text)
    case .matches: return (try? Regex(value.text)).map { actual.shown.contains($0) } ?? false
    case .exists: return true
    }
  }

  /// A comparison that did not hold, and what was there instead.
  public struct Miss: Equatable, Sendable {
    public var comparison: Comparison
    public var actual: CheckValue?
    /// Whether the comparison held where it had to fail (under `not`).
    public var negated: Bool

    /// `status == 200: got 404`, `header.ETag exists: not there`.
    public var text: String {
      let got = actual.map { "got \(Self.clip($0.shown))" } ?? "not there"
      return negated ? "not \(comparison.text): it held (\(got))" : "\(comparison.text): \(got)"
    }

    static func clip(_ text: String) -> String {
      let line = String(text.map { $0 == "\n" ? "⏎" : $0 })
      return line.count > 60 ? String(line.prefix(59)) + "…" : line
    }
  }

  /// Why the expression does not hold: the comparisons that decided it, with their values.
  /// Empty when it holds.
  public static func misses(_ expression: CheckExpression, _ lookup: Lookup) -> [Miss] {
    guard !holds(expression, lookup) else { return [] }
    return explain(expression, lookup, negated: false)
  }

  private static func explain(_ expression: CheckExpression, _ lookup: Lookup, negated: Bool) -> [Miss] {
    switch expression {
    case .comparison(let comparison):
      return [Miss(comparison: comparison, actual: lookup(comparison.query), negated: negated)]
    case .not(let inner):
      return explain(inner, lookup, negated: !negated)
    case .all(let parts):
      // Under `not`, an `and` fails when all of it holds; else the parts that fail.
      return negated
        ? parts.flatMap { explain($0, lookup, negated: true) }
        : parts.filter { !holds($0, lookup) }.flatMap { explain($0, lookup, negated: false) }
    case .any(let parts):
      return negated
        ? parts.filter { holds($0, lookup) }.flatMap { explain($0, lookup, negated: true) }
        : parts.flatMap { explain($0, lookup, negated: false) }
    }
  }
}
