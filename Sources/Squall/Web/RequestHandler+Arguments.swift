extension RequestHandler {
  /// The last value of argument `name` from the query or body; throws `MissingArgumentError`
  /// (answered with 400) when absent and no `default` is given. Values are stripped of
  /// surrounding whitespace unless `strip` is false.
  public func getArgument(_ name: String, default defaultValue: String? = nil, strip: Bool = true)
    throws -> String
  {
    try lastValue(getArguments(name, strip: strip), name, defaultValue)
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
