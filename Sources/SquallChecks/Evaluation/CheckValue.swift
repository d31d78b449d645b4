/// A value a query found: text or a number (a duration in seconds). A query that finds
/// nothing (a header not sent, a JSON path not there) gives nil.
public enum CheckValue: Equatable, Sendable {
  case text(String)
  case number(Double)

  /// As a learner reads it: `200`, `0.5`, `text/html`.
  public var shown: String {
    switch self {
    case .text(let text): text
    case .number(let number):
      number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
  }

  /// The number it is, or its text read as one.
  var number: Double? {
    switch self {
    case .number(let number): number
    case .text(let text): Double(text)
    }
  }
}
