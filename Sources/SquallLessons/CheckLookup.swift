import SquallChecks
import SquallValues

extension Observation {
  /// What a check of `kind` reads from this observation, or nil when the kinds differ. Pure.
  func lookup(for kind: Check.Kind) -> CheckEvaluator.Lookup? {
    switch (kind, self) {
    case (.served, .served(let exchange)), (.sent, .sent(let exchange)):
      return exchange.value(of:)
    case (.refused, .refused(let cause, let status, let method, let path, let bytes)):
      return { query in
        switch query.field {
        case "cause": .text(cause)
        case "status": status.map { .number(Double($0)) }
        case "method": .text(method)
        case "path": .text(path)
        case "bytes": .number(Double(bytes))
        default: nil
        }
      }
    case (.burst, .burst(let count, let concurrency, let p50, let max, let failures)):
      return { query in
        switch query.field {
        case "count": .number(Double(count))
        case "concurrency": .number(Double(concurrency))
        case "p50": .number(p50)
        case "max": .number(max)
        case "failures": .number(Double(failures))
        default: nil
        }
      }
    case (.compared, .compared(let method, let path, let status, let verdict, let summary)):
      return { query in
        switch query.field {
        case "status": .number(Double(status))
        default: Observation.comparedField(query.field, method, path, status, verdict, summary).map(CheckValue.text)
        }
      }
    case (.websocket, .webSocket(let socket)):
      return { query in
        switch socket.value(query.field) {
        case .number(let number): .number(number)
        case .text(let text): .text(text)
        case nil: nil
        }
      }
    case (.served, _), (.sent, _), (.refused, _), (.burst, _), (.compared, _), (.option, _), (.route, _),
      (.server, _), (.view, _), (.websocket, _):
      return nil
    }
  }
}

extension ObservedExchange {
  /// The exchange as checks read it. Pure.
  var facts: ExchangeFacts {
    ExchangeFacts(
      method: method, url: query.isEmpty ? path : "\(path)?\(query)", status: status, reason: reason,
      headers: headers.map { ($0.key, $0.value) }, requestHeaders: requestHeaders.map { ($0.key, $0.value) },
      body: Array(body.utf8), size: size, duration: duration, error: error,
      extra: ["raw": raw, "rawrequest": rawRequest])
  }

  /// A query's value (`ExchangeFacts.value`). Pure.
  func value(of query: Query) -> CheckValue? { facts.value(of: query) }
}

extension ServerSnapshot {
  /// A query's value for an option, server or view check. Pure.
  func value(of query: Query, for kind: Check.Kind) -> CheckValue? {
    let text: String?
    switch kind {
    case .option: text = options[query.field]
    case .server:
      if query.field == "connections" { return .number(Double(connections)) }
      if query.field == "websockets" { return .number(Double(webSockets)) }
      if query.field == "memory" { return .number(Double(memoryMB)) }
      text = ["status": status, "app": app, "tornado": tornado][query.field]
    case .view:
      text =
        switch query.field {
        case "timeline": timelineShown ? "shown" : "hidden"
        case "wire": wireShown ? "shown" : "hidden"
        case "tab": responseTab
        default: nil
        }
    case .served, .sent, .refused, .burst, .route, .compared, .websocket: text = nil
    }
    return text.map { Double($0).map(CheckValue.number) ?? .text($0) }
  }
}

extension ServerSnapshot.Route {
  /// A query's value for a route check. Pure.
  func lookup(_ query: Query) -> CheckValue? {
    switch query.field {
    case "method": .text(method)
    case "pattern": .text(pattern)
    case "status": .number(Double(status))
    case "body": .text(body)
    case "delay": .number(delay)
    case "fault": .text(fault.isEmpty ? "none" : fault)
    default: nil
    }
  }
}
