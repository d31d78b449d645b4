import Foundation
import SquallValues

/// Why a request cannot be sent as composed, in words that say what to fix.
package struct RequestProblem: Error, Equatable, Sendable, CustomStringConvertible {
  package var message: String
  package init(_ message: String) { self.message = message }
  package var description: String { message }
}

extension RequestSpec {
  /// The URL with variables expanded, and `:8888/x` (HTTPie's shorthand) or a missing scheme
  /// completed.
  package func resolvedURL(_ variables: Variables) -> (url: String, missing: [String]) {
    let (expanded, missing) = variables.expand(url.trimmingCharacters(in: .whitespaces))
    if expanded.hasPrefix(":") { return ("http://127.0.0.1" + expanded, missing) }
    if !expanded.isEmpty, !expanded.contains("://") { return ("http://" + expanded, missing) }
    return (expanded, missing)
  }

  /// The URL as the client will send it: resolved, with what a URL may not hold as typed (spaces
  /// aside, which `urlProblem` refuses) percent-encoded, as Foundation's `URL` encodes it for the
  /// client (`café` becomes `caf%C3%A9`).
  package func wireURL(_ variables: Variables) -> String {
    let resolved = resolvedURL(variables).url
    return URL(string: resolved)?.absoluteString ?? resolved
  }

  /// Where the URL is wrong, or nil; checked as the user types.
  package func urlProblem(_ variables: Variables) -> String? {
    let (resolved, missing) = resolvedURL(variables)
    if let name = missing.first { return variables.whyMissing(name) }
    if resolved.isEmpty { return "type a URL, such as {{base}}/ (the playground's server)" }
    if let typo = Self.schemeTypo(variables.expand(url.trimmingCharacters(in: .whitespaces)).text) { return typo }
    return URLCheck.problem(resolved)
  }

  /// `http//host`, `https:/host`, `http:host`: a scheme missing its `:` or a `/`, which the
  /// completion of a missing scheme would turn into a lookup of the host "http". Pure.
  package static func schemeTypo(_ typed: String) -> String? {
    let lower = typed.lowercased()
    for scheme in ["https", "http"] where lower.hasPrefix(scheme) {
      let rest = typed.dropFirst(scheme.count)
      guard !rest.hasPrefix("://") else { return nil }
      for typo in ["//", ":/", ":", "/"] where rest.hasPrefix(typo) {
        let host = rest.dropFirst(typo.count).drop { $0 == "/" }
        return "\(scheme)\(typo) is missing part of \(scheme)://: write \(scheme)://\(host)"
      }
      return nil
    }
    return nil
  }

  /// Said before sending when the method usually carries no body but one is set (lesson 3's
  /// form once went out with every later GET): `GET with a form body: it goes out too (…)`.
  /// nil otherwise. Pure.
  package var bodyNote: String? {
    let verb = method.trimmingCharacters(in: .whitespaces).uppercased()
    guard ["GET", "HEAD", "DELETE", "OPTIONS"].contains(verb), bodyKind != .none else { return nil }
    let kind = bodyKind == .json ? "JSON" : bodyKind.rawValue
    return "\(verb) with a \(kind) body: it goes out too (3, then k until none)"
  }

  /// A switched-on header whose `{{variable}}` has no value, in words (the request would not be
  /// sent), or nil.
  package func headerProblem(_ variables: Variables) -> String? {
    for row in enabledHeaders {
      if let name = variables.expand(row.value).missing.first {
        return "header \(row.name): \(variables.whyMissing(name))"
      }
    }
    return nil
  }

  /// The body's problem as typed (JSON that does not parse, with line and column), or nil.
  package func bodyProblem(_ variables: Variables) -> String? {
    guard bodyKind == .json else { return nil }
    let text = variables.expand(body).text
    if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "the JSON body is empty" }
    return JSONCheck.problem(in: text).map { "JSON: \($0.description)" }
  }

  /// The `Content-Type` sent: a header set by hand wins, else the body kind's.
  package func contentType(boundary: String) -> String? {
    if let set = header("Content-Type") { return set }
    if bodyKind == .multipart { return "multipart/form-data; boundary=\(boundary)" }
    return bodyKind.contentType
  }

  /// `application/x-www-form-urlencoded` encoding: unreserved characters kept, the rest `%XX`.
  package static func formEncode(_ text: String) -> String {
    var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
  }
}
