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
    Thread.detachNewThread {
      let client = accept(listener, nil, nil)
      guard client >= 0 else { return }
      var buffer = [UInt8](repeating: 0, count: 4096)
      _ = recv(client, &buffer, buffer.count, 0)
      _ = answer.withUnsafeBytes { Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
      close(client)
    }
  }

  deinit {
    shutdown(fd, Int32(SHUT_RDWR))
    close(fd)
  }
}
