/// A request as the builder composes it and a collection file stores it: human-readable,
/// `Codable`, with `{{variables}}` left unexpanded until it is sent.
package struct RequestSpec: Codable, Equatable, Sendable {
  /// One row of the headers table (or of a form body): kept when switched off, not sent.
  package struct Row: Codable, Equatable, Sendable {
    package var name: String
    package var value: String
    package var enabled: Bool
    /// In a multipart body: `value` is a path whose file is sent.
    package var isFile: Bool

    package init(_ name: String, _ value: String, enabled: Bool = true, isFile: Bool = false) {
      self.name = name
      self.value = value
      self.enabled = enabled
      self.isFile = isFile
    }

    enum CodingKeys: String, CodingKey {
      case name, value, enabled
      case isFile = "file"
    }

    package init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      name = try container.decode(String.self, forKey: .name)
      value = try container.decodeIfPresent(String.self, forKey: .value) ?? ""
      enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled) ?? true
      isFile = try container.decodeIfPresent(Bool.self, forKey: .isFile) ?? false
    }

    package func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(name, forKey: .name)
      try container.encode(value, forKey: .value)
      if !enabled { try container.encode(enabled, forKey: .enabled) }
      if isFile { try container.encode(isFile, forKey: .isFile) }
    }
  }

  /// What the body is; the `Content-Type` follows it unless a header sets one.
  package enum BodyKind: String, Codable, CaseIterable, Sendable {
    case none, raw, json, form, multipart

    /// The `Content-Type` this kind sends by default.
    package var contentType: String? {
      switch self {
      case .none, .raw: nil
      case .json: "application/json"
      case .form: "application/x-www-form-urlencoded"
      case .multipart: "multipart/form-data"
      }
    }
  }

  /// The client options the seed teaches; nil takes the client's defaults.
  package struct Options: Codable, Equatable, Sendable {
    package var requestTimeout: Double?
    package var connectTimeout: Double?
    package var followRedirects: Bool?
    package var maxRedirects: Int?
    package var decompressResponse: Bool?

    package init(
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

  package var method: String
  /// The URL, query string included (the params table edits it).
  package var url: String
  package var headers: [Row]
  package var bodyKind: BodyKind
  /// The body text for `raw` and `json`.
  package var body: String
  /// The fields of a `form` or `multipart` body.
  package var fields: [Row]
  package var username: String
  package var password: String
  package var options: Options
  /// Conditions its response must meet, in the check grammar (`status == 200`,
  /// `$.items[0].id exists`): `squall requests test` decides them, the builder shows them.
  package var asserts: [String] = []
  /// Values its response gives the requests after it: `{{token}}` from `$.token`.
  package var captures: [Capture] = []

  /// `name` takes the value `query` reads from the response (any query of the check grammar:
  /// `$.token`, `header.Location`, `status`, `body`).
  package struct Capture: Codable, Equatable, Sendable {
    package var name: String
    package var query: String

    package init(_ name: String, _ query: String) {
      self.name = name
      self.query = query
    }
  }

  package init(
    method: String = "GET", url: String = "{{base}}/", headers: [Row] = [], bodyKind: BodyKind = .none,
    body: String = "", fields: [Row] = [], username: String = "", password: String = "", options: Options = Options(),
    asserts: [String] = [], captures: [Capture] = []
  ) {
    self.asserts = asserts
    self.captures = captures
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
    case body, fields, username, password, options, asserts, captures
  }

  /// Files stay readable and short: empty parts are left out, and read back as empty.
  package init(from decoder: any Decoder) throws {
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
    asserts = try container.decodeIfPresent([String].self, forKey: .asserts) ?? []
    captures = try container.decodeIfPresent([Capture].self, forKey: .captures) ?? []
  }

  package func encode(to encoder: any Encoder) throws {
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
    if !asserts.isEmpty { try container.encode(asserts, forKey: .asserts) }
    if !captures.isEmpty { try container.encode(captures, forKey: .captures) }
  }

  /// The header rows that will be sent (switched-on ones).
  package var enabledHeaders: [Row] { headers.filter(\.enabled) }

  /// The value of a switched-on header, by case-insensitive name.
  package func header(_ name: String) -> String? {
    enabledHeaders.last { $0.name.lowercased() == name.lowercased() }?.value
  }
}
