/// WebSocket opcodes and close codes in words (RFC 6455 §5.2, §7.4): how `squall ws -v` and the
/// playground name them. Pure.
package enum WebSocketNames {
  /// `text`, `binary`, `close`, `ping`, `pong`, `continuation`, `opcode 3`.
  package static func opcode(_ opcode: UInt8) -> String {
    switch opcode {
    case 0: "continuation"
    case 1: "text"
    case 2: "binary"
    case 8: "close"
    case 9: "ping"
    case 10: "pong"
    default: "opcode \(opcode)"
    }
  }

  /// `normal closure`, `message too big`, `the application's own`…
  package static func closeCode(_ code: Int) -> String {
    switch code {
    case 1000: "normal closure"
    case 1001: "going away"
    case 1002: "protocol error"
    case 1003: "unsupported data"
    case 1005, 1006, 1015: "reserved: never sent"
    case 1007: "invalid data"
    case 1008: "policy violation"
    case 1009: "message too big"
    case 1010: "extension needed"
    case 1011: "server error"
    case 3000..<4000: "registered for libraries"
    case 4000..<5000: "the application's own"
    default: "not a code for the wire"
    }
  }
}
