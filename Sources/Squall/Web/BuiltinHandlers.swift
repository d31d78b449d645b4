/// Answers every request with an error status; the application uses it for unmatched paths
/// (Tornado's `ErrorHandler`, `kwargs: ["status_code": 404]`).
public final class ErrorHandler: RequestHandler {
  private var statusCode = 404

  public override func initialize(_ kwargs: [String: any Sendable]) {
    statusCode = kwargs["status_code"] as? Int ?? 404
  }

  public override func prepare() async throws {
    throw HTTPError(statusCode)
  }
}

/// Redirects to `kwargs["url"]`, permanently unless `kwargs["permanent"]` is false; `{0}` in
/// the URL is replaced by the first capture (Tornado's `RedirectHandler`).
public final class RedirectHandler: RequestHandler {
  private var target = "/"
  private var permanent = true

  public override func initialize(_ kwargs: [String: any Sendable]) {
    target = kwargs["url"] as? String ?? "/"
    permanent = kwargs["permanent"] as? Bool ?? true
  }

  public override func get(_ args: [String]) async throws {
    var destination = target
    for (index, value) in args.enumerated() {
      destination = destination.replacingAll("{\(index)}", with: value)
    }
    if !request.query.isEmpty && !destination.contains("?") {
      destination += "?" + request.query
    }
    try await redirect(destination, permanent: permanent)
  }
}

extension String {
  func replacingAll(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty else { return self }
    return components(separatedByString: target).joined(separator: replacement)
  }

  func components(separatedByString separator: String) -> [String] {
    var parts: [String] = []
    var rest = self[...]
    while let range = rest.firstRange(of: separator) {
      parts.append(String(rest[..<range.lowerBound]))
      rest = rest[range.upperBound...]
    }
    parts.append(String(rest))
    return parts
  }
}
