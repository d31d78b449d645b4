import Foundation
import Squall
import Testing

@testable import SquallPlayground
@testable import SquallPlaygroundCore

/// The terminal changes size under a full screen: every size from 1x1 up, in a storm of 500
/// random resizes (seeded), over a log of hostile and wide text, every pane zoomed in turn.
/// Each frame must fill exactly the new size, no row wider than the screen in cells.
@Suite struct ResizeStormTests {
  static func busyHostileState() -> PlaygroundState {
    var state = Fixtures.state(width: 120, height: 40)
    Fixtures.busyLog(&state)
    var wide = Fixtures.served(
      "GET", "/👨‍👩‍👧/漢字/e\u{301}/\u{202E}evil", status: 200, reason: "OK", second: 6,
      body: String(decoding: Fixtures.hostile, as: UTF8.self) + String(repeating: "🙂", count: 500))
    wide.requestHeaders.append(("X-Emoji", "👍🏽⚡❤️"))
    state.log.store.append(wide)
    return state
  }

  /// Every row of the canvas takes exactly `width` columns by the terminal's count.
  static func checkFrame(_ state: PlaygroundState) {
    let size = state.size
    var canvas = GridCanvas(width: size.width, height: size.height)
    render(state, into: &canvas)
    let rows = size.height > 0 ? canvas.text.split(separator: "\n", omittingEmptySubsequences: false) : []
    #expect(rows.count == max(0, size.height), "\(size)")
    for (index, row) in rows.enumerated() {
      #expect(
        CellWidth.of(String(row)) == size.width,
        "row \(index) at \(size.width)x\(size.height): \(String(row).unicodeScalars.map { $0.isASCII ? String($0) : "\\u{\(String($0.value, radix: 16))}" }.joined())"
      )
    }
  }

  @Test func aResizeStormNeverBreaksAFrame() {
    var state = Self.busyHostileState()
    var random = UInt64(0x5EED)
    func next(_ bound: Int) -> Int {
      random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((random >> 33) % UInt64(bound))
    }
    let fixed = [
      Size(width: 20, height: 5), Size(width: 1, height: 1), Size(width: 80, height: 24), Size(width: 79, height: 24),
    ]
    // Each pane focused, zoomed and not, in turn: set directly, since keys wait while the
    // terminal is too small (most random sizes are). The frames drawn at a usable size must
    // have seen all eight.
    var covered: Set<String> = []
    for step in 0..<500 {
      let size = step < fixed.count ? fixed[step] : Size(width: 1 + next(220), height: 1 + next(70))
      _ = update(&state, .resize(size))
      state.focus = Pane.allCases[(step / 2) % Pane.allCases.count]
      state.zoomed = step % 2 == 1
      Self.checkFrame(state)
      if size.width >= PlaygroundState.minimumSize.width, size.height >= PlaygroundState.minimumSize.height {
        covered.insert("\(state.focus.title) \(state.zoomed ? "zoomed" : "beside the others")")
      }
    }
    #expect(covered.count == Pane.allCases.count * 2, "every pane, zoomed and not, at a usable size: \(covered)")
  }

  @Test func aTwentyByFiveTerminalSaysWhatItNeeds() {
    var state = Self.busyHostileState()
    _ = update(&state, .resize(Size(width: 20, height: 5)))
    var canvas = GridCanvas(width: 20, height: 5)
    render(state, into: &canvas)
    #expect(canvas.text.contains("Terminal too small:"))
    #expect(!canvas.text.contains("\u{1B}"))
  }
}
