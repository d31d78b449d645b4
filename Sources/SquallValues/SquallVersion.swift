/// Squall's version, sent in the `Server` header as Tornado sends `TornadoServer/6.x`.
public enum Squall {
  /// The library version.
  public static let version = "0.1.0"
  /// The value of the `Server` response header.
  public static let serverHeader = "SquallServer/\(version)"
}
