import ArgumentParser
import SquallValues

/// `--example hello|echo|faults`: read by ArgumentParser from the one table of example apps, so
/// every command names, completes and refuses them alike ("The value 'nope' is invalid for
/// '--example <example>'. Please provide one of 'hello', 'echo' and 'faults'.").
extension ExampleApp: ExpressibleByArgument {
  /// Each app and what it is, for `--help`.
  static var helpText: String {
    allCases.map { "\($0.rawValue) (\($0.title))" }.joined(separator: ", ")
  }
}
