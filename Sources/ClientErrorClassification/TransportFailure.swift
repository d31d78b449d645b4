import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import NIOPosix
import NIOSSL

/// What kind of failure async-http-client reported, in Tornado's terms.
///
/// The classification reads the errors' types and codes, never their text. It is a module of
/// its own because `Squall` defines its own `HTTPClientError` and `AsyncHTTPClient` (Tornado's
/// names), which shadow async-http-client's inside `Squall`.
package enum TransportFailure: Sendable, Equatable {
  case connectTimeout
  case requestTimeout
  case connectionRefused
  case dns
  case tls
  case connectionClosed
  case connectionReset
  /// The pooled connection the request was given had closed before the request could be
  /// written (`I/O on closed channel`): the server closed it (a restart, an idle timeout) as
  /// the request went out. Nothing reached the server.
  case staleConnection
  case tooManyRedirects
  /// A redirect led back to a URL already visited.
  case redirectLoop
  /// The gzip body inflated past the limit (100 times its compressed size): a decompression bomb.
  case decompressionLimit
  /// The compressed body is not valid gzip/deflate.
  case decompressionFailed
  /// The response is not HTTP the parser accepts; what is wrong, in words.
  case malformedResponse(String)
  case invalidURL
  case cancelled
  case other(String)

  /// Classifies an error thrown by async-http-client.
  package init(_ error: any Error) {
    if let error = error as? HTTPClientError {
      switch error {
      case .connectTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout:
        self = .connectTimeout
      case .deadlineExceeded, .readTimeout, .writeTimeout: self = .requestTimeout
      case .remoteConnectionClosed: self = .connectionClosed
      case .redirectLimitReached: self = .tooManyRedirects
      case .redirectCycleDetected: self = .redirectLoop
      case .invalidURL, .emptyHost, .emptyScheme: self = .invalidURL
      case .cancelled: self = .cancelled
      // The transport was shut down under the fetch (`resetConnections()`): nothing went out.
      case .alreadyShutdown: self = .staleConnection
      default: self = .other(String(describing: error))
      }
      return
    }
    if let decompression = error as? NIOHTTPDecompression.DecompressionError {
      self = decompression == .limit ? .decompressionLimit : .decompressionFailed
      return
    }
    if error is NIOHTTPDecompression.ExtraDecompressionError {
      self = .decompressionFailed
      return
    }
    if let parser = error as? HTTPParserError {
      switch parser {
      case .invalidHeaderToken:
        self = .malformedResponse(
          "a response header line is not \"Name: value\" in characters HTTP allows (a line without a colon? a control character?)"
        )
      case .invalidStatus: self = .malformedResponse("the status line is not HTTP/1.x NNN reason")
      case .invalidConstant:
        self = .malformedResponse("the first line is not an HTTP status line (HTTP/1.1 NNN reason)")
      case .unexpectedContentLength:
        self = .malformedResponse(
          "two Content-Length headers (or one beside Transfer-Encoding): the body's length is ambiguous")
      case .invalidVersion: self = .malformedResponse("the response is not HTTP/1.0 or HTTP/1.1")
      case .headerOverflow: self = .malformedResponse("the response headers are too large")
      case .invalidChunkSize: self = .malformedResponse("a chunk size of the body is not a hexadecimal number")
      case .invalidContentLength: self = .malformedResponse("Content-Length is not a single number")
      case .invalidEOFState, .closedConnection: self = .connectionClosed
      default: self = .malformedResponse("the response is not valid HTTP (\(parser))")
      }
      return
    }
    if let io = error as? IOError {
      self = Self.classify(errno: io.errnoCode) ?? .other(String(describing: error))
      return
    }
    if let connection = error as? NIOConnectionError {
      let codes = connection.connectionErrors.compactMap { ($0.error as? IOError)?.errnoCode }
      if let code = codes.first, let kind = Self.classify(errno: code) {
        self = kind
      } else if connection.connectionErrors.isEmpty && (connection.dnsAError != nil || connection.dnsAAAAError != nil) {
        self = .dns
      } else {
        self = .other(String(describing: error))
      }
      return
    }
    if error is CancellationError {
      self = .cancelled
    } else if error is SocketAddressError || error is SocketAddressError.UnknownHost {
      self = .dns
    } else if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
      self = .tls
    } else if let channel = error as? ChannelError, Self.isConnectTimeout(channel) {
      self = .connectTimeout
    } else if let channel = error as? ChannelError, channel == .ioOnClosedChannel || channel == .alreadyClosed {
      self = .staleConnection
    } else {
      self = .other(String(describing: error))
    }
  }

  /// The failure an errno stands for, when it is one of the connection's.
  static func classify(errno code: CInt) -> TransportFailure? {
    switch code {
    case ECONNREFUSED: .connectionRefused
    case ECONNRESET, EPIPE: .connectionReset
    case ETIMEDOUT: .connectTimeout
    default: nil
    }
  }

  private static func isConnectTimeout(_ error: ChannelError) -> Bool {
    if case .connectTimeout = error { return true }
    return false
  }
}
