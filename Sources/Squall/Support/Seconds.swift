import NIOCore

extension TimeAmount {
  /// The longest wait any option can ask for: about 31 years. Longer is "never" in practice.
  static let longest: TimeAmount = .nanoseconds(1_000_000_000 * 1_000_000_000)

  /// `seconds` as a `TimeAmount`, saturating instead of trapping: `Int64(seconds * 1e9)` traps
  /// for NaN, infinity and anything past 292 years, all of which a user can type
  /// (`--idle-connection-timeout 1e300`). NaN and negatives give zero. Pure.
  static func saturating(seconds: Double) -> TimeAmount {
    guard seconds > 0 else { return .zero }
    guard seconds < 1_000_000_000 else { return longest }
    return .nanoseconds(Int64(seconds * 1e9))
  }

  /// `seconds` (a `Double`, as Tornado's options are) as a `TimeAmount`, saturating.
  static func seconds(_ seconds: Double) -> TimeAmount { .saturating(seconds: seconds) }
}
