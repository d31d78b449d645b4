extension RequestHandler {
  /// The last value of argument `name` from the query or body; throws `MissingArgumentError`
  /// (answered with 400) when absent and no `default` is given. Values are stripped of
  /// surrounding whitespace unless `strip` is false.
  public func getArgument(_ name: String, default defaultValue: String? = nil, strip: Bool = true)
    throws -> String
  {
    try lastValue(getArguments(name, strip: strip), name, defaultValue)
  }

  /// The last value of argument `name`, or `defaultValue` when absent: nothing to throw.
  public func getArgument(_ name: String, default defaultValue: String, strip: Bool = true) -> String {
    getArguments(name, strip: strip).last ?? defaultValue
  }

  /// The last value of argument `name` read as `type` (`Int`, `Double`, `Bool`, any
  /// `LosslessStringConvertible`): `getArgument("limit", as: Int.self, default: 100)`. Throws
  /// `MissingArgumentError` when absent without a default and `InvalidArgumentError` when the
  /// value does not read as `type`; both answer 400.
  public func getArgument<Value: LosslessStringConvertible>(
    _ name: String, as type: Value.Type, default defaultValue: Value? = nil, strip: Bool = true
  ) throws -> Value {
    try typed(getArguments(name, strip: strip).last, name, defaultValue)
  }

  /// Like `getArgument(_:as:default:)`, from the query string only.
  public func getQueryArgument<Value: LosslessStringConvertible>(
    _ name: String, as type: Value.Type, default defaultValue: Value? = nil, strip: Bool = true
  ) throws -> Value {
    try typed(getQueryArguments(name, strip: strip).last, name, defaultValue)
  }

  /// Like `getArgument(_:as:default:)`, from the form body only.
  public func getBodyArgument<Value: LosslessStringConvertible>(
    _ name: String, as type: Value.Type, default defaultValue: Value? = nil, strip: Bool = true
  ) throws -> Value {
    try typed(getBodyArguments(name, strip: strip).last, name, defaultValue)
  }

  /// Path argument `index` (the route's capture groups, in order, as `get(_:)` receives them)
  /// read as `type`: `pathArgument(0, as: Int.self)` for `/items/([0-9]+)`. Throws
  /// `InvalidArgumentError` (400) when the value does not read as `type`, and a 500 when the
  /// route has no such group (the program's mistake).
  public func pathArgument<Value: LosslessStringConvertible>(_ index: Int, as type: Value.Type) throws -> Value {
    guard pathArgs.indices.contains(index) else {
      // The route's pattern and the handler disagree: the program's mistake, not the client's.
      throw HTTPError(500, "pathArgument(\(index)): the route \(request.path) has \(pathArgs.count) groups")
    }
    return try typed(pathArgs[index], "path argument \(index)", nil)
  }

  /// Named path argument `name` (a `(?P<name>…)` group) read as `type`, as `pathArgument(_:as:)`.
  public func pathArgument<Value: LosslessStringConvertible>(_ name: String, as type: Value.Type) throws -> Value {
    guard let value = pathKwargs[name] else {
      throw HTTPError(500, "pathArgument(\(name.debugDescription)): the route has no group of that name")
    }
    return try typed(value, "path argument \(name)", nil)
  }

  private func typed<Value: LosslessStringConvertible>(_ text: String?, _ name: String, _ defaultValue: Value?)
    throws -> Value
  {
    guard let text else {
      if let defaultValue { return defaultValue }
      throw MissingArgumentError(argumentName: name)
    }
    // `nan` and `inf` read as a Double but no JSON can carry them back: refused as not numbers.
    guard let value = Value(text), (value as? any FloatingPoint)?.isFinite ?? true else {
      throw InvalidArgumentError(argumentName: name, value: text, typeName: String(describing: Value.self))
    }
    return value
  }

  /// Every value of argument `name` from the query and the body.
  public func getArguments(_ name: String, strip: Bool = true) -> [String] {
    clean(request.arguments[name], strip)
  }

  /// Like `getArgument`, from the query string only.
  public func getQueryArgument(
    _ name: String, default defaultValue: String? = nil, strip: Bool = true
  ) throws -> String {
    try lastValue(getQueryArguments(name, strip: strip), name, defaultValue)
  }

  /// Like `getArgument(_:default:)`, from the query string only: nothing to throw.
  public func getQueryArgument(_ name: String, default defaultValue: String, strip: Bool = true) -> String {
    getQueryArguments(name, strip: strip).last ?? defaultValue
  }

  /// Every value of argument `name` from the query string.
  public func getQueryArguments(_ name: String, strip: Bool = true) -> [String] {
    clean(request.queryArguments[name], strip)
  }

  /// Like `getArgument`, from the form body only.
  public func getBodyArgument(
    _ name: String, default defaultValue: String? = nil, strip: Bool = true
  ) throws -> String {
    try lastValue(getBodyArguments(name, strip: strip), name, defaultValue)
  }

  /// Like `getArgument(_:default:)`, from the form body only: nothing to throw.
  public func getBodyArgument(_ name: String, default defaultValue: String, strip: Bool = true) -> String {
    getBodyArguments(name, strip: strip).last ?? defaultValue
  }

  /// Every value of argument `name` from the form body.
  public func getBodyArguments(_ name: String, strip: Bool = true) -> [String] {
    clean(request.bodyArguments[name], strip)
  }

  private func lastValue(_ values: [String], _ name: String, _ defaultValue: String?) throws
    -> String
  {
    if let last = values.last { return last }
    if let defaultValue { return defaultValue }
    throw MissingArgumentError(argumentName: name)
  }

  private func clean(_ values: [String], _ strip: Bool) -> [String] {
    // As Tornado's `_remove_control_chars_regex`: each of U+0000–U+0008 and U+000E–U+001F
    // becomes a space (tab, LF, VT, FF and CR stay), then the value is stripped.
    values.map { value in
      var scalars = String.UnicodeScalarView()
      for scalar in value.unicodeScalars {
        let control = scalar.value <= 0x08 || (0x0E...0x1F).contains(scalar.value)
        scalars.append(control ? " " : scalar)
      }
      let text = String(scalars)
      return strip ? text.trimmingSpaces() : text
    }
  }
}
