import Foundation
import SquallTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// A server that answers one connection with fixed bytes, whatever they are: for what Squall's
/// own server would never send (control characters in headers, a broken status line…).
/// Binds 127.0.0.1 port 0 and reports the port.
final class CannedServer: @unchecked Sendable {
  let port: Int
  private let fd: Int32
  private let lock = NSLock()
  private var recorded: [UInt8]?

  /// The request's bytes as they arrived (its head and its `Content-Length` body), once whole.
  var received: [UInt8]? { lock.withLock { recorded } }

  init(answer: [UInt8]) throws {
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard listener >= 0 else { throw SocketError.failed("socket") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
        bind(listener, pointer, length) == 0 && listen(listener, 4) == 0 && getsockname(listener, pointer, &length) == 0
      }
    }
    guard bound else {
      close(listener)
      throw SocketError.failed("bind: errno \(errno)")
    }
    fd = listener
    port = Int(UInt16(bigEndian: address.sin_port))
    Thread.detachNewThread { [self] in
      let client = accept(listener, nil, nil)
      guard client >= 0 else { return }
      var buffer = [UInt8](repeating: 0, count: 4096)
      var request: [UInt8] = []
      // The head, then as many body bytes as it announces (bounded: a test's request is small).
      while request.count < 1_000_000 {
        let count = recv(client, &buffer, buffer.count, 0)
        guard count > 0 else { break }
        request += buffer[..<count]
        if let whole = Self.wholeRequest(request) {
          lock.withLock { recorded = whole }
          break
        }
      }
      _ = answer.withUnsafeBytes { Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
      close(client)
    }
  }

  /// The request in `bytes` once its head and `Content-Length` body are all there.
  static func wholeRequest(_ bytes: [UInt8]) -> [UInt8]? {
    let end = Array("\r\n\r\n".utf8)
    guard
      let headEnd = (0...max(0, bytes.count - 4)).first(where: { bytes.count >= 4 && Array(bytes[$0..<$0 + 4]) == end })
    else { return nil }
    let head = String(decoding: bytes[..<headEnd], as: UTF8.self)
    let length =
      head.split(separator: "\r\n").compactMap { line -> Int? in
        let parts = line.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
        return Int(parts[1].trimmingCharacters(in: .whitespaces))
      }.first ?? 0
    let total = headEnd + 4 + length
    return bytes.count >= total ? Array(bytes[..<total]) : nil
  }

  deinit {
    shutdown(fd, Int32(SHUT_RDWR))
    close(fd)
  }
}
