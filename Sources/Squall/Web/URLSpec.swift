import Foundation

/// One route: a full-match pattern, the handler class, its `initialize` arguments and an optional
/// name for `reverseURL`, as Tornado's `tornado.web.URLSpec` (built with `url(...)`).
public struct URLSpec: Sendable {
  /// The pattern as given, Python syntax allowed (`(?P<name>...)`).
  public let pattern: String
  /// The handler class that answers requests matching `pattern`.
  public let handlerClass: RequestHandler.Type
  /// Passed to the handler's `initialize(_:)`.
  public let kwargs: [String: any Sendable]
  /// The name for `Application.reverseURL`.
  public let name: String?
  let matcher: PathMatcher
  /// Hands a `TypedInitialize` handler its typed arguments.
  let configure: (@Sendable (RequestHandler) -> Void)?

  /// Creates a route; an invalid regular expression stops the program with a message naming it.
  public init(
    _ pattern: String, _ handlerClass: RequestHandler.Type, kwargs: [String: any Sendable] = [:],
    name: String? = nil
  ) {
    self.pattern = pattern
    self.handlerClass = handlerClass
    self.kwargs = kwargs
    self.name = name
    self.configure = nil
    do {
      self.matcher = try PathMatcher(pattern)
    } catch {
      preconditionFailure("Invalid route pattern \(pattern): \(error)")
    }
  }

  /// A route whose handler takes typed `initialize` arguments: no dictionary, no casts.
  public init<Handler: TypedInitialize>(
    _ pattern: String, _ handlerClass: Handler.Type, _ arguments: Handler.Arguments, name: String? = nil
  ) {
    self.pattern = pattern
    self.handlerClass = handlerClass
    self.kwargs = [:]
    self.name = name
    self.configure = { handler in (handler as? Handler)?.initialize(arguments) }
    do {
      self.matcher = try PathMatcher(pattern)
    } catch {
      preconditionFailure("Invalid route pattern \(pattern): \(error)")
    }
  }

  /// Checks a pattern without creating a route; `nil` when it compiles, else the message.
  public static func validate(_ pattern: String) -> String? {
    do {
      _ = try PathMatcher(pattern)
      return nil
    } catch {
      return "\(error)"
    }
  }
}

/// Tornado's `url()` shorthand.
public func url(
  _ pattern: String, _ handlerClass: RequestHandler.Type, kwargs: [String: any Sendable] = [:],
  name: String? = nil
) -> URLSpec {
  URLSpec(pattern, handlerClass, kwargs: kwargs, name: name)
}

/// Tornado's `url()` for a handler with typed `initialize` arguments:
/// `url("/files/(.*)", FileHandler.self, FileHandler.Arguments(root: "/srv"))`.
public func url<Handler: TypedInitialize>(
  _ pattern: String, _ handlerClass: Handler.Type, _ arguments: Handler.Arguments, name: String? = nil
) -> URLSpec {
  URLSpec(pattern, handlerClass, arguments, name: name)
}

/// A handler that declares the type of its `initialize` arguments (Tornado's
/// `initialize(self, root, greeting="Hi")` keyword arguments), read without casts:
///
/// ```swift
/// final class GreetHandler: RequestHandler, TypedInitialize {
///   struct Arguments: Sendable { var greeting = "Hello" }
///   private var greeting = ""
///   func initialize(_ arguments: Arguments) { greeting = arguments.greeting }
///   override func get(_ args: [String]) async throws { write("\(greeting), \(args[0])") }
/// }
/// Application([url("/hi/(.+)", GreetHandler.self, .init(greeting: "Hi"))])
/// ```
/// It runs right after the dictionary form `initialize(_:)`, before `prepare`.
public protocol TypedInitialize: RequestHandler {
  /// The arguments the route gives, once per request.
  associatedtype Arguments: Sendable
  /// Takes the route's arguments (Tornado's `initialize`).
  func initialize(_ arguments: Arguments)
}

/// The outcome of matching a path: positional and named captures, percent-decoded.
struct PathMatch: Equatable {
  var args: [String]
  var kwargs: [String: String]
}

/// Matches request paths against a route pattern; literal patterns skip the regex engine.
struct PathMatcher: @unchecked Sendable {
  // NSRegularExpression is immutable and documented thread-safe.
  private let regex: NSRegularExpression?
  private let literal: String?
  private let groupNames: [String?]
  /// Literal text every match starts and ends with: a path without it skips the regex engine
  /// (most routes fail this way, at the cost of two comparisons).
  private let requiredPrefix: String
  private let requiredSuffix: String
  /// A `%s`-style template for reverse routing, when the pattern allows one.
  let reverseTemplate: [ReversePiece]?

  enum ReversePiece: Equatable {
    case text(String)
    case group
  }

  struct PatternError: Error, CustomStringConvertible {
    var description: String
  }

  init(_ pattern: String) throws {
    var body = pattern
    if body.hasSuffix("$") { body.removeLast() }
    if body.hasPrefix("^") { body.removeFirst() }
    let special = Set(".^$*+?()[]{}|\\")
    if !body.contains(where: special.contains) {
      literal = body
      regex = nil
      groupNames = []
      reverseTemplate = [.text(body)]
      requiredPrefix = ""
      requiredSuffix = ""
      return
    }
    (requiredPrefix, requiredSuffix) = PathMatcher.literalEnds(body)
    literal = nil
    let translated = body.replacingOccurrences(of: "(?P<", with: "(?<")
    do {
      regex = try NSRegularExpression(pattern: "^(?:\(translated))$")
    } catch {
      throw PatternError(description: "not a valid regular expression: \(pattern)")
    }
    groupNames = PathMatcher.captureGroupNames(translated)
    reverseTemplate = PathMatcher.reverseTemplate(translated)
  }

  func match(_ path: String) -> PathMatch? {
    if let literal { return literal == path ? PathMatch(args: [], kwargs: [:]) : nil }
    guard let regex, path.hasPrefix(requiredPrefix), path.hasSuffix(requiredSuffix) else { return nil }
    let range = NSRange(path.startIndex..<path.endIndex, in: path)
    guard let result = regex.firstMatch(in: path, range: range) else { return nil }
    var args: [String] = []
    var kwargs: [String: String] = [:]
    let hasNames = groupNames.contains { $0 != nil }
    for index in 0..<min(groupNames.count, result.numberOfRanges - 1) {
      let captured = result.range(at: index + 1)
      let value =
        captured.location == NSNotFound
        ? "" : PercentCoding.decode(String(path[Range(captured, in: path)!]))
      if let name = groupNames[index] {
        kwargs[name] = value
      } else if !hasNames {
        args.append(value)
      }
    }
    return PathMatch(args: args, kwargs: kwargs)
  }

  /// The literal text a pattern's matches must start and end with (empty when unsure: any
  /// alternation, a quantified last character). Pure.
  static func literalEnds(_ pattern: String) -> (prefix: String, suffix: String) {
    let special = Set(".^$*+?()[]{}|\\")
    let quantifiers = Set("?*+{")
    guard !pattern.contains("|"), !hasInlineFlags(pattern) else { return ("", "") }
    let chars = Array(pattern)
    var prefixEnd = chars.firstIndex(where: special.contains) ?? chars.count
    if prefixEnd < chars.count, quantifiers.contains(chars[prefixEnd]), prefixEnd > 0 { prefixEnd -= 1 }
    var suffixStart = (chars.lastIndex(where: special.contains) ?? -1) + 1
    // `\d` and friends: the letter after a backslash is not literal text.
    if suffixStart > 0, suffixStart < chars.count, chars[suffixStart - 1] == "\\" { suffixStart += 1 }
    let prefix = String(chars[0..<prefixEnd])
    let suffix = suffixStart < chars.count ? String(chars[suffixStart...]) : ""
    return (prefix, suffix)
  }

  /// Whether the pattern sets flags inline (`(?i)`, `(?i:…)`), which change what literal text matches.
  private static func hasInlineFlags(_ pattern: String) -> Bool {
    var rest = Substring(pattern)
    while let open = rest.range(of: "(?") {
      let after = rest[open.upperBound...]
      let isNamedGroup = after.hasPrefix("P<")
      if let next = after.first, next.isLetter || next == "-", !isNamedGroup { return true }
      rest = after
    }
    return false
  }

  /// Names of the capture groups in order (`nil` for unnamed ones), skipping `(?:`, lookarounds.
  static func captureGroupNames(_ pattern: String) -> [String?] {
    var names: [String?] = []
    let chars = Array(pattern)
    var index = 0
    var inClass = false
    while index < chars.count {
      let c = chars[index]
      if c == "\\" {
        index += 2
        continue
      }
      if inClass {
        if c == "]" { inClass = false }
      } else if c == "[" {
        inClass = true
      } else if c == "(" {
        if index + 1 < chars.count, chars[index + 1] == "?" {
          if index + 2 < chars.count, chars[index + 2] == "<",
            index + 3 < chars.count, chars[index + 3] != "=", chars[index + 3] != "!"
          {
            var name = ""
            var cursor = index + 3
            while cursor < chars.count, chars[cursor] != ">" {
              name.append(chars[cursor])
              cursor += 1
            }
            names.append(name)
          }
        } else {
          names.append(nil)
        }
      }
      index += 1
    }
    return names
  }

  /// Tornado's `_find_groups`: text outside groups must be plain (escapes allowed) and groups
  /// must not nest; otherwise the pattern cannot be reversed.
  static func reverseTemplate(_ pattern: String) -> [ReversePiece]? {
    var pieces: [ReversePiece] = []
    var text = ""
    var depth = 0
    var chars = Array(pattern)[...]
    while let c = chars.popFirst() {
      if depth > 0 {
        if c == "\\" {
          _ = chars.popFirst()
        } else if c == "(" {
          return nil
        } else if c == ")" {
          depth -= 1
        }
        continue
      }
      switch c {
      case "(":
        if !text.isEmpty { pieces.append(.text(text)) }
        text = ""
        pieces.append(.group)
        depth += 1
      case "\\":
        guard let next = chars.popFirst() else { return nil }
        text.append(next)
      case ".", "^", "$", "*", "+", "?", "[", "]", "{", "}", "|", ")":
        return nil
      default:
        text.append(c)
      }
    }
    if !text.isEmpty { pieces.append(.text(text)) }
    return pieces
  }
}
