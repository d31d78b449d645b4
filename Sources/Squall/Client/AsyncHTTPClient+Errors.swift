import AsyncHTTPClient
import ClientErrorClassification
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOSSL

// What went wrong with a fetch, as a kind and in words a user can act on.

extension AsyncHTTPClient {
  static func describe(_ error: any Error, request: HTTPRequest, timeout: Double, limit: Int)
    -> (HTTPClientError.Kind, String)
  {
    if error is ResponseBodyTooLarge {
      return (
        .responseTooLarge,
        "Response body larger than maxBodySize (\(limit) bytes): stopped reading; raise maxBodySize to accept it"
      )
    }
    switch error is BodyDeadlineExceeded ? .requestTimeout : TransportFailure(error) {
    case .connectTimeout:
      return (.connectTimeout, "Timeout while connecting (connectTimeout \(request.connectTimeout ?? 0)s)")
    case .requestTimeout:
      return (.requestTimeout, "Timeout during request (requestTimeout \(timeout)s)")
    case .connectionRefused:
      return (.connectionRefused, "Connection refused: nothing listens at \(request.url); is the server running?")
    case .dns: return (.dnsFailure, "DNS failure: the host of \(request.url) did not resolve")
    case .tls: return (.tlsFailure, "TLS failure talking to \(request.url)")
    case .connectionClosed: return (.connectionClosed, "Stream closed before the response was complete")
    case .connectionReset:
      return (.connectionClosed, "Connection reset by the server before the response was complete")
    case .staleConnection:
      return (
        .connectionClosed,
        "The connection closed before the request could be sent, twice (is the server restarting?); send it again"
      )
    case .tooManyRedirects:
      return (
        .tooManyRedirects,
        "Too many redirects: more than maxRedirects (\(request.maxRedirects ?? 0)); raise it, or turn followRedirects off to see the first"
      )
    case .redirectLoop:
      return (
        .tooManyRedirects,
        "Redirect loop: \(request.url) redirects back to a URL already visited; turn followRedirects off to see where"
      )
    case .decompressionLimit:
      return (
        .responseTooLarge,
        "The gzip body grew past 100 times its compressed size while inflating (a decompression bomb?): stopped reading; set decompressResponse to false to get the compressed bytes"
      )
    case .malformedResponse(let what):
      return (.other, "Malformed response from \(request.url): \(what); nothing past it was read")
    case .decompressionFailed:
      return (.other, "The response body is not valid gzip or deflate, though Content-Encoding says so")
    case .invalidURL:
      return (
        .invalidURL, "invalid URL \(request.url.debugDescription): expected something like http://127.0.0.1:8888/"
      )
    case .cancelled: return (.cancelled, "the request was cancelled")
    case .other(let text): return (.other, text)
    }
  }
}
