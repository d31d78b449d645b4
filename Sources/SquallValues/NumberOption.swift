/// A number a user types for an option (a server limit, a client timeout, a count), with the
/// range it may take. Text outside the range is refused with the range in the message, so the
/// caller keeps the old value; nothing typed reaches an `init` that traps (`Int64(1e300 * 1e9)`,
/// a port past 65535).
///
/// One table of them (`NumberOption.serverLimits`, `.clientTimeouts`, ...) serves the
/// playground's panes, `squall serve`, `squall fetch`, curl import and lesson setups; README's
/// "Ranges" table lists the same values.
///
/// Pure: no I/O.
package struct NumberOption: Sendable, Equatable {
  /// How the number is read and shown.
  package enum Unit: Sendable, Equatable {
    /// Whole bytes; `k`, `m` and `g` suffixes (with or without `b`/`ib`) multiply by 1024s.
    case bytes
    /// Seconds, fractions allowed; an `s` suffix may follow.
    case seconds
    /// A whole count.
    case count
  }

  /// The option's name as the user sees it (`maxBufferSize`).
  package let name: String
  package let unit: Unit
  /// The values accepted, bounds included.
  package let range: ClosedRange<Double>

  package init(_ name: String, _ unit: Unit, _ range: ClosedRange<Double>) {
    self.name = name
    self.unit = unit
    self.range = range
  }

  /// The value of `text`, or the words that say what to type instead.
  package func parse(_ text: String) -> Result<Double, NumberOptionProblem> {
    // `_` and `,` group digits of bytes and counts; in seconds a comma is a decimal comma (0,5).
    let scalars = text.unicodeScalars.filter { $0 != "_" && !$0.properties.isWhitespace }
    let trimmed = String(
      String.UnicodeScalarView(unit == .seconds ? scalars.map { $0 == "," ? "." : $0 } : scalars.filter { $0 != "," })
    ).lowercased()
    var digits = Substring(trimmed)
    var multiplier = 1.0
    switch unit {
    case .seconds:
      if digits.hasSuffix("s") { digits = digits.dropLast() }
    case .bytes:
      for (suffix, factor) in Self.byteSuffixes where digits.hasSuffix(suffix) {
        digits = digits.dropLast(suffix.count)
        multiplier = factor
        break
      }
    case .count: break
    }
    let isNumber =
      !digits.isEmpty
      && digits.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || (unit != .count && $0 == ".") }
      && digits.unicodeScalars.filter { $0 == "." }.count <= 1 && digits != "."
    guard isNumber, let number = Double(digits).map({ $0 * multiplier }), number.isFinite else {
      return .failure(NumberOptionProblem(message: "\(name) wants \(expectation)"))
    }
    guard unit == .seconds || number == number.rounded() else {
      return .failure(NumberOptionProblem(message: "\(name) wants a whole number: \(expectation)"))
    }
    guard range.contains(number) else {
      return .failure(NumberOptionProblem(message: "\(name) must be \(rangeText)"))
    }
    return .success(number)
  }

  /// What is wrong with `value` (given as a number, by a command-line flag), or nil.
  package func problem(_ value: Double) -> NumberOptionProblem? {
    guard value.isFinite, unit == .seconds || value == value.rounded() else {
      return NumberOptionProblem(message: "\(name) wants \(expectation)")
    }
    return range.contains(value) ? nil : NumberOptionProblem(message: "\(name) must be \(rangeText)")
  }

  /// `parse` for whole numbers (bytes and counts): within the range, so `Int` never traps.
  package func parseInt(_ text: String) -> Result<Int, NumberOptionProblem> {
    parse(text).map { Int($0) }
  }

  /// What to type, with the range: "a number of bytes from 1 to 4 GiB (4294967296)".
  package var expectation: String {
    switch unit {
    case .bytes: "a number of bytes (such as 1000, 64k or 10m) from \(rangeText)"
    case .seconds: "seconds (such as 0.5 or 20) from \(rangeText)"
    case .count: "a whole number from \(rangeText)"
    }
  }

  /// The range in words: "1 to 4294967296 bytes (4 GiB)", "0.001 to 86400 seconds".
  package var rangeText: String {
    let low = Self.plain(range.lowerBound)
    let high = Self.plain(range.upperBound)
    switch unit {
    case .bytes: return "\(low) to \(high) bytes (\(Self.binary(range.upperBound)))"
    case .seconds: return "\(low) to \(high) seconds"
    case .count: return "\(low) to \(high)"
    }
  }

  /// `value` as typed back: `104857600`, `0.5`, `3600`.
  package static func plain(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }

  static func binary(_ value: Double) -> String {
    for (unit, size) in [("GiB", 1_073_741_824.0), ("MiB", 1_048_576.0), ("KiB", 1024.0)] where value >= size {
      return "\(plain((value / size * 10).rounded() / 10)) \(unit)"
    }
    return "\(plain(value)) B"
  }

  private static let byteSuffixes: [(String, Double)] = [
    ("kib", 1024), ("mib", 1_048_576), ("gib", 1_073_741_824), ("kb", 1024), ("mb", 1_048_576),
    ("gb", 1_073_741_824), ("k", 1024), ("m", 1_048_576), ("g", 1_073_741_824), ("b", 1),
  ]
}

/// Why typed text is not a value of an option, in words that give the range.
package struct NumberOptionProblem: Error, Equatable, Sendable, CustomStringConvertible {
  package var message: String
  package var description: String { message }
}

extension NumberOption {
  // MARK: The ranges, one table (README's "Ranges" lists them)

  /// `HTTPServer`'s `maxBufferSize`: 1 byte to 4 GiB (a larger body could not be buffered on
  /// most machines anyway).
  package static let maxBufferSize = NumberOption("maxBufferSize", .bytes, 1...4_294_967_296)
  /// `HTTPServer`'s `maxBodySize`.
  package static let maxBodySize = NumberOption("maxBodySize", .bytes, 1...4_294_967_296)
  /// `HTTPServer`'s `maxHeaderSize`: up to 16 MiB.
  package static let maxHeaderSize = NumberOption("maxHeaderSize", .bytes, 1...16_777_216)
  /// `HTTPServer`'s `idleConnectionTimeout`: 1 ms to a day.
  package static let idleConnectionTimeout = NumberOption("idleConnectionTimeout", .seconds, 0.001...86_400)
  /// `HTTPServer`'s `bodyTimeout`: 1 ms to a day.
  package static let bodyTimeout = NumberOption("bodyTimeout", .seconds, 0.001...86_400)
  /// The client's `requestTimeout`: 1 ms to a day.
  package static let requestTimeout = NumberOption("requestTimeout", .seconds, 0.001...86_400)
  /// The client's `connectTimeout`: 1 ms to a day.
  package static let connectTimeout = NumberOption("connectTimeout", .seconds, 0.001...86_400)
  /// The client's `maxRedirects`: 0 to 100.
  package static let maxRedirects = NumberOption("maxRedirects", .count, 0...100)
  /// A port to listen on, 0 picking a free one.
  package static let listenPort = NumberOption("port", .count, 0...65535)
  /// The builder's burst: requests in all.
  package static let burstCount = NumberOption("count", .count, 1...10_000)
  /// The builder's burst: requests in flight at once.
  package static let burstConcurrency = NumberOption("concurrency", .count, 1...200)
  /// The client's connections at once (Tornado's `max_clients`); more requests wait in its queue.
  package static let maxClients = NumberOption("maxClients", .count, 1...200)
  /// The builder's slow client: milliseconds between two bytes of a request (0: at once).
  package static let sendSlowly = NumberOption("sendSlowly", .count, 0...5_000)
  /// A mock route's delay before it answers.
  package static let routeDelay = NumberOption("delay", .seconds, 0...60)
  /// A mock route's status.
  package static let routeStatus = NumberOption("status", .count, 200...599)

  /// Every range, in README's order.
  package static let all: [NumberOption] = [
    .maxBufferSize, .maxBodySize, .maxHeaderSize, .idleConnectionTimeout, .bodyTimeout, .requestTimeout,
    .connectTimeout, .maxRedirects, .maxClients, .sendSlowly, .listenPort, .burstCount, .burstConcurrency,
    .routeDelay, .routeStatus,
  ]
}
