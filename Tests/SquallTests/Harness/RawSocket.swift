import Foundation
import SquallTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// A blocking TCP client for protocol tests: sends exact bytes, reads with a deadline.
/// `@unchecked Sendable`: its only state is a descriptor; a test hands it to one thread at a
/// time.
final class RawSocket: @unchecked Sendable {
  private var fd: Int32

  init(port: Int, timeout: Double = 5) throws {
    switch connectToLoopback(port: port) {
    case .success(let connected): fd = connected
    case .failure(let error): throw SocketError.failed("connect to \(port): errno \(error.code.rawValue)")
    }
    var one: Int32 = 1
    setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
  }

  deinit { if fd >= 0 { close(fd) } }

  func send(_ text: String) throws { try send(Array(text.utf8)) }

  func send(_ bytes: [UInt8]) throws {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
      guard sent > 0 else { throw SocketError.failed("send: errno \(errno)") }
      offset += sent
    }
  }

  /// Closes the connection abortively (a reset, as a client that crashes or is killed): the
  /// server learns at once that nobody will read its answer. Use the socket no more after it.
  func reset() {
    var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
    close(fd)
    fd = -1
  }

  /// Half-closes the write side.
  func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }

  enum ReadResult: Equatable {
    case data([UInt8])
    case closed
    /// The peer reset the connection (ECONNRESET): a TCP reset, not a FIN.
    case reset
    case timedOut
  }

  func read(timeout: Double) -> ReadResult {
    var pollFD = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    let ready = poll(&pollFD, 1, Int32(timeout * 1000))
    if ready == 0 { return .timedOut }
    var buffer = [UInt8](repeating: 0, count: 65536)
    let count = recv(fd, &buffer, buffer.count, 0)
    if count < 0 && errno == ECONNRESET { return .reset }
    if count <= 0 { return .closed }
    return .data(Array(buffer[..<count]))
  }

  /// Reads until `done` says the bytes so far are enough, the peer closes, or `timeout` passes.
  func read(until done: ([UInt8]) -> Bool, timeout: Double = 5) -> (bytes: [UInt8], closed: Bool) {
    var bytes: [UInt8] = []
    let deadline = Date().addingTimeInterval(timeout)
    while !done(bytes) {
      let remaining = deadline.timeIntervalSinceNow
      if remaining <= 0 { break }
      switch read(timeout: remaining) {
      case .data(let chunk): bytes += chunk
      case .closed, .reset: return (bytes, true)
      case .timedOut: return (bytes, false)
      }
    }
    return (bytes, false)
  }

  /// How a connection read to its end ended.
  enum End: Equatable { case closed, reset, timedOut }

  /// Reads everything until the peer closes or resets, or `timeout` passes.
  func readToEnd(timeout: Double) -> (bytes: [UInt8], end: End) {
    var bytes: [UInt8] = []
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      let remaining = deadline.timeIntervalSinceNow
      if remaining <= 0 { return (bytes, .timedOut) }
      switch read(timeout: remaining) {
      case .data(let chunk): bytes += chunk
      case .closed: return (bytes, .closed)
      case .reset: return (bytes, .reset)
      case .timedOut: return (bytes, .timedOut)
      }
    }
  }

  /// Whether the peer closes within `timeout` (reading and discarding anything it sends).
  func isClosed(within timeout: Double) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while deadline.timeIntervalSinceNow > 0 {
      switch read(timeout: deadline.timeIntervalSinceNow) {
      case .closed, .reset: return true
      case .timedOut: return false
      case .data: continue
      }
    }
    return false
  }
}

enum SocketError: Error { case failed(String) }

/// Waits until something accepts connections on `port`.
func waitForPort(_ port: Int, timeout: Double = 20) throws {
  let deadline = Date().addingTimeInterval(timeout)
  while Date() < deadline {
    if (try? RawSocket(port: port)) != nil { return }
    usleep(50_000)
  }
  throw SocketError.failed("nothing listens on \(port) after \(timeout)s")
}
