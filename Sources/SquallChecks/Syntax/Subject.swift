/// What a check can read, and of which kind each value is: a lesson's `served` exchange, a
/// saved request's response, a Log entry, a server option. The parser refuses a field the
/// subject has not, and a comparison that does not fit its kind, with the fields it has.
public struct Subject: Sendable {
  public enum ValueKind: Sendable {
    case text
    case number
    /// Seconds; written with a unit (`100ms`, `2s`).
    case duration
    /// `true` or `false`.
    case flag
    /// Text that compares as a number when it reads as one: a JSON value, a header's value.
    case mixed
  }

  public enum Argument: Sendable {
    case none
    /// `header.NAME`: a header's name, any case.
    case headerName
  }

  public struct Field: Sendable {
    public var name: String
    public var kind: ValueKind
    public var argument: Argument
    public var summary: String

    public init(_ name: String, _ kind: ValueKind, argument: Argument = .none, _ summary: String) {
      self.name = name
      self.kind = kind
      self.argument = argument
      self.summary = summary
    }
  }

  public var name: String
  public var fields: [Field]
  /// Whether `$.PATH` reads the body as JSON.
  public var readsJSON: Bool

  public init(_ name: String, fields: [Field], readsJSON: Bool = false) {
    self.name = name
    self.fields = fields
    self.readsJSON = readsJSON
  }

  public func field(_ name: String) -> Field? { fields.first { $0.name == name } }

  /// The fields in words, for messages: `status, reason, header.NAME, body, $.PATH`.
  public var fieldList: String {
    (fields.map { $0.argument == .headerName ? "\($0.name).NAME" : $0.name } + (readsJSON ? ["$.PATH"] : []))
      .joined(separator: ", ")
  }

  /// An HTTP exchange: what every exchange subject reads (a lesson's `served` and `sent`, a
  /// saved request's asserts, the Log's filter).
  public static let exchangeFields: [Field] = [
    Field("status", .number, "the response's status code"),
    Field("reason", .text, "the reason phrase (`Not Found`)"),
    Field("method", .text, "the request's method"),
    Field("path", .text, "the request's path, without the query"),
    Field("query", .text, "the query string, without `?`"),
    Field("header", .mixed, argument: .headerName, "a response header, by name in any case"),
    Field("reqheader", .mixed, argument: .headerName, "a request header, by name in any case"),
    Field("body", .text, "the response body as text"),
    Field("size", .number, "the response body's size in bytes"),
    Field("duration", .duration, "from the request's first byte to the response's last"),
    Field("error", .text, "the client's error (`timeout`, `refused`…), `none` when it got an answer"),
  ]
}
