import SquallValues

/// The bottom of the screen: the server's state and the last message, wrapped at spaces over
/// as many rows as it needs (up to `Layout.maxStatusRows`), never cut mid-word. A message too
/// long even for those rows ends by pointing at the history, where it is whole. Pure.
enum StatusBar {
  /// `● http://127.0.0.1:8888`, `○ stopped :8888`…: what the server is doing, in one word.
  static func serverText(_ state: PlaygroundState) -> String {
    switch state.server.status {
    case .running: " ● http://\(state.server.host):\(state.server.port) "
    case .starting: " ◌ starting :\(state.server.port) "
    case .stopped: " ○ stopped :\(state.server.port) "
    case .failed: " ✗ not listening :\(state.server.port) "
    }
  }

  /// The status rows' texts at `width` columns: the first starts with the server's state.
  static func lines(_ state: PlaygroundState, width: Int) -> [String] {
    let text = serverText(state) + " " + TerminalSafe.escape(state.message)
    let wrapped = CellWidth.wrap(text, to: max(10, width - 1), indent: "   ")
    guard wrapped.count > Layout.maxStatusRows else { return wrapped }
    let pointer = "   … the whole message: Ctrl-P, then messages"
    return Array(wrapped.prefix(Layout.maxStatusRows - 1)) + [pointer]
  }

  static func draw<C: Canvas>(_ state: PlaygroundState, in rect: Rect, into canvas: inout C) {
    let rows = lines(state, width: rect.width)
    let serverWidth = CellWidth.of(serverText(state))
    let style: Style = state.messageIsError ? .error : .statusBar
    for (row, text) in rows.prefix(rect.height).enumerated() {
      let y = rect.y + row
      if row == 0 {
        let used = canvas.draw(
          CellWidth.clip(text, to: serverWidth), x: rect.x, y: y, width: rect.width, style: .statusBar)
        let rest = String(text.unicodeScalars.dropFirst(CellWidth.clip(text, to: serverWidth).unicodeScalars.count))
        canvas.draw(
          CellWidth.pad(rest, to: rect.width - used), x: rect.x + used, y: y, width: rect.width - used, style: style)
      } else {
        canvas.draw(CellWidth.pad(text, to: rect.width), x: rect.x, y: y, width: rect.width, style: style)
      }
    }
  }
}

/// A message as it was shown, for the history.
package struct StatusMessage: Equatable, Sendable {
  package var text: String
  package var isError: Bool

  /// What a message is, for the code that decides whether a newer one may replace it: never
  /// read back from its words.
  package enum Kind: Equatable, Sendable {
    case info, error
    /// A lesson's step (or the lesson) was just passed: an answer arriving with it keeps it.
    case stepDone
  }
}

/// The messages so far, whole (`messages` in the palette, as vim's `:messages`): the newest
/// last, wrapped at spaces, scrolled with ↑↓ PgUp PgDn. Pure.
enum MessagesView {
  /// The history's lines at `width` columns, newest last.
  static func lines(_ state: PlaygroundState, width: Int) -> [(text: String, isError: Bool)] {
    guard !state.messageHistory.isEmpty else { return [("No messages yet.", false)] }
    return state.messageHistory.flatMap { message in
      CellWidth.wrap("• " + TerminalSafe.escape(message.text), to: max(10, width - 1), indent: "  ").map {
        ($0, message.isError)
      }
    }
  }

  static func frame(_ size: Size) -> Rect {
    let width = min(size.width - 4, 100)
    return Rect(x: (size.width - width) / 2, y: 0, width: width, height: size.height)
  }

  /// The scroll that shows the newest lines (the overlay opens there).
  static func maxScroll(_ state: PlaygroundState) -> Int {
    let rect = frame(state.size)
    let count = lines(state, width: rect.width - 2).count
    let rows = rect.height - 2
    // Scrolled, the first row is the "↑ more" mark: the newest line still ends the box.
    return count <= rows ? 0 : count - max(1, rows - 1)
  }

  static func draw<C: Canvas>(_ state: PlaygroundState, into canvas: inout C) {
    let rect = frame(state.size)
    let all = lines(state, width: rect.width - 2)
    let rows = rect.height - 2
    let first = min(state.messagesScroll, maxScroll(state))
    canvas.fill(rect, style: .normal)
    canvas.box(
      rect, title: "\(state.messageHistory.count) messages, newest last · ↑↓ PgUp PgDn · Esc closes", focused: true)
    let window = ListWindow(count: all.count, focus: nil, rows: rows, start: first)
    window.draw(in: rect.inner, into: &canvas) { index, row, canvas in
      canvas.draw(
        CellWidth.pad(" " + all[index].text, to: rect.width - 2), x: rect.x + 1, y: rect.y + 1 + row,
        width: rect.width - 2, style: all[index].isError ? .serverError : .normal)
    }
  }
}
