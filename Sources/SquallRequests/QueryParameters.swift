import Foundation

/// The query-parameter table, kept in sync with the URL both ways: the URL is the truth, the
/// table is read from it and writes it back. Works on text, so `{{base}}/x?a=1` is fine. Pure.
package enum QueryParameters {
  /// The decoded `name=value` pairs of `url`'s query, in order (`+` reads as a space).
  package static func rows(of url: String) -> [RequestSpec.Row] {
    guard let query = parts(url).query, !query.isEmpty else { return [] }
    return query.unicodeScalars.split(separator: "&", omittingEmptySubsequences: true).compactMap { pair in
      let halves = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let row = RequestSpec.Row(decode(Substring(halves[0])), halves.count > 1 ? decode(Substring(halves[1])) : "")
      // A bare `=` is no parameter: the URL written back leaves it out.
      return row.name.isEmpty && row.value.isEmpty ? nil : row
    }
  }

  /// `url` with its query replaced by the enabled `rows`, percent-encoded.
  package static func url(_ url: String, with rows: [RequestSpec.Row]) -> String {
    let (base, _, fragment) = parts(url)
    let query = rows.filter(\.enabled).map { row in
      row.value.isEmpty && row.name.isEmpty ? "" : "\(encode(row.name))=\(encode(row.value))"
    }.filter { !$0.isEmpty }.joined(separator: "&")
    return base + (query.isEmpty ? "" : "?" + query) + (fragment.map { "#" + $0 } ?? "")
  }

  /// Before `?`, the query, and the fragment after `#`.
  static func parts(_ url: String) -> (base: String, query: String?, fragment: String?) {
    // Scalars, not `Character`s: `?` or `#` followed by a combining mark still delimits.
    var rest = url.unicodeScalars[...]
    var fragment: String?
    if let hash = rest.firstIndex(of: "#") {
      fragment = String(rest[rest.index(after: hash)...])
      rest = rest[..<hash]
    }
    guard let mark = rest.firstIndex(of: "?") else { return (String(rest), nil, fragment) }
    return (String(rest[..<mark]), String(rest[rest.index(after: mark)...]), fragment)
  }

  static func decode(_ text: Substring) -> String {
    let spaced = text.replacingOccurrences(of: "+", with: " ")
    return spaced.removingPercentEncoding ?? spaced
  }

  /// Percent-encodes all but unreserved characters, and keeps `{{variables}}` as typed.
  static func encode(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics.intersection(
      CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
    allowed.insert(charactersIn: "-._~{}")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
  }
}
