/// A JSON value written as a Swift literal, for `write(["ok": true, "count": count])` — what a
/// Tornado handler writes as `self.write({"ok": True, "count": count})`.
///
/// Objects keep the order their keys were written in, as a Python `dict` does, so the bytes
/// are the ones Tornado's `json_encode` writes: `{"ok": true, "count": 1}` (see `tornadoBytes`).
/// A key written twice keeps its first place and its last value, as in Python.
public enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case array([JSONValue])
  /// Keys in the order written.
  case object([(key: String, value: JSONValue)])

  public static func == (left: JSONValue, right: JSONValue) -> Bool {
    switch (left, right) {
    case (.null, .null): true
    case (.bool(let a), .bool(let b)): a == b
    case (.int(let a), .int(let b)): a == b
    case (.double(let a), .double(let b)): a == b
    case (.string(let a), .string(let b)): a == b
    case (.array(let a), .array(let b)): a == b
    case (.object(let a), .object(let b)): a.map(\.key) == b.map(\.key) && a.map(\.value) == b.map(\.value)
    case (.null, _), (.bool, _), (.int, _), (.double, _), (.string, _), (.array, _), (.object, _): false
    }
  }

  /// An object from pairs in order; a repeated key keeps its first place and its last value.
  public static func object(ordered pairs: some Sequence<(String, JSONValue)>) -> JSONValue {
    var keys: [String] = []
    var values: [String: JSONValue] = [:]
    for (key, value) in pairs {
      if values.updateValue(value, forKey: key) == nil { keys.append(key) }
    }
    return .object(keys.map { (key: $0, value: values[$0]!) })
  }

  /// An object from Swift values, keys in the order written, where a literal of literals will
  /// not do: `notes.map { JSONValue(["id": $0.id, "text": $0.text]) }` (nil is `null`).
  public init(_ members: KeyValuePairs<String, (any JSONRepresentable)?>) {
    self = .object(ordered: members.map { ($0.key, $0.value?.jsonValue ?? .null) })
  }

  /// An array from Swift values of any JSON kind: `JSONValue([note.id, note.text, nil])`.
  public init(_ elements: [(any JSONRepresentable)?]) {
    self = .array(elements.map { $0?.jsonValue ?? .null })
  }

  /// The value's member `key` when it is an object; nil otherwise.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let pairs) = self else { return nil }
    return pairs.last { $0.key == key }?.value
  }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
  ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByStringInterpolation,
  ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
  public typealias Key = String
  public typealias Value = JSONValue
  public typealias ArrayLiteralElement = JSONValue

  public init(nilLiteral: ()) { self = .null }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(integerLiteral value: Int) { self = .int(value) }
  public init(floatLiteral value: Double) { self = .double(value) }
  public init(stringLiteral value: String) { self = .string(value) }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  public init(dictionaryLiteral elements: (String, JSONValue)...) { self = JSONValue.object(ordered: elements) }
}

/// A Swift value with a JSON form: what `write` takes in a dictionary literal beside literals
/// (`["count": count, "name": user.name, "tags": tags, "next": nil]`). Bool, the integers, Double, Float,
/// String, optionals (nil is `null`), arrays and `[String: V]` dictionaries (keys sorted: a
/// Swift dictionary has no order) conform; conform your own types to write them as values.
public protocol JSONRepresentable: Sendable {
  /// The value as JSON.
  var jsonValue: JSONValue { get }
}

extension JSONValue: JSONRepresentable { public var jsonValue: JSONValue { self } }
extension Bool: JSONRepresentable { public var jsonValue: JSONValue { .bool(self) } }
extension String: JSONRepresentable { public var jsonValue: JSONValue { .string(self) } }
extension Substring: JSONRepresentable { public var jsonValue: JSONValue { .string(String(self)) } }
extension Double: JSONRepresentable { public var jsonValue: JSONValue { .double(self) } }
extension Float: JSONRepresentable { public var jsonValue: JSONValue { .double(Double(self)) } }
extension Int: JSONRepresentable { public var jsonValue: JSONValue { .int(self) } }
extension Int8: JSONRepresentable { public var jsonValue: JSONValue { .int(Int(self)) } }
extension Int16: JSONRepresentable { public var jsonValue: JSONValue { .int(Int(self)) } }
extension Int32: JSONRepresentable { public var jsonValue: JSONValue { .int(Int(self)) } }
extension Int64: JSONRepresentable { public var jsonValue: JSONValue { .int(Int(self)) } }
extension UInt8: JSONRepresentable { public var jsonValue: JSONValue { .int(Int(self)) } }
extension UInt16: JSONRepresentable { public var jsonValue: JSONValue { .int(Int(self)) } }
extension UInt32: JSONRepresentable { public var jsonValue: JSONValue { .int(Int(self)) } }
extension UInt: JSONRepresentable {
  /// Above `Int.max`, a double, as JSON numbers have no width.
  public var jsonValue: JSONValue { self <= UInt(Int.max) ? .int(Int(self)) : .double(Double(self)) }
}
extension UInt64: JSONRepresentable {
  /// Above `Int.max`, a double, as JSON numbers have no width.
  public var jsonValue: JSONValue { self <= UInt64(Int.max) ? .int(Int(self)) : .double(Double(self)) }
}
extension Optional: JSONRepresentable where Wrapped: JSONRepresentable {
  public var jsonValue: JSONValue { self?.jsonValue ?? .null }
}
extension Array: JSONRepresentable where Element: JSONRepresentable {
  public var jsonValue: JSONValue { .array(map(\.jsonValue)) }
}
extension Dictionary: JSONRepresentable where Key == String, Value: JSONRepresentable {
  public var jsonValue: JSONValue {
    .object(sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value.jsonValue) })
  }
}

extension JSONValue: Encodable {
  private struct MemberKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  /// Encodes as the JSON it is (inside an `Encodable` type of yours), keys in the encoder's order.
  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .null:
      var container = encoder.singleValueContainer()
      try container.encodeNil()
    case .bool(let value):
      var container = encoder.singleValueContainer()
      try container.encode(value)
    case .int(let value):
      var container = encoder.singleValueContainer()
      try container.encode(value)
    case .double(let value):
      var container = encoder.singleValueContainer()
      try container.encode(value)
    case .string(let value):
      var container = encoder.singleValueContainer()
      try container.encode(value)
    case .array(let values):
      var container = encoder.unkeyedContainer()
      for value in values { try container.encode(value) }
    case .object(let pairs):
      var container = encoder.container(keyedBy: MemberKey.self)
      for (key, value) in pairs { try container.encode(value, forKey: MemberKey(stringValue: key)) }
    }
  }
}
