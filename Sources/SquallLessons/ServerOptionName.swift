/// The Server pane's options, in its order: the one list their names come from, for the pane
/// (`ServerOptions`), the lessons' `> setup: option NAME=VALUE` lines and their `option` checks,
/// so `squall lessons check` refuses a name the pane does not have. Pure.
package enum ServerOptionName: Int, CaseIterable, Sendable {
  case maxBufferSize, maxBodySize, maxHeaderSize, idleConnectionTimeout, bodyTimeout, noKeepAlive
  case compressResponse, xheaders

  package var name: String { String(describing: self) }

  package init?(name: String) {
    guard let option = Self.allCases.first(where: { $0.name == name }) else { return nil }
    self = option
  }

  /// Whether it is true or false (toggled in the pane), not a number.
  package var isFlag: Bool { self == .noKeepAlive || self == .compressResponse || self == .xheaders }
}
