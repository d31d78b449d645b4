import NIOCore
import NIOHTTP1

/// The values the connection state machine's actions carry. Pure: no I/O.
extension ConnectionStateMachine {
  /// The options that decide refusals and timeouts.
  struct Limits: Equatable {
    var maxBodySize: Int
    /// The option that set `maxBodySize`, for messages (`maxBufferSize` or `maxBodySize`).
    var maxBodySizeName: String
    var noKeepAlive: Bool
    var maxHeaderSize = 65_536
    /// Seconds without a complete request head before the connection closes.
    var idleConnectionTimeout: Double? = nil
    /// Seconds a body may take to arrive.
    var bodyTimeout: Double? = nil

    init(
      maxBodySize: Int, maxBodySizeName: String, noKeepAlive: Bool, maxHeaderSize: Int = 65_536,
      idleConnectionTimeout: Double? = nil, bodyTimeout: Double? = nil
    ) {
      self.maxBodySize = maxBodySize
      self.maxBodySizeName = maxBodySizeName
      self.noKeepAlive = noKeepAlive
      self.maxHeaderSize = maxHeaderSize
      self.idleConnectionTimeout = idleConnectionTimeout
      self.bodyTimeout = bodyTimeout
    }

    init(_ options: HTTPServer.Options) {
      self.init(
        maxBodySize: options.effectiveMaxBodySize, maxBodySizeName: options.maxBodySizeName,
        noKeepAlive: options.noKeepAlive, maxHeaderSize: options.maxHeaderSize,
        idleConnectionTimeout: options.idleConnectionTimeout, bodyTimeout: options.bodyTimeout)
    }
  }

  /// An error the pipeline reported, as far as the machine needs it.
  enum Failure: Equatable {
    case parser(HTTPParserError)
    /// The socket failed (reset by the peer, a broken pipe): the client is gone, nothing it
    /// sent was wrong, and there is nobody to answer. Tornado closes the stream, says nothing.
    case connectionLost(String)
    case other(String)

    init(_ error: any Error) {
      if let error = error as? HTTPParserError {
        self = .parser(error)
      } else if error is IOError {
        self = .connectionLost(String(describing: error))
      } else {
        self = .other(String(describing: error))
      }
    }
  }

  /// Something kept for after the response being written.
  enum Kept: Equatable {
    case part(HTTPServerRequestPart)
    case failure(Failure)
  }

  /// What arrived while a response was being written, oldest first, and whether reading is
  /// paused for it (so a client cannot make the backlog grow without bound).
  struct Backlog: Equatable {
    var kept = CircularBuffer<Kept>()
    /// Reading stopped because a pipelined part arrived mid-response.
    var paused = false
    /// The channel asked to read while reading was paused: read once it resumes.
    var readPending = false
  }

  /// Tornado's answer to a request it will not serve: observers are told, then the connection
  /// closes, after a bare `400 Bad Request` when `status` is set.
  struct Refusal: Equatable {
    /// Words for the message: a parser's error is described with the bytes received, which
    /// only the handler has.
    enum Words: Equatable {
      case said(String)
      case malformed(Failure)
    }
    var cause: HTTPRefusal.Cause
    var words: Words
    /// `400`, or nil to close without an answer (Tornado's way with timeouts and big heads).
    var status: Int?
    var head: HTTPRequestHead?
    /// The head arrived with this refusal: observers hear of the head first.
    var headIsNew = false
    var bodyBytesReceived = 0
  }

  /// Parts of a response, framed, to write now.
  struct Write: Equatable {
    /// The head as it goes out (framed for the request), if this write starts the response.
    var head: HTTPResponseHead?
    /// The body bytes, when there are any and the response carries a body on the wire.
    var body: ByteBuffer?
    /// The request this write ends, as it ended (its status, whether the connection stays);
    /// nil while the response goes on.
    var ended: Request?
  }
}
