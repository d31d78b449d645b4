import Squall

extension HTTPClientError.Kind {
  /// The word checks and asserts read for a failure without an answer (`error == timeout`):
  /// `timeout`, `refused`, `cancelled`, `closed`, `invalid` or `other`. Pure.
  package var word: String {
    switch self {
    case .connectTimeout, .requestTimeout: "timeout"
    case .connectionRefused: "refused"
    case .cancelled: "cancelled"
    case .connectionClosed: "closed"
    case .invalidURL, .invalidRequest: "invalid"
    case .http, .dnsFailure, .tlsFailure, .tooManyRedirects, .responseTooLarge, .other: "other"
    }
  }
}
