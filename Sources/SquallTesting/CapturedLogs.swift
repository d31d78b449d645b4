import Logging
import NIOConcurrencyHelpers

/// One line an application under test logged: its level, its text and which log it went to.
public struct LogRecord: Sendable, Equatable, CustomStringConvertible {
  /// Tornado's `tornado.access` (one line per request) or `tornado.application` (errors,
  /// `HTTPError` log messages).
  public enum Log: String, Sendable { case access, application }

  public var level: Logger.Level
  public var message: String
  public var log: Log

  public var description: String { "[\(log.rawValue) \(level)] \(message)" }
}

/// The lines logged during one `test`, kept instead of printed (Tornado's `ExpectLog` reads
/// them the same way). Thread-safe.
final class LogStore: Sendable {
  private let records = NIOLockedValueBox<[LogRecord]>([])

  var all: [LogRecord] { records.withLockedValue { $0 } }

  func append(_ record: LogRecord) { records.withLockedValue { $0.append(record) } }

  /// A logger whose lines land here.
  func logger(label: String = "squall.test") -> Logger {
    var logger = Logger(label: label) { _ in CapturingLogHandler(store: self) }
    logger.logLevel = .trace
    return logger
  }
}

/// swift-log's side: every line to the store, none printed.
struct CapturingLogHandler: LogHandler {
  let store: LogStore
  var logLevel: Logger.Level = .trace
  var metadata: Logger.Metadata = [:]

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    let access = event.metadata?["log"] == "access" || metadata["log"] == "access"
    store.append(LogRecord(level: event.level, message: "\(event.message)", log: access ? .access : .application))
  }
}
