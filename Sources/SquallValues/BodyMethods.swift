/// The methods whose requests carry a body even when it is empty, as Tornado's client decides it
/// (`body_expected = method in ("POST", "PATCH", "PUT")`): such a request without a body says
/// `Content-Length: 0`. The one list the client, `squall fetch`, the builder, the exports and
/// `squall compare` read. Pure.
public enum BodyMethods {
  public static let expectingBody: Set<String> = ["POST", "PUT", "PATCH"]

  /// Whether a request with `method` carries a body (upper-cased first).
  public static func expectBody(_ method: String) -> Bool { expectingBody.contains(method.uppercased()) }
}
