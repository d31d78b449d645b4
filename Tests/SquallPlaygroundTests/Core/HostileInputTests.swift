import Foundation
import Testing

@testable import SquallPlayground
@testable import SquallPlaygroundCore

/// Bytes from the network never reach the terminal raw, and never break the layout.
@Suite struct HostileInputTests {
  func assertClean(_ canvas: GridCanvas) {
    for row in canvas.cells {
      for cell in row {
        for scalar in cell.text.unicodeScalars {
          #expect(
            scalar.value >= 0x20 && scalar.value != 0x7F && !(0x80..<0xA0).contains(scalar.value),
            "control U+\(String(scalar.value, radix: 16)) on screen")
          #expect(
            !(0x202A...0x202E).contains(scalar.value) && !(0x2066...0x2069).contains(scalar.value),
            "bidi override on screen")
        }
      }
    }
  }

  func hostileState(width: Int = 120, height: Int = 40) -> PlaygroundState {
    var state = Fixtures.state(width: width, height: height)
    let bad = String(decoding: Fixtures.hostile, as: UTF8.self)
    var entry = Fixtures.served("PO\u{1B}[1mST", "/\u{1B}[2J" + bad, status: 405, reason: "Method \u{1B}[5m", second: 1)
    entry.requestHeaders.append(("X-Evil", bad))
    entry.requestBody = Fixtures.hostile + Array(repeating: UInt8(ascii: "A"), count: 1_048_576)
    entry.requestBodySize = entry.requestBody.count
    entry.responseBody = Fixtures.hostile
    entry.rawRequest = Fixtures.hostile + Array("\r\n".utf8) + Fixtures.hostile
    state.log.store.append(entry)
    state.focus = .log
    return state
  }

  @Test func listLineIsEscaped() {
    let state = hostileState()
    var canvas = GridCanvas(width: 120, height: 40)
    render(state, into: &canvas)
    assertClean(canvas)
    #expect(canvas.text.contains("PO\\e[1mST"))
    #expect(canvas.text.contains("/\\e[2J\\e[2J\\e[31mred"))
  }

  @Test func expandedViewIsEscapedAndBounded() {
    var state = hostileState()
    _ = update(&state, .key(.enter))
    _ = update(&state, .key(.character("z")))
    #expect(state.log.expanded && state.zoomed)
    for size in [(80, 24), (120, 40), (200, 60)] {
      state.size = Size(width: size.0, height: size.1)
      var canvas = GridCanvas(width: size.0, height: size.1)
      render(state, into: &canvas)
      assertClean(canvas)
      #expect(
        canvas.text.contains("X-Evil: \\e[2J\\e[31mred\\e]0;pwned\\x07\\x00\u{FFFD}\u{FFFD}\\rtab\\there\\u{202e}evil"))
      // The frame is intact: the bottom border and the status bar are where they belong.
      #expect(canvas.line(size.1 - 1).contains("http://127.0.0.1:8888"))
      #expect(canvas.line(size.1 - 3).hasPrefix("└") || canvas.line(size.1 - 3).hasPrefix("┗"))
    }
    // The 1 MB body was cut to the preview limit when it entered the log.
    #expect(state.log.store.entries[0].requestBody.count == LogStore.previewLimit)
  }

  @Test func builderURLFieldShowsControlsEscaped() {
    var state = Fixtures.state()
    state.focus = .builder
    _ = update(&state, .key(.character("u")))
    _ = update(&state, .key(.control("u")))
    for character in "http://x/\u{1B}[31m" { _ = update(&state, .key(.character(character))) }
    var canvas = GridCanvas(width: 80, height: 24)
    render(state, into: &canvas)
    assertClean(canvas)
    #expect(!state.builder.spec.url.contains("\u{1B}"), "the field refuses control characters")
  }

  @Test func wideAndCombiningCharactersKeepColumns() {
    var canvas = GridCanvas(width: 10, height: 1)
    let used = canvas.draw("日本e\u{301}x", x: 0, y: 0, width: 10, style: .normal)
    #expect(used == 6)
    #expect(canvas.line(0) == "日本éx    ")
    #expect(CellWidth.truncate("日本語テキスト", to: 7) == "日本語…")
  }
}
