import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Tornado's `netutil.is_valid_ip`: whether text is an IP address, asked of `getaddrinfo` with
/// `AI_NUMERICHOST` (so no name is ever looked up), which takes what the C library takes
/// (`127.1` too, as Tornado on the same machine).
enum NumericHost {
  static func isValid(_ text: String) -> Bool {
    guard !text.isEmpty, !text.utf8.contains(0) else { return false }
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    #if canImport(Glibc)
      hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    #else
      hints.ai_socktype = SOCK_STREAM
    #endif
    hints.ai_flags = AI_NUMERICHOST
    var result: UnsafeMutablePointer<addrinfo>?
    let status = getaddrinfo(text, "0", &hints, &result)
    if let result { freeaddrinfo(result) }
    return status == 0
  }
}
