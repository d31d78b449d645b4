import AsyncHTTPClient
import ClientErrorClassification
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOSSL
import SquallValues

// How the client follows a redirect, as Tornado's does.

extension AsyncHTTPClient {
  /// `location` resolved against `base`, as Python's `urljoin` does for Tornado: a Location
  /// with spaces or non-ASCII is percent-encoded first rather than refused. Pure.
  static func resolve(_ location: String, against base: String) -> String {
    let baseURL = URL(string: base)
    if let url = URL(string: location, relativeTo: baseURL) { return url.absoluteURL.absoluteString }
    var allowed = CharacterSet.urlQueryAllowed
    allowed.insert(charactersIn: "#%")
    if let encoded = location.addingPercentEncoding(withAllowedCharacters: allowed),
      let url = URL(string: encoded, relativeTo: baseURL)
    {
      return url.absoluteURL.absoluteString
    }
    return location
  }

  /// What to do after a response, as Tornado's `_should_follow_redirect` decides.
  enum Redirect {
    /// Not a redirect to follow.
    case stop
    /// Fetch this next.
    case follow(HTTPRequest)
    /// A redirect to another scheme than http(s) (Tornado: `ValueError: Unsupported url scheme`).
    case unsupported(String)
    /// A redirect not followed because `maxRedirects` is spent; its resolved `Location`.
    case limitReached(String)
  }

  /// The statuses a client follows (with a `Location`).
  static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]

  /// Whether the answer with this head will be followed, decided from the head alone as
  /// Tornado's `_should_follow_redirect` is. Such a hop reaches neither `headerCallback` nor
  /// `streamingCallback` (Tornado's `_HTTPConnection.headers_received` and `data_received`
  /// return early for it): `squall fetch -L URL > file` saves the final answer, not the
  /// "Redirecting…" pages before it. Pure.
  static func followsAtHead(_ request: HTTPRequest, status: Int, headers: HTTPHeaders) -> Bool {
    request.followRedirects == true && (request.maxRedirects ?? 0) > 0 && redirectStatuses.contains(status)
      && headers.contains(name: "Location")
  }

  /// The next request after `response` to `request`: for 301, 302, 303, 307 and 308 with a
  /// `Location`, when `followRedirects` is on and `maxRedirects` is not spent. A 303 (but to
  /// HEAD) and a 301 or 302 to POST become a GET without a body or its `Content-*` headers, as
  /// browsers, libcurl and Tornado do; 307 and 308 repeat the method and body. `Host` is
  /// dropped, so the new URL's host is sent. Pure.
  static func redirect(after response: HTTPResponse, of request: HTTPRequest) -> Redirect {
    guard request.followRedirects == true, response.error == nil || response.error?.kind == .http,
      redirectStatuses.contains(response.code),
      let location = response.headers.first(name: "Location")
    else { return .stop }
    let target = Self.resolve(location, against: request.url)
    guard (request.maxRedirects ?? 0) > 0 else { return .limitReached(target) }
    if let scheme = URLComponents(string: target)?.scheme?.lowercased(), scheme != "http", scheme != "https" {
      return .unsupported(
        "Redirect to an unsupported scheme: \(response.code) to \(TerminalSafe.escape(location)) "
          + "(only http:// and https:// are followed); turn followRedirects off to get the \(response.code) itself")
    }
    var next = request
    next.url = target
    next.maxRedirects = (request.maxRedirects ?? 0) - 1
    next.headers.remove(name: "Host")
    if (response.code == 303 && request.method != "HEAD")
      || ([301, 302].contains(response.code) && request.method == "POST")
    {
      next.method = "GET"
      next.body = nil
      for name in ["Content-Length", "Content-Type", "Content-Encoding", "Transfer-Encoding"] {
        next.headers.remove(name: name)
      }
    }
    return .follow(next)
  }
}
