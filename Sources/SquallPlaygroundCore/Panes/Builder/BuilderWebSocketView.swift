import Foundation
import SquallValues

// The builder on a `ws://` URL: the line under the URL says what Ctrl-R does; the Response
// section is the transcript of frames both ways, newest at the bottom.

extension BuilderView {
  /// `⇄ open · Ctrl-R sends Body (3) · Esc closes`, or what Ctrl-R will do, in the longest
  /// form that fits `width` whole. Pure.
  static func webSocketStatus(_ builder: BuilderState, _ state: PlaygroundState, width: Int) -> String {
    let url = builder.spec.resolvedURL(state.variables).url
    let forms: [String]
    if let socket = builder.webSocket, socket.url == url {
      switch socket.phase {
      case .connecting: forms = ["◌ connecting… · Esc cancels"]
      case .open:
        forms = [
          "⇄ open · Ctrl-R sends Body (3) as a message · Esc closes", "⇄ open · Ctrl-R sends Body (3) · Esc closes",
          "⇄ open · Ctrl-R sends · Esc closes", "⇄ open · Ctrl-R · Esc", "⇄ open",
        ]
      case .closing: forms = ["◌ closing…"]
      case .ended(let end):
        let short = end.code.map { "○ closed \($0) · Ctrl-R again" } ?? "○ ended (6 says why) · Ctrl-R again"
        forms = [
          "○ \(end.words) · Ctrl-R connects again", "○ \(end.words)", short, "○ failed (6 says why) · Ctrl-R",
          "○ ended",
        ]
      }
    } else {
      forms = ["⇄ a WebSocket: Ctrl-R connects", "⇄ Ctrl-R connects", "⇄ Ctrl-R"]
    }
    return forms.first { CellWidth.of($0) <= width } ?? forms[forms.count - 1]
  }

  /// The transcript lines at `width`: the headline, then each frame (→ sent, ← received). Pure.
  static func webSocketLines(_ builder: BuilderState, width: Int) -> [(String, Style)] {
    let burst =
      builder.webSocketBurst.map { burst in
        CellWidth.wrap("⇶ " + burst.line, to: max(8, width), indent: "  ").map {
          ($0, burst.failed > 0 ? Style.error : .info)
        }
      } ?? []
    return burst + transcriptLines(builder, width: width)
  }

  static func transcriptLines(_ builder: BuilderState, width: Int) -> [(String, Style)] {
    guard let socket = builder.webSocket else {
      if builder.webSocketBurst != nil { return [] }
      return CellWidth.wrap(
        "A ws:// URL opens a WebSocket: Ctrl-R connects; then Body (3) holds each message, Ctrl-R sends it, "
          + "P pings, and every frame shows here; Esc closes.", to: max(8, width), indent: ""
      ).map { ($0, Style.dim) }
    }
    var lines: [(String, Style)] = [(socket.headline, .bold)]
    if socket.dropped > 0 { lines.append(("… \(socket.dropped) older frames not kept", .dim)) }
    for frame in socket.transcript {
      let style: Style =
        switch frame.opcode {
        case 8: .warning
        case 9, 10: .dim
        default: frame.outbound ? .normal : .info
        }
      for (index, text) in CellWidth.wrap(frame.line, to: max(8, width), indent: "    ").enumerated()
      where index < 3 {
        lines.append((text, style))
      }
    }
    if case .ended(let end) = socket.phase {
      // Wrapped, never cut: why it ended is read in full.
      for text in CellWidth.wrap("○ \(end.words)", to: max(8, width), indent: "  ") {
        lines.append((text, end.problem == nil ? .dim : .error))
      }
    }
    return lines
  }

  static func drawWebSocket<C: Canvas>(_ builder: BuilderState, in rect: Rect, into canvas: inout C) {
    let lines = webSocketLines(builder, width: rect.width - 2)
    // The newest frames stay in view.
    let window = ListWindow(count: lines.count, focus: lines.count - 1, rows: rect.height)
    window.draw(in: rect, into: &canvas) { index, row, canvas in
      canvas.draw(
        CellWidth.pad(" " + lines[index].0, to: rect.width), x: rect.x, y: rect.y + row, width: rect.width,
        style: lines[index].1)
    }
  }
}
