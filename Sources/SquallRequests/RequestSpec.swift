/// A request as the builder composes it and a collection file stores it: human-readable,
/// `Codable`, with `{{variables}}` left unexpanded until it is sent.
public struct RequestSpec: Codable, Equatable, Sendable {
  /// One row of the headers table (or of a form body): kept when switched off, not sent.
  public struct Row: Codable, Equatable, Sendable {
    public var name: String
    public var value: String
    public var enabled: Bool
    /// In a multipart body: `value` is a path whose file is sent.
    public var isFile: Bool

    public init(_ name: String, _ value: String, enabled: Bool = true, isFile: Bool = false) {
      self.name = name
      self.value = value
      self.enabled = enabled
      self.isFile = isFile
    }

    enum CodingKeys: String, CodingKey {
      case name, value, enabled
      case isFile = "file"
    }

    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      name = try container.decode(String.self, forKey: .name)
      value = try container.decodeIfPresent(String.self, forKey: .value) ?? ""
      enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled) ?? true
      isFile = try container.decodeIfPresent(Bool.self, forKey: .isFile) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(name, forKey: .name)
      try container.encode(value, forKey: .value)
      if !enabled { try container.encode(enabled, forKey: .enabled) }
      if isFile { try container.encode(isFile, forKey: .isFile) }
    }
  }

  /// What the body is; the `Content-Type` follows it unless a header sets one.
  public enum BodyKind: String, Codable, CaseIterable, Sendable {
    case none, raw, json, form, multipart

    /// The `Content-Type` this kind sends by default.
    public var contentType: String? {
      switch self {
      case .none, .raw: nil
      case .json: "application/json"
      case .form: "application/x-www-form-urlencoded"
      case .multipart: "multipart/form-data"
      }
    }
  }

  /// The client options the seed teaches; nil takes the client's defaults.
  public struct Options: Codable, Equatable, Sendable {
    public var requestTimeout: Double?
    public var connectTimeout: Double?
    public var followRedirects: Bool?
    public var maxRedirects: Int?
    public var decompressResponse: Bool?

    public init(
      requestTimeout: Double? = nil, connectTimeout: Double? = nil, followRedirects: Bool? = nil,
      maxRedirects: Int? = nil, decompressResponse: Bool? = nil
    ) {
      self.requestTimeout = requestTimeout
      self.connectTimeout = connectTimeout
      self.followRedirects = followRedirects
      self.maxRedirects = maxRedirects
      self.decompressResponse = decompressResponse
    }
  }

  public var method: String
  /// The URL, query string included (the params table edits it).
  public var url: String
  public var headers: [Row]
  public var bodyKind: BodyKind
  /// The body text for `raw` and `json`.
  public var body: String
  /// The fields of a `form` or `multipart` body.
  public var fields: [Row]
  public var username: String
  public var password: String
  public var options: Options

  public init(
    method: String = "GET", url: String = "{{base}}/", headers: [Row] = [], bodyKind: BodyKind = .none,
    body: String = "", fields: [Row] = [], username: String = "", password: String = "", options: Options = Options()
  ) {
    self.method = method
    self.url = url
    self.headers = headers
    self.bodyKind = bodyKind
    self.body = body
    self.fields = fields
    self.username = username
    self.password = password
    self.options = options
  }

  enum CodingKeys: String, CodingKey {
    case method, url, headers
    case bodyKind = "body_kind"
    case body, fields, username, password, options
  }

  /// Files stay readable and short: empty parts are left out, and read back as empty.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    method = try container.decodeIfPresent(String.self, forKey: .method) ?? "GET"
    url = try container.decode(String.self, forKey: .url)
    headers = try container.decodeIfPresent([Row].self, forKey: .headers) ?? []
    bodyKind = try container.decodeIfPresent(BodyKind.self, forKey: .bodyKind) ?? .none
    body = try container.decodeIfPresent(String.self, forKey: .body) ?? ""
    fields = try container.decodeIfPresent([Row].self, forKey: .fields) ?? []
    username = try container.decodeIfPresent(String.self, forKey: .username) ?? ""
    password = try container.decodeIfPresent(String.self, forKey: .password) ?? ""
    options = try container.decodeIfPresent(Options.self, forKey: .options) ?? Options()
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(method, forKey: .method)
    try container.encode(url, forKey: .url)
    if !headers.isEmpty { try container.encode(headers, forKey: .headers) }
    if bodyKind != .none { try container.encode(bodyKind, forKey: .bodyKind) }
    if !body.isEmpty { try container.encode(body, forKey: .body) }
    if !fields.isEmpty { try container.encode(fields, forKey: .fields) }
    if !username.isEmpty { try container.encode(username, forKey: .username) }
    if !password.isEmpty { try container.encode(password, forKey: .password) }
    if options != Options() { try container.encode(options, forKey: .options) }
  }

  /// The header rows that will be sent (switched-on ones).
  public var enabledHeaders: [Row] { headers.filter(\.enabled) }

  /// The value of a switched-on header, by case-insensitive name.
  public func header(_ name: String) -> String? {
    enabledHeaders.last { $0.name.lowercased() == name.lowercased() }?.value
  }
}
