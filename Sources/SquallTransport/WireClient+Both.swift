import SquallCompare

extension WireClient {
  /// Two servers' answers to one request: read by NIO's parser, or, when either is not HTTP it
  /// reads (the faults app), read again as bytes.
  package enum BothAnswers: Sendable {
    case parsed(tornado: WireResponse, squall: WireResponse)
    case raw(tornado: RawAnswer, squall: RawAnswer)
  }

  /// Sends `request` to Tornado's port, then to Squall's, and reads both answers; as bytes when
  /// a parser refuses either (each side saying what its parser said). Throws when a server
  /// cannot be reached at all.
  package static func both(_ request: WireRequest, tornadoPort: Int, squallPort: Int, timeout: Double = 10)
    async throws -> BothAnswers
  {
    let tornado = await parsed(request, port: tornadoPort, timeout: timeout)
    let squall = await parsed(request, port: squallPort, timeout: timeout)
    if case .success(let tornado) = tornado, case .success(let squall) = squall {
      return .parsed(tornado: tornado, squall: squall)
    }
    for case .failure(let failure) in [tornado, squall] where failure.message.hasPrefix("could not connect") {
      throw failure
    }
    let said = { (result: Result<WireResponse, WireFailure>) -> String in
      if case .failure(let failure) = result { return failure.message }
      return "a whole answer"
    }
    return .raw(
      tornado: try await raw(request, port: tornadoPort, timeout: timeout, parserSaid: said(tornado)),
      squall: try await raw(request, port: squallPort, timeout: timeout, parserSaid: said(squall)))
  }

  /// One exchange read by NIO's parser, or why it could not be read.
  static func parsed(_ request: WireRequest, port: Int, timeout: Double) async -> Result<WireResponse, WireFailure> {
    do { return .success(try await exchange(request, port: port, timeout: timeout)) } catch let failure
      as WireFailure
    {
      return .failure(failure)
    } catch { return .failure(WireFailure(message: "\(error)")) }
  }
}
