import Foundation
import NIOPosix

/// An instant formatted as an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), as in `Date` headers.
public struct HTTPDate: Sendable, Equatable, Comparable {
  /// Seconds since 1970-01-01 UTC, whole seconds.
  public var secondsSince1970: Int

  /// The given instant, truncated to whole seconds.
  public init(secondsSince1970: Int) { self.secondsSince1970 = secondsSince1970 }

  /// The given date, truncated to whole seconds.
  public init(_ date: Date) { self.secondsSince1970 = Int(date.timeIntervalSince1970.rounded(.down)) }

  /// Now.
  public static var now: HTTPDate { HTTPDate(Date()) }

  private static let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
  private static let months = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  /// `Sun, 06 Nov 1994 08:49:37 GMT`.
  public var formatted: String {
    let day = secondsSince1970.floorDiv(86_400)
    let seconds = secondsSince1970 - day * 86_400
    let (year, month, dayOfMonth) = HTTPDate.civil(fromDays: day)
    let weekday = HTTPDate.days[((day % 7) + 7) % 7]
    func two(_ n: Int) -> String { String(n).leftPadded(to: 2) }
    return
      "\(weekday), \(two(dayOfMonth)) \(HTTPDate.months[month - 1]) \(year) \(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60)) GMT"
  }

  /// Parses IMF-fixdate, the only form senders may use today; `nil` for anything else.
  public init?(parsing text: String) {
    let parts = text.split(separator: " ")
    guard parts.count == 6, parts[5] == "GMT",
      let dayOfMonth = Int(parts[1]),
      let monthIndex = HTTPDate.months.firstIndex(of: String(parts[2])),
      let year = Int(parts[3])
    else { return nil }
    let clock = parts[4].split(separator: ":").compactMap { Int($0) }
    guard clock.count == 3 else { return nil }
    let days = HTTPDate.days(fromCivil: year, monthIndex + 1, dayOfMonth)
    self.secondsSince1970 = days * 86_400 + clock[0] * 3600 + clock[1] * 60 + clock[2]
  }

  public static func < (lhs: HTTPDate, rhs: HTTPDate) -> Bool {
    lhs.secondsSince1970 < rhs.secondsSince1970
  }

  // Howard Hinnant's days-from-civil algorithms.
  static func civil(fromDays z0: Int) -> (Int, Int, Int) {
    let z = z0 + 719_468
    let era = z.floorDiv(146_097)
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = y.floorDiv(400)
    let yoe = y - era * 400
    let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }
}

extension Int {
  func floorDiv(_ divisor: Int) -> Int {
    let q = self / divisor
    return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
  }
}

extension HTTPDate {
  /// Now, formatted for a `Date` header: formatted once per second per thread (each event loop
  /// is a thread), so a response costs a clock read and a comparison, not a formatting.
  public static var nowFormatted: String {
    let cache = DateHeaderCache.perThread.currentValue ?? DateHeaderCache.make()
    let second = Int(time(nil))
    if second != cache.second {
      cache.second = second
      cache.text = HTTPDate(secondsSince1970: second).formatted
    }
    return cache.text
  }
}

/// One thread's last formatted `Date` header. Only its own thread touches it.
private final class DateHeaderCache: @unchecked Sendable {
  var second = Int.min
  var text = ""

  static let perThread = ThreadSpecificVariable<DateHeaderCache>()

  static func make() -> DateHeaderCache {
    let cache = DateHeaderCache()
    perThread.currentValue = cache
    return cache
  }
}
