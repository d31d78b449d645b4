import CNcurses
import Foundation
import SquallPlaygroundCore

#if canImport(Glibc)
  import Glibc
#endif

/// The terminal, through ncursesw. The only file that calls ncurses; every call happens on the
/// UI thread. Screens are rendered into a `GridCanvas` and copied here; ncurses then sends only
/// the cells that changed.
final class CursesTerminal {
  struct StartError: Error, CustomStringConvertible {
    var description: String
  }

  private var screen: OpaquePointer?
  private var window: UnsafeMutablePointer<WINDOW>?
  private var attributes: [Style: Int32] = [:]
  private(set) var colour = false

  /// Takes over the terminal. Fails with a clear message when stdin/stdout is not a terminal or TERM is unknown.
  func start(colour wantColour: Bool) throws {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
      throw StartError(description: "the playground needs a terminal; use `squall serve` or `squall fetch` in scripts")
    }
    squall_locale()
    guard let screen = squall_newterm() else {
      let term = ProcessInfo.processInfo.environment["TERM"] ?? "(unset)"
      throw StartError(description: "unknown terminal type TERM=\(term); try TERM=xterm-256color")
    }
    self.screen = screen
    let window = squall_stdscr()
    self.window = window
    raw()
    noecho()
    nonl()
    keypad(window, true)
    intrflush(window, false)
    nodelay(window, true)
    curs_set(0)
    squall_set_escdelay(25)
    mousemask(
      mmask_t(
        squall_button1_clicked() | squall_button1_pressed() | squall_button4_pressed() | squall_button5_pressed()),
      nil)
    mouseinterval(0)
    colour = wantColour && has_colors()
    if colour {
      start_color()
      use_default_colors()
    }
    setUpAttributes()
  }

  /// Gives the terminal back as it was.
  func stop() {
    guard screen != nil else { return }
    endwin()
    delscreen(screen)
    screen = nil
    window = nil
  }

  /// Hands the terminal to another program (an editor) and takes it back after `body`.
  func suspend(_ body: () -> Void) {
    guard screen != nil, let window else { return body() }
    def_prog_mode()
    endwin()
    body()
    reset_prog_mode()
    clearok(window, true)
    wrefresh(window)
  }

  var size: Size {
    Size(width: Int(squall_cols()), height: Int(squall_lines()))
  }

  /// Copies `grid` to the screen and refreshes.
  func show(_ grid: GridCanvas) {
    guard let window else { return }
    for y in 0..<grid.size.height {
      var x = 0
      while x < grid.size.width {
        let style = grid.style(x: x, y: y)
        var run: [wchar_t] = []
        let start = x
        while x < grid.size.width, grid.style(x: x, y: y) == style {
          for scalar in grid.cells[y][x].text.unicodeScalars { run.append(wchar_t(bitPattern: scalar.value)) }
          x += 1
        }
        run.append(0)
        squall_attrset(window, attributes[style] ?? 0)
        run.withUnsafeBufferPointer { buffer in
          _ = mvwaddwstr(window, Int32(y), Int32(start), buffer.baseAddress)
        }
      }
    }
    squall_attrset(window, 0)
    wrefresh(window)
  }

  /// Puts `text` on the terminal's clipboard with OSC 52 (xterm, kitty, iTerm2, WezTerm; tmux
  /// with `set-clipboard on`). Terminals that do not know it ignore it; the bytes are base64,
  /// so nothing of `text` reaches the terminal raw. Written between frames, after curses
  /// flushed its frame (it writes a frame at once, in `wrefresh`).
  func copyToClipboard(_ text: String) {
    let sequence = "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
    let bytes = Array(sequence.utf8)
    var written = 0
    while written < bytes.count {
      let result = bytes[written...].withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
      if result < 0 && errno == EINTR { continue }
      guard result > 0 else { return }
      written += result
    }
  }

  /// Keys, clicks and resizes waiting on the terminal. What curses decoded (its terminfo's
  /// keys, the mouse, a resize) is taken as is; the characters around it are decoded by
  /// `KeyDecoder`, so a sequence curses does not know is one unknown key, not text.
  func readEvents() -> [PlaygroundEvent] {
    guard let window else { return [] }
    var events: [PlaygroundEvent] = []
    var run: [UInt32] = []
    func flush() {
      events += KeyDecoder.decode(run).map { .key($0) }
      run.removeAll()
    }
    while events.count + run.count < 512 {
      var character: wint_t = 0
      let result = wget_wch(window, &character)
      if result == ERR { break }
      if result == KEY_CODE_YES {
        flush()
        if let event = keyCodeEvent(Int32(character)) { events.append(event) }
      } else {
        run.append(UInt32(character))
      }
    }
    flush()
    return events
  }

  private func keyCodeEvent(_ code: Int32) -> PlaygroundEvent? {
    switch code {
    case KEY_UP: return .key(.up)
    case KEY_DOWN: return .key(.down)
    case KEY_LEFT: return .key(.left)
    case KEY_RIGHT: return .key(.right)
    case KEY_HOME: return .key(.home)
    case KEY_END: return .key(.end)
    case KEY_PPAGE: return .key(.pageUp)
    case KEY_NPAGE: return .key(.pageDown)
    case KEY_BACKSPACE: return .key(.backspace)
    case KEY_DC: return .key(.delete)
    case KEY_ENTER: return .key(.enter)
    case squall_key_btab(): return .key(.backTab)
    case KEY_RESIZE: return .resize(size)
    case KEY_MOUSE:
      var event = MEVENT()
      guard getmouse(&event) == OK else { return nil }
      let state = UInt(event.bstate)
      if state & UInt(squall_button4_pressed()) != 0 { return .scroll(x: Int(event.x), y: Int(event.y), lines: -3) }
      if state & UInt(squall_button5_pressed()) != 0 { return .scroll(x: Int(event.x), y: Int(event.y), lines: 3) }
      if state & UInt(squall_button1_clicked() | squall_button1_pressed()) != 0 {
        return .click(x: Int(event.x), y: Int(event.y))
      }
      return nil
    default:
      let f0 = squall_key_f0()
      if code > f0 && code <= f0 + 12 { return .key(.function(Int(code - f0))) }
      return nil
    }
  }

  private func setUpAttributes() {
    let bold = squall_a_bold()
    let reverse = squall_a_reverse()
    let dim = squall_a_dim()
    let mono: [Style: Int32] = [
      .dim: dim, .bold: bold, .focusedBorder: bold, .title: bold, .focusedTitle: bold | reverse, .selected: reverse,
      .statusBar: reverse, .key: dim, .error: bold | reverse, .warning: bold, .serverError: bold,
    ]
    guard colour else {
      attributes = mono
      return
    }
    let colours: [Style: (Int32, Int32, Int32)] = [  // foreground, background, extra attributes
      .dim: (-1, -1, dim), .bold: (-1, -1, bold), .border: (Int32(COLOR_BLUE), -1, 0),
      .focusedBorder: (Int32(COLOR_CYAN), -1, bold), .title: (Int32(COLOR_BLUE), -1, bold),
      .focusedTitle: (Int32(COLOR_BLACK), Int32(COLOR_CYAN), bold), .selected: (-1, -1, reverse),
      .statusBar: (Int32(COLOR_BLACK), Int32(COLOR_WHITE), 0), .key: (Int32(COLOR_CYAN), -1, 0),
      .success: (Int32(COLOR_GREEN), -1, 0), .redirect: (Int32(COLOR_CYAN), -1, 0),
      .clientError: (Int32(COLOR_YELLOW), -1, 0), .serverError: (Int32(COLOR_RED), -1, bold),
      .info: (Int32(COLOR_BLUE), -1, 0), .error: (Int32(COLOR_WHITE), Int32(COLOR_RED), bold),
      .warning: (Int32(COLOR_YELLOW), -1, bold), .inbound: (Int32(COLOR_MAGENTA), -1, 0),
      .outbound: (Int32(COLOR_GREEN), -1, 0),
    ]
    for (index, style) in Style.allCases.enumerated() {
      guard let (foreground, background, extra) = colours[style] else { continue }
      let pair = Int16(index + 1)
      init_pair(pair, Int16(foreground), Int16(background))
      attributes[style] = squall_color_pair(Int32(pair)) | extra
    }
  }
}
