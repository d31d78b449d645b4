import Foundation
import Squall
import SquallPlaygroundCore

/// What reaches the UI thread: the core's events, and the hosted server's news as the library
/// published it. An event loop only queues the exchange; it becomes the core's value
/// (`ServedExchange`, a log entry with copied bodies) when the UI thread drains it, so the
/// server's loops never pay for the log.
enum RuntimeEvent: Sendable {
  case event(PlaygroundEvent)
  case served(HTTPExchange)
  case refused(HTTPRefusal)

  /// The core's event. Pure.
  var playgroundEvent: PlaygroundEvent {
    switch self {
    case .event(let event): event
    case .served(let exchange): .servedExchange(ServedExchange(exchange))
    case .refused(let refusal): .refusedRequest(RefusedRequest(refusal))
    }
  }

  /// Whether the queue may drop it under a flood (a served exchange: the log counts it as dropped).
  var isServedExchange: Bool {
    if case .served = self { true } else { false }
  }
}
