import Foundation
import Squall
import SquallRequests
import SquallTestSupport
import SquallValues
import Testing

@testable import SquallPlayground
@testable import SquallPlaygroundCore

/// The playground's pure `update`, driven by 100,000 seeded random events: letters, control and
/// Alt keys, F-keys, Enter, Esc, Tab, arrows, pastes of odd text (combining marks, emoji, bidi
/// overrides, escape sequences), clicks, scrolls and resizes. A small test runtime answers each
/// send with a response, so requests complete. After every event the state's invariants hold;
/// every 25 events the frame fills the screen exactly.
///
/// A failure prints the seed and the step; `SQUALL_UPDATE_FUZZ_SEED` and `SQUALL_UPDATE_FUZZ_STEPS`
/// replay or lengthen a run.
@Suite struct UpdateFuzzTests {
  struct Generator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(max(1, bound)))
    }
  }

  static let pastes: [String] = [
    "HOST", "{{base}}/echo", "e\u{301}\u{301}", "👨‍👩‍👧", "\u{202E}evil", "\u{1B}[31mred", "a\tb", "漢字", "'\"\\",
    ":99999/", "http://127.0.0.1:4294967296/", "1048576001000", "0\0]", "{\"a\": [1,", "\u{FEFF}", " ",
  ]
  static let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 :/?&=.-_{}[]\"',*+%#@!")

  /// One event, or the keys of one paste.
  static func randomEvents(_ random: inout Generator, size: Size) -> [PlaygroundEvent] {
    if random.next(100) < 5 { return pastes[random.next(pastes.count)].map { .key(.character($0)) } }
    return [randomEvent(&random, size: size)]
  }

  static func randomEvent(_ random: inout Generator, size: Size) -> PlaygroundEvent {
    switch random.next(100) {
    case 0..<45: return .key(.character(letters[random.next(letters.count)]))
    case 45..<50: return .key(.control(Array("abcdefghijklmnopqrstuvwxyz")[random.next(26)]))
    case 50..<53: return .key(.alt(Array("bfdx")[random.next(4)]))
    case 53..<60: return .key(.enter)
    case 60..<65: return .key(.escape)
    case 65..<70: return .key([.tab, .backTab][random.next(2)])
    case 70..<82:
      return .key([.up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .backspace, .delete][random.next(10)])
    case 82..<88: return .key(.function(1 + random.next(12)))
    case 88..<91: return .click(x: random.next(size.width + 2), y: random.next(size.height + 2))
    case 91..<93: return .scroll(x: random.next(size.width), y: random.next(size.height), lines: random.next(7) - 3)
    case 93..<95:
      let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 20, height: 5)]
      return .resize(
        random.next(4) == 0 ? Size(width: 1 + random.next(200), height: 1 + random.next(60)) : sizes[random.next(3)])
    default: return .key(.character("\u{301}"))
    }
  }

  /// What a runtime would answer, as events: a response to each send, results of a burst.
  static func answers(to effects: [Effect], step: Int) -> [PlaygroundEvent] {
    effects.flatMap { effect -> [PlaygroundEvent] in
      switch effect {
      case .network(.send(let id, let spec, _)):
        let entry = LogEntry(
          time: Fixtures.noon, direction: .fetched, method: spec.method, target: spec.url, status: 200, reason: "OK",
          responseHeaders: [("Content-Type", "application/json")], responseBody: Array(#"{"n": \#(step)}"#.utf8),
          responseBodySize: 10, duration: 0.01)
        return [.fetched(id: id, response: BuilderResponse(entry: entry, firstByte: 0.005, effectiveURL: spec.url))]
      case .network(.burst(let id, _, _, _, _)):
        return [.burstFinished(id: id, wallTime: 0.1)]
      default: return []
      }
    }
  }

  /// What is wrong with `state`, in words, or nothing.
  static func violations(_ state: PlaygroundState, step: Int, seed: UInt64) -> [String] {
    var found: [String] = []
    let context = "seed \(seed), step \(step)"
    func fieldOK(_ field: TextField) -> Bool { (0...field.text.count).contains(field.cursor) }
    switch state.builder.editor {
    case .url(let field), .option(_, let field), .search(let field):
      if !fieldOK(field) { found.append("a field's cursor outside its text: \(context)") }
    case .row(_, let name, let value, _):
      if !fieldOK(name) || !fieldOK(value) { found.append("a row's cursor outside its text: \(context)") }
    case .auth(let user, let password, _):
      if !fieldOK(user) || !fieldOK(password) { found.append("an auth cursor outside its text: \(context)") }
    case .body, nil: break
    }
    if !fieldOK(state.log.filter) { found.append("the filter's cursor outside its text: \(context)") }
    if state.builder.responseScroll < 0 { found.append("a negative response scroll: \(context)") }
    if state.log.detailScroll < 0 { found.append("a negative detail scroll: \(context)") }
    let lines = ServerPaneState.settingLines + state.server.routes.count
    if !(0..<max(1, lines)).contains(state.server.selection) {
      found.append("the server selection outside its lines: \(context)")
    }
    // Every option within the range its table gives.
    let options = state.server.options
    let values: [(NumberOption, Double?)] = [
      (.maxBufferSize, Double(options.maxBufferSize)), (.maxBodySize, options.maxBodySize.map(Double.init)),
      (.maxHeaderSize, Double(options.maxHeaderSize)), (.idleConnectionTimeout, options.idleConnectionTimeout),
      (.bodyTimeout, options.bodyTimeout), (.requestTimeout, state.builder.spec.options.requestTimeout),
      (.connectTimeout, state.builder.spec.options.connectTimeout),
      (.maxRedirects, state.builder.spec.options.maxRedirects.map(Double.init)),
    ]
    for (option, value) in values where value.map({ !option.range.contains($0) }) ?? false {
      found.append("\(option.name) = \(value ?? 0), past its range: \(context)")
    }
    // The fields of overlays and forms keep their cursors within their text too.
    switch state.builder.overlay {
    case .burst(let count, let concurrency, _):
      if !fieldOK(count) || !fieldOK(concurrency) { found.append("a burst field's cursor: \(context)") }
    case .saveAs(let field), .importCurl(let field), .savePath(let field, _):
      if !fieldOK(field) { found.append("an overlay field's cursor: \(context)") }
    default: break
    }
    if case .route(let form) = state.server.editor, !form.fields.allSatisfy(fieldOK) {
      found.append("a route form field's cursor: \(context)")
    }
    if case .option(_, let field) = state.server.editor, !fieldOK(field) {
      found.append("a server option field's cursor: \(context)")
    }
    return found
  }

  /// Rows of the frame that do not fill the screen exactly.
  static func frameViolations(_ state: PlaygroundState, step: Int, seed: UInt64) -> [String] {
    let size = state.size
    var canvas = GridCanvas(width: size.width, height: size.height)
    render(state, into: &canvas)
    let rows = size.height > 0 ? canvas.text.split(separator: "\n", omittingEmptySubsequences: false) : []
    var found: [String] = []
    if rows.count != max(0, size.height) { found.append("\(rows.count) rows at \(size): seed \(seed), step \(step)") }
    for (index, row) in rows.enumerated() where CellWidth.of(String(row)) != size.width {
      found.append("row \(index) is \(CellWidth.of(String(row))) cells at \(size): seed \(seed), step \(step)")
    }
    return found
  }

  /// One run: the violations found (at most 20) and how many requests went out.
  static func run(seed: UInt64, steps: Int) -> (violations: [String], sends: Int) {
    var random = Generator(state: seed)
    var state = ResizeStormTests.busyHostileState()
    var sends = 0
    var found: [String] = []
    var step = 0
    while step < steps && found.count < 20 {
      for event in randomEvents(&random, size: state.size) {
        step += 1
        let wasInFlight = state.builder.inFlight != nil
        let effects = update(&state, event)
        let newSends = effects.filter { if case .network(.send) = $0 { true } else { false } }.count
        if newSends > 1 || (newSends == 1 && wasInFlight) {
          found.append("a second send while one is in flight: seed \(seed), step \(step)")
        }
        sends += newSends
        if state.quitting { state.quitting = false }
        for answer in answers(to: effects, step: step) { _ = update(&state, answer) }
        found += violations(state, step: step, seed: seed)
        if step % 25 == 0 { found += frameViolations(state, step: step, seed: seed) }
      }
    }
    return (found, sends)
  }

  /// Runs on a thread of its own: seconds of pure computation must not hold one of the few
  /// threads of Swift's pool, where async-http-client's timeouts run (with both held, another
  /// test's 0.3 s timeout fired after its 1 s response).
  @Test func randomKeysKeepEveryInvariant() async throws {
    let environment = ProcessInfo.processInfo.environment
    let seed = environment["SQUALL_UPDATE_FUZZ_SEED"].flatMap(UInt64.init) ?? 0x5EED_F00D
    let steps = environment["SQUALL_UPDATE_FUZZ_STEPS"].flatMap(Int.init) ?? 100_000
    let (found, sends) = try await blocking { Self.run(seed: seed, steps: steps) }
    #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    #expect(sends > 0, "the run sent requests (it reached the builder)")
  }
}

/// Found by `UpdateFuzzTests` (seed 1, 200,000 steps): the History overlay's border drawn over
/// the right half of `漢` left its left half, and the row one cell wider than the screen.
@Suite struct WideCellOverlapTests {
  @Test func drawingOverHalfAWideCharacterBlanksTheOtherHalf() {
    var canvas = GridCanvas(width: 6, height: 1)
    canvas.draw("a漢b", x: 0, y: 0, width: 6, style: .normal)
    canvas.draw("┏", x: 2, y: 0, width: 1, style: .normal)
    #expect(canvas.line(0) == "a ┏b  ")
    canvas.draw("漢字", x: 0, y: 0, width: 6, style: .normal)
    canvas.draw("x", x: 1, y: 0, width: 1, style: .normal)
    #expect(canvas.line(0) == " x字  ")
    canvas.fill(Rect(x: 3, y: 0, width: 3, height: 1), style: .normal)
    #expect(canvas.line(0) == " x    ")
    #expect(CellWidth.of(canvas.line(0)) == 6)
  }
}
