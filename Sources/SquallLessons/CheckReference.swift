import SquallChecks

/// The check grammar's reference, made from its tables (the comparisons, each kind's fields),
/// for the lesson-writing guide; a test keeps the guide's copy current. Pure.
package enum CheckReference {
  package static var markdown: String {
    var lines = ["", "| Comparison | Holds when |", "|---|---|"]
    for predicate in Predicate.allCases {
      let example = predicate.takesValue ? "`\(predicate.rawValue) V`" : "`\(predicate.rawValue)`"
      lines.append("| \(example) | \(predicate.summary) |")
    }
    lines += ["", "| Kind | Is satisfied by | Fields |", "|---|---|---|"]
    for kind in Check.Kind.allCases {
      let subject = kind.subject
      var fields = subject.fields.map { field in
        let name = field.argument == .headerName ? "\(field.name).NAME" : field.name
        return "`\(name)` \(Self.word(field.kind))"
      }
      if subject.readsJSON { fields.append("`$.PATH` (the body as JSON)") }
      lines.append("| `\(kind.rawValue)` | \(Self.satisfied(kind)) | \(fields.joined(separator: " · ")) |")
    }
    return lines.joined(separator: "\n") + "\n\n"
  }

  static func word(_ kind: Subject.ValueKind) -> String {
    switch kind {
    case .text: "text"
    case .number: "number"
    case .duration: "duration"
    case .flag: "true/false"
    case .mixed: "text or number"
    }
  }

  static func satisfied(_ kind: Check.Kind) -> String {
    switch kind {
    case .served: "an exchange the hosted server answered (the log's ←)"
    case .sent: "the builder's request and its outcome (→; status 599 when no response)"
    case .refused: "a request the server refused by itself"
    case .burst: "a burst from the builder finished"
    case .option: "a Server pane option has a value: `option maxBufferSize <= 1000`"
    case .route: "some route-editor route satisfies it"
    case .server: "the hosted server's state"
    case .view: "what the playground shows"
    case .compared: "the builder compared a request on Squall and on Tornado (`=`)"
    case .websocket: "the builder's WebSocket (a `ws://` URL) opened, sent or received a frame, or closed"
    }
  }
}
