import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import NIOPosix

/// What kind of failure async-http-client reported, in Tornado's terms.
///
/// This tiny module exists because `Squall` defines its own `HTTPClientError` and
/// `AsyncHTTPClient` (Tornado's names), which shadow async-http-client's inside `Squall`.
public enum TransportFailure: Sendable, Equatable {
  case connectTimeout
  case requestTimeout
  case connectionRefused
  case dns
  case tls
  case connectionClosed
  case connectionReset
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
  public init(_ error: any Error) {
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
        self = .malformedResponse("a response header holds a character HTTP does not allow (a control character?)")
      case .invalidStatus: self = .malformedResponse("the status line is not HTTP/1.x NNN reason")
      case .invalidVersion: self = .malformedResponse("the response is not HTTP/1.0 or HTTP/1.1")
      case .headerOverflow: self = .malformedResponse("the response headers are too large")
      case .invalidChunkSize: self = .malformedResponse("a chunk size of the body is not a hexadecimal number")
      case .invalidContentLength: self = .malformedResponse("Content-Length is not a single number")
      case .invalidEOFState, .closedConnection: self = .connectionClosed
      default: self = .malformedResponse("the response is not valid HTTP (\(parser))")
      }
      return
    }
    let text = String(describing: error)
    if let io = error as? IOError, io.errnoCode == ECONNRESET || io.errnoCode == EPIPE {
      self = .connectionReset
      return
    }
    if let connection = error as? NIOConnectionError {
      let inner = connection.connectionErrors.map { String(describing: $0.error) }.joined()
      if connection.dnsAAAAError != nil && connection.dnsAError != nil && connection.connectionErrors.isEmpty {
        self = .dns
      } else if inner.contains("refused") || inner.contains("ECONNREFUSED") || inner.contains("111") {
        self = .connectionRefused
      } else {
        self = .other(text)
      }
      return
    }
    if text.contains("Connection refused") || text.contains("connectionRefused") {
      self = .connectionRefused
    } else if text.contains("NIOSSL") || text.contains("handshake") || text.contains("certificate") {
      self = .tls
    } else if text.contains("DNS") || text.contains("getaddrinfo") || text.contains("unknownHost") {
      self = .dns
    } else {
      self = .other(text)
    }
  }
}
