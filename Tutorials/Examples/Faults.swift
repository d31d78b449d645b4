import Squall
import SquallValues

/// Sends a fault of `WireFault` instead of an answer: the connection is taken over from HTTP
/// (`detach()`, Tornado's) after the request has been read, and the fault's bytes, pauses and
/// close (or reset) go to the socket as they are. The faults example app has one route per
/// fault (`kwargs["fault"]`); `Tutorials/Python/faults_app.py` is its Tornado twin.
// snippet.fault-handler
final class FaultHandler: RequestHandler {
  override class var supportedMethods: [String] { ["GET", "POST", "PUT"] }
  private var fault = WireFault.noResponse

  override func initialize(_ kwargs: [String: any Sendable]) {
    fault = kwargs["fault"] as? WireFault ?? .noResponse
  }

  override func get() async throws {
    let parameters = WireFault.Parameters { [self] name in getQueryArguments(name).last }
    try await sendFault(fault, parameters)
  }
  override func post() async throws { try await get() }
  override func put() async throws { try await get() }
}
// snippet.end

extension RequestHandler {
  /// Sends `fault` on this request's connection: detaches it from HTTP, then writes, waits,
  /// closes or resets as the fault's steps say. For a handler of the faults app or a route of
  /// the route editor.
  package func sendFault(_ fault: WireFault, _ parameters: WireFault.Parameters) async throws {
    let stream = try await detach()
    for step in fault.steps(parameters) {
      switch step {
      case .write(let bytes): try await stream.write(bytes)
      case .pause(let milliseconds): try await Task.sleep(for: .milliseconds(milliseconds))
      case .close: await stream.close()
      case .reset: await stream.reset()
      }
    }
  }
}

/// The faults app's `/`: every fault, its route and what it sends, as plain text.
final class FaultsIndexHandler: RequestHandler {
  override class var supportedMethods: [String] { ["GET"] }

  override func get() async throws {
    setHeader("Content-Type", "text/plain; charset=UTF-8")
    write("Each route sends what its name says, after reading the request:\n")
    for fault in WireFault.allCases {
      write("GET /fault/\(fault.rawValue)\(fault.query)  \(fault.summary)\n")
    }
  }
}
