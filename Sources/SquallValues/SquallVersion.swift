/// Squall's version, sent in the `Server` header as Tornado sends `TornadoServer/6.x`. Not
/// named `Squall`: a type of the module's own name would hide the module (`Squall.HTTPRequest`
/// must name the library's type). The library publishes it as `Squall.version`, as
/// `tornado.version`.
package enum SquallVersion {
  /// The library version.
  package static let number = "0.1.0"
  /// The value of the `Server` response header.
  package static let serverHeader = "SquallServer/\(number)"
}
